// End to end in Firefox: the built Firefox extension (.output/firefox-mv2) installs, marks ports on a served page
// so that pointing at one opens its card, and its popup searches the packaged registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { centreOfText, waitForCard, GECKO_ID, hoverForCard, launchFirefox, type FirefoxHarness } from './firefox-harness';

let firefox: FirefoxHarness;

beforeAll(async () => {
  firefox = await launchFirefox();
}, 60_000);

afterAll(async () => {
  await firefox?.close();
});

describe('Firefox: the built extension', () => {
  it('installs under its gecko id', () => {
    expect(firefox.installedId).toBe(GECKO_ID);
  });

  it('opens its options page with the settings read from storage', async () => {
    const options = await firefox.openExtensionPage('options.html', 'input[type="checkbox"][role="switch"]');
    expect(await options.$eval('h1', (h1) => h1.textContent)).toBe('Portolan settings');
    expect(await options.$eval('input[role="switch"]', (box) => (box as HTMLInputElement).checked)).toBe(true);
    await options.close();
  });
});

describe('Firefox: a served page', () => {
  let page: Page;
  beforeAll(async () => {
    page = await firefox.open('/annotation.html');
  });

  it('opens the card of a port the pointer rests on, with its IANA assignment', async () => {
    const card = await hoverForCard(page, '#prose', '8443');
    expect(card, 'no card for 8443 after pointing at it').not.toBeNull();
    expect(card).toContain('pcsync-https');
  });

  it('opens no card for a number that is not a port', async () => {
    await page.mouse.move(1, 1);
    const { x, y } = await centreOfText(page, '#negatives', '2019');
    await page.mouse.move(x, y, { steps: 3 });
    expect(await waitForCard(page, 2019, 2_000)).toBeNull();
  });

  it('leaves the page’s text as the page made it', async () => {
    const texts = await page.evaluate(() => ({ now: document.body.textContent, initial: (window as unknown as { __texts: { afterLate: string } }).__texts.afterLate }));
    expect(texts.now).toBe(texts.initial);
  });
});

describe('Firefox: the popup', () => {
  let popup: Page;
  beforeAll(async () => {
    popup = await firefox.openExtensionPage('popup.html', 'input[type="search"]');
  });

  /** Types a query as a person would and reads the first result row (polled: results follow the keystrokes). */
  async function search(query: string): Promise<() => Promise<string | null>> {
    await popup.click('input[type="search"]', { count: 3 });
    await popup.keyboard.press('Backspace');
    await popup.type('input[type="search"]', query);
    return () => popup.evaluate(() => document.querySelector('[role="listbox"] [role="option"]')?.textContent ?? null);
  }

  it('finds 3717 by number', async () => {
    await expect.poll(await search('3717'), { timeout: 15_000 }).toContain('wv-csp-udp-cir');
  });

  it('finds x11 by name as the range 6000–6063', async () => {
    await expect.poll(await search('x11'), { timeout: 15_000 }).toMatch(/6000\s*[–-]\s*6063/);
  });
});

describe('Firefox: the results page the context menu opens', () => {
  it('searches for the selection it was given (a range here)', async () => {
    const results = await firefox.openExtensionPage(`popup.html?q=${encodeURIComponent('6000-6063')}`, '[role="listbox"] [role="option"]');
    expect(await results.$eval('input[type="search"]', (box) => (box as HTMLInputElement).value)).toBe('6000-6063');
    expect(await results.$eval('[role="listbox"] [role="option"]', (row) => row.textContent)).toContain('x11');
    await results.close();
  });
});

describe('Firefox: privacy', () => {
  it('made no network request outside the local test server and the extension', () => {
    expect(firefox.foreignRequests).toEqual([]);
  });
});
