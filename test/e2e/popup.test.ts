// End to end: the toolbar popup of the built extension searches the packaged registry and switches Portolan
// off for the site of the active tab, live, and the setting survives a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  hoverMark,
  cardState,
  launchWithExtension,
  pagePorts,
  registeredMarks,
  setPortolanSettings,
  totalMentions,
  waitForAnnotations,
  type Harness,
} from './harness';

let harness: Harness;
let site: Page;
let popup: Page;

beforeAll(async () => {
  harness = await launchWithExtension();
  site = await harness.open('/annotation.html');
  await waitForAnnotations(harness, site, 11);
  popup = await harness.context.newPage();
  await popup.goto(`chrome-extension://${harness.extensionId}/popup.html`);
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

async function search(query: string) {
  const box = popup.getByRole('searchbox', { name: 'Search ports' });
  await box.fill(query);
  return popup.getByRole('listbox', { name: 'Results' });
}

describe('popup', () => {
  it('opens with the search box focused', async () => {
    await popup.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');
  });

  it('finds 3717 by number: wv-csp-udp-cir', async () => {
    const list = await search('3717');
    await expect.poll(() => list.getByRole('option').first().textContent()).toContain('wv-csp-udp-cir');
  });

  it('finds x11 by name as the range 6000–6063', async () => {
    const list = await search('x11');
    await expect.poll(() => list.getByRole('option').first().textContent()).toMatch(/6000\s*[–-]\s*6063/);
    expect(await list.getByRole('option').first().textContent()).toContain('x11');
  });

  it('reopened, draws the last search and its kept answer before the page has even finished loading', async () => {
    await search('x11');
    await expect.poll(() => popup.getByRole('option').first().textContent()).toContain('x11');
    const again = await harness.context.newPage();
    // What the page holds when DOMContentLoaded fires: the module has run, the index's fetch has not answered.
    await again.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const seen = window as unknown as { atLoaded: { query: string; row: string | null } };
        seen.atLoaded = {
          query: document.querySelector('input')?.value ?? '',
          row: document.querySelector('[role=option]')?.textContent ?? null,
        };
      });
    });
    const atLoaded = () =>
      again.waitForFunction(() => (window as unknown as { atLoaded?: object }).atLoaded).then((h) => h.jsonValue());
    await again.goto(`chrome-extension://${harness.extensionId}/popup.html`);
    expect(await atLoaded()).toEqual({ query: 'x11', row: expect.stringMatching(/6000\s*[–-]\s*6063\s*x11/) });
    // Kept under this build's index hash and the UI language; under any other name the answer is not drawn.
    const kept = await again.evaluate(() => JSON.parse(localStorage.getItem('portolan.lastSearch') ?? 'null'));
    expect(kept.answeredBy).toMatch(/^[0-9a-f]{16} en/);
    // An answer kept under another build's name, with a row that build would have shown: it must never be drawn,
    // whether the index answers before the page has loaded or after.
    await again.evaluate(() => {
      const entry = JSON.parse(localStorage.getItem('portolan.lastSearch')!);
      const oldRow = { ...entry.answer.results[0], description: 'Row of the older build' };
      const answer = { ...entry.answer, results: [oldRow] };
      localStorage.setItem(
        'portolan.lastSearch',
        JSON.stringify({ ...entry, answer, answeredBy: 'an older build en' }),
      );
    });
    await again.addInitScript(() => {
      const seen = window as unknown as { rowsDrawn: string[] };
      seen.rowsDrawn = [];
      new MutationObserver(() => {
        for (const row of document.querySelectorAll('[role=option]')) seen.rowsDrawn.push(row.textContent ?? '');
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await again.reload();
    expect(await atLoaded()).toMatchObject({ query: 'x11' });
    await expect.poll(() => again.getByRole('option').first().textContent()).toContain('X Window System');
    const rowsDrawn = await again.evaluate(() => (window as unknown as { rowsDrawn: string[] }).rowsDrawn);
    expect(rowsDrawn.length).toBeGreaterThan(0);
    expect(rowsDrawn.filter((row) => row.includes('older build'))).toEqual([]);
    await again.close();
  });

  it('opens a result as the port card with Enter, and Esc goes back', async () => {
    await search('3717');
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.locator('body').textContent()).toContain('Check it locally');
    await popup.keyboard.press('Escape');
    await popup.getByRole('searchbox', { name: 'Search ports' }).waitFor();
  });

  it('switches the active tab’s site off (annotations go away live) and keeps it after a reload', async () => {
    // The popup asks the active tab for its site: make the fixture page active, then (re)open the popup page.
    await site.bringToFront();
    await popup.reload();
    const siteSwitch = popup.getByRole('switch', { name: /Portolan on this site/ });
    await expect.poll(() => popup.locator('.pp-controls').textContent()).toContain('127.0.0.1');
    expect(await siteSwitch.isChecked()).toBe(true);
    await siteSwitch.click();
    await expect.poll(() => registeredMarks(site), { timeout: 10_000 }).toBe(0);

    await popup.reload();
    await expect.poll(() => popup.locator('.pp-controls').textContent()).toContain('127.0.0.1');
    expect(await popup.getByRole('switch', { name: /Portolan on this site/ }).isChecked()).toBe(false);
    await site.reload();
    await site.waitForLoadState('load');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await registeredMarks(site)).toBe(0);
    expect(totalMentions(await pagePorts(harness, site))).toBe(0);

    await popup.getByRole('switch', { name: /Portolan on this site/ }).click();
    await expect.poll(() => registeredMarks(site), { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it('takes a port selected on the page as its query', async () => {
    await site.evaluate(() => {
      const text = document.getElementById('prose')!.firstChild as Text;
      const range = document.createRange();
      range.setStart(text, text.data.indexOf('8443'));
      range.setEnd(text, text.data.indexOf('8443') + 4);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await site.bringToFront();
    await popup.reload();
    await expect.poll(() => popup.getByRole('searchbox', { name: 'Search ports' }).inputValue()).toBe('8443');
    await expect
      .poll(() => popup.getByRole('listbox', { name: 'Results' }).getByRole('option').first().textContent())
      .toContain('pcsync-https');
  });

  it('follows the theme setting, and the system scheme on auto, in the popup, its card and the page card', async () => {
    const LIGHT = 'rgb(255, 255, 255)';
    const DARK = 'rgb(29, 34, 40)';
    const background = (page: Page, selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((element) => getComputedStyle(element).backgroundColor);
    const cases = [
      ['auto', 'light', LIGHT],
      ['auto', 'dark', DARK],
      ['light', 'dark', LIGHT],
      ['dark', 'light', DARK],
    ] as const;
    for (const [theme, scheme, expected] of cases) {
      await setPortolanSettings(harness, { theme });
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.reload();
      await search('3716');
      await expect
        .poll(() => background(popup, '.pp'), { message: `popup, theme ${theme}, system ${scheme}` })
        .toBe(expected);
      await popup.getByRole('listbox', { name: 'Results' }).getByRole('option').first().waitFor();
      await popup.keyboard.press('Enter');
      await expect
        .poll(() => background(popup, '.pc'), { message: `popup card, theme ${theme}, system ${scheme}` })
        .toBe(expected);
    }
    // The card on the page (in its shadow root), dark by the setting on a light system.
    await site.emulateMedia({ colorScheme: 'light' });
    await site.bringToFront();
    await hoverMark(site, '#prose');
    await expect.poll(async () => (await cardState(site)).themedBackground).toBe(DARK);
    await setPortolanSettings(harness, { theme: 'auto' });
    await popup.emulateMedia({ colorScheme: 'light' });
  });

  it('made no network request outside the local test server', () => {
    expect(harness.foreignRequests).toEqual([]);
  });
});
