// End to end: the popup's first opening after the data changed. The browser is started twice on one profile: in
// the first, the popup answers x11 and keeps that answer as if an older build's data had given it; at the second
// start, the background answers x11 again from the data shipped now (ext/last-search.ts refreshKeptSearch), and
// the popup draws that answer before its search index is even in, and never the older one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backgroundAnswer, launchWithExtension, readKeptMirror, writeKeptMirror, type Harness } from './harness';
import { LAST_SEARCH_KEY } from '../../ext/last-search';

const profile = mkdtempSync(join(tmpdir(), 'portolan-e2e-update-'));
let harness: Harness | undefined;

afterAll(async () => {
  await harness?.close();
  rmSync(profile, { recursive: true, force: true });
});

const OLDER = 'an older build en-US';

describe('popup after an update', () => {
  it('draws the answer the background gave from the new data, not the one kept from the old', async () => {
    harness = await launchWithExtension({ profile });
    const popupUrl = `chrome-extension://${harness.extensionId}/popup.html`;
    const popup = await harness.context.newPage();
    await popup.goto(popupUrl);
    await popup.getByRole('searchbox', { name: 'Search ports' }).fill('x11');
    await expect.poll(() => popup.getByRole('option').first().textContent()).toContain('x11');
    await expect.poll(() => readKeptMirror(popup).then((kept) => kept?.query)).toBe('x11');
    const current: string = (await readKeptMirror(popup)).answeredBy;
    expect(current).toMatch(/^[0-9a-f]{16} /);
    // As if an older build's data had answered: its answer names x11 differently.
    await popup.evaluate(
      ({ key, older }) => {
        const kept = JSON.parse(localStorage.getItem(key)!);
        kept.answer.results[0].name = 'from-the-old-data';
        localStorage.setItem(key, JSON.stringify({ ...kept, answeredBy: older }));
      },
      { key: LAST_SEARCH_KEY, older: OLDER },
    );
    await writeKeptMirror(popup, { query: 'x11', answeredBy: OLDER });
    expect(await backgroundAnswer(popup)).toBeNull();
    await harness.close();

    harness = await launchWithExtension({ profile }); // the browser starts again: the background answers anew
    const page = await harness.context.newPage();
    await page.goto(`chrome-extension://${harness.extensionId}/options.html`);
    await expect
      .poll(() => backgroundAnswer(page).then((kept) => kept && `${kept.query} ${kept.answeredBy}`), {
        timeout: 10_000,
      })
      .toBe(`x11 ${current}`);
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const row = document.querySelector('[role=option]');
        if (!row) return;
        observer.disconnect();
        (window as unknown as { firstRow: object }).firstRow = {
          text: row.textContent,
          indexIn: performance.getEntriesByType('resource').some((entry) => entry.name.includes('search-index')),
        };
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`chrome-extension://${harness.extensionId}/popup.html`);
    const firstRow = await page
      .waitForFunction(() => (window as unknown as { firstRow?: object }).firstRow)
      .then((handle) => handle.jsonValue());
    expect(firstRow).toEqual({ text: expect.stringMatching(/6000\s*[–-]\s*6063\s*x11/), indexIn: false });
    expect(await page.locator('body').textContent()).not.toContain('from-the-old-data');
    // The live answer takes over and is kept under the new data's name.
    await expect
      .poll(() => page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).answeredBy, LAST_SEARCH_KEY))
      .toBe(current);
  });
});
