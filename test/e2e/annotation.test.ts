// End to end: the built extension in Chromium marks exactly the expected ports, keeps the text, shows the card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchWithExtension, setPortolanSettings, waitForAnnotations, type Harness } from './harness';

let harness: Harness;
let page: Page;

async function casesIn(frame: Page | Frame) {
  return frame.evaluate(() => {
    const hosts = [...document.querySelectorAll<HTMLElement>('.case')];
    return hosts.map((el) => {
      const root: ParentNode = el.shadowRoot ?? el;
      return {
        id: el.id,
        expected: (el.dataset.expect ?? '').split(/\s+/).filter(Boolean),
        marked: [...root.querySelectorAll('portolan-port')].map((w) => w.textContent ?? ''),
      };
    });
  });
}

beforeAll(async () => {
  harness = await launchWithExtension();
  page = await harness.open('/annotation.html');
  await page.waitForFunction(() => (window as any).__texts?.afterLate !== undefined);
  await page.waitForFunction(() => document.querySelector('#late portolan-port') !== null, null, { timeout: 10_000 });
  await waitForAnnotations(page);
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

describe('annotation in Chromium', () => {
  it('marks exactly the expected ports in every case, and none elsewhere', async () => {
    for (const c of await casesIn(page)) expect(c.marked, c.id).toEqual(c.expected);
    const total = await page.evaluate(() => document.querySelectorAll('portolan-port').length);
    const expectedTotal = (await casesIn(page)).filter((c) => c.id !== 'shadow-host').reduce((n, c) => n + c.expected.length, 0);
    expect(total).toBe(expectedTotal);
  });

  it('annotates a same-origin iframe through the content script in every frame', async () => {
    const frame = page.frame({ url: /annotation-frame\.html$/ });
    expect(frame).not.toBeNull();
    await frame!.waitForSelector('portolan-port', { timeout: 10_000 });
    for (const c of await casesIn(frame!)) expect(c.marked, c.id).toEqual(c.expected);
  });

  it('never changes what the page says, and wrappers carry the port', async () => {
    // The expected text comes from the markup recorded before the content script ran (plus the late line).
    const { now, before } = await page.evaluate(() => {
      const recorded = document.createElement('template');
      recorded.innerHTML = (window as any).__texts.afterLateHtml;
      return { now: document.body.textContent, before: recorded.content.textContent };
    });
    expect(now).toContain('port 8443');
    expect(now).toBe(before);
    const attrs = await page.$$eval('portolan-port', (els) => els.map((e) => [e.getAttribute('data-portolan-port'), e.textContent]));
    for (const [attr, text] of attrs) expect(attr).toBe(text);
  });

  it('leaves links working', async () => {
    await page.click('#metrics-link portolan-port');
    expect(new URL(page.url()).hash).toBe('#metrics');
  });

  it('shows the card with the IANA name on hover, and Esc closes it', async () => {
    await page.hover('#prose portolan-port >> nth=0');
    const card = page.locator('portolan-card [role="dialog"]');
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    await expect.poll(() => card.textContent()).toContain('pcsync-https');
    expect(await card.getAttribute('aria-label')).toContain('8443');
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached', timeout: 5_000 }).catch(async () => card.waitFor({ state: 'hidden', timeout: 1_000 }));
  });

  it('opens the card from the keyboard and returns focus to the port on Esc', async () => {
    await page.focus('#inline-split portolan-port');
    const card = page.locator('portolan-card [role="dialog"]');
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    await expect.poll(() => card.textContent()).toContain('6379');
    await page.keyboard.press('Escape');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('6379');
  });

  it('turning Portolan off for the site removes every wrapper and restores the DOM exactly, live', async () => {
    await page.keyboard.press('Escape');
    await setPortolanSettings(harness, { disabledSites: ['127.0.0.1'] });
    await page.waitForFunction(() => document.querySelectorAll('portolan-port').length === 0, null, { timeout: 10_000 });
    const { html, expected } = await page.evaluate(() => ({
      html: document.body.innerHTML,
      expected: (window as any).__texts.afterLateHtml as string,
    }));
    expect(html).toBe(expected);
    const shadowMarks = await page.evaluate(() => document.getElementById('shadow-host')!.shadowRoot!.querySelectorAll('portolan-port').length);
    expect(shadowMarks).toBe(0);

    await setPortolanSettings(harness, { disabledSites: [] });
    await page.waitForFunction(() => document.querySelectorAll('portolan-port').length > 0, null, { timeout: 10_000 });
    expect(await casesIn(page).then((cases) => cases.find((c) => c.id === 'prose')?.marked)).toEqual(['8443', '3000']);
  });

  it('made no network request outside the local test server', () => {
    expect(harness.foreignRequests).toEqual([]);
  });
});
