// End to end in Chromium: paste to explain in the popup page of the built extension, and the card page the
// omnibox opens (entrypoints/card/), loaded directly by its address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, launchWithExtension, type Harness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await launchWithExtension();
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

async function openExtensionPage(path: string): Promise<Page> {
  const page = await harness.context.newPage();
  await page.goto(`chrome-extension://${harness.extensionId}/${path}`);
  return page;
}

/** Pastes text into the focused element the way the browser delivers a paste (a ClipboardEvent with its data). */
async function pasteInto(page: Page, text: string): Promise<void> {
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    (document.activeElement ?? document.body).dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

const NETSTAT = [
  'Active Connections',
  '',
  '  Proto  Local Address          Foreign Address        State           PID',
  '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1044',
  '  TCP    0.0.0.0:3389           0.0.0.0:0              LISTENING       1200',
  '  TCP    127.0.0.1:5432         0.0.0.0:0              LISTENING       4242',
  '  UDP    0.0.0.0:53             *:*                                    2288',
].join('\r\n');

describe('paste to explain in the popup', () => {
  it('lists the ports of pasted netstat output with names, and keeps hostile text as text', async () => {
    const popup = await openExtensionPage('popup.html');
    await popup.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');
    await pasteInto(popup, `${NETSTAT}\r\n<img src=x onerror="document.title='pwned'"> \u202Eport 8443`);
    const list = popup.getByRole('region', { name: 'In the pasted text' });
    await expect.poll(() => list.locator('.pl-port').allTextContents()).toEqual(['53', '135', '3389', '5432', '8443']);
    const rows = list.locator('.pl-row');
    expect(await rows.nth(0).textContent()).toContain('domain');
    expect(await rows.nth(3).locator('.pl-name').textContent()).toBe('PostgreSQL');
    expect(await rows.nth(0).locator('.pl-protocols').textContent()).toBe('udp');
    // Markup and the bidi override are shown as characters, never run or applied.
    expect(await popup.locator('.pl-extras img').count()).toBe(0);
    expect(await rows.nth(4).locator('.pl-excerpt').textContent()).toContain('<img src=x');
    expect(await rows.nth(4).locator('.pl-excerpt').textContent()).toContain('\u27e8U+202E\u27e9port 8443');
    expect(await popup.title()).toBe('Portolan');
    // The search box did not take the paste.
    expect(await popup.getByRole('searchbox', { name: 'Search ports' }).inputValue()).toBe('');

    // A row opens the full card in the popup.
    await rows.nth(3).click();
    await expect.poll(() => popup.getByRole('heading', { level: 2 }).first().textContent()).toBe('Port 5432');
    await popup.close();
  });

  it('copies the list as CSV to the clipboard', async () => {
    await harness.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const popup = await openExtensionPage('popup.html');
    await popup.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');
    await pasteInto(popup, NETSTAT);
    const list = popup.getByRole('region', { name: 'In the pasted text' });
    await list.locator('.pl-row').first().waitFor();
    await list.getByRole('button', { name: 'CSV' }).click();
    await expect.poll(() => list.locator('.pl-said').textContent()).toBe('Copied as CSV');
    const csv = await popup.evaluate(() => navigator.clipboard.readText());
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('port,protocol,iana_service,likely_software,mentions,page_url,date');
    // The curated software name holds commas, so it comes quoted.
    expect(lines[1]).toMatch(/^53,udp,domain,"[^"]+",1,,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(lines).toHaveLength(6); // header, four ports, and the final CRLF
    await popup.close();
  });
});

describe('the card page the omnibox opens', () => {
  it('shows the full card for a port', async () => {
    const page = await openExtensionPage('card.html?q=5432');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Port 5432');
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toContain('postgresql');
    expect(body).toContain('Check it locally');
    expect(await page.title()).toBe('Port 5432 \u2014 Portolan');
    await page.close();
  });

  it('opens the card for a name, with the other matches as links', async () => {
    const page = await openExtensionPage('card.html?q=postgres');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Port 5432');
    const others = page.getByRole('region', { name: 'Other matches' }).getByRole('link');
    expect(await others.count()).toBeGreaterThan(0);
    expect(await others.first().getAttribute('href')).toMatch(/^\/card\.html\?q=\d+/);
    await page.close();
  });

  it('lists a range the way the popup does, each result a link to its own card', async () => {
    const page = await openExtensionPage(`card.html?q=${encodeURIComponent('30000-32767')}`);
    const results = page.getByRole('region', { name: 'Results' });
    await results.getByRole('link').first().waitFor();
    const ports = (await results.locator('.cp-port').allTextContents()).map((text) => Number(text.split('\u2013')[0]));
    expect(ports.length).toBeGreaterThan(0);
    expect(ports.every((port) => port >= 30000 && port <= 32767)).toBe(true);
    await results.getByRole('link').first().click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe(`Port ${ports[0]}`);
    await page.close();
  });

  it('shows a query with markup as text', async () => {
    const page = await openExtensionPage(`card.html?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    await expect.poll(() => page.locator('main').textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('main img').count()).toBe(0);
    await page.close();
  });

  it('made no network request', () => {
    expect(harness.foreignRequests).toEqual([]);
  });
});

/** The built extension in a Chromium whose UI language is `language` (what chrome.i18n picks a locale by). */
async function launchInLanguage(language: string) {
  const profile = mkdtempSync(join(tmpdir(), 'portolan-e2e-lang-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale: language,
    env: { ...process.env, LANGUAGE: language, LANG: `${language}.UTF-8` },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      `--lang=${language}`,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    open: async (path: string) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

describe('the reader’s language', () => {
  it('shows the new popup lists and the card page in German, with IANA’s text as IANA wrote it', async () => {
    const german = await launchInLanguage('de');
    try {
      const popup = await german.open('popup.html');
      await expect.poll(() => popup.locator('.pl-hint').textContent()).toMatch(/^Fügen Sie hier Socket-Ausgaben/);
      await pasteInto(popup, NETSTAT);
      const list = popup.getByRole('region', { name: 'Im eingefügten Text' });
      await expect.poll(() => list.locator('.pl-summary').textContent()).toBe('Ports: 4 · Erwähnungen: 4');
      // The registry's names and descriptions are not translated.
      expect(await list.locator('.pl-row').nth(0).textContent()).toContain('domain');
      const page = await german.open('card.html');
      await expect
        .poll(() => page.locator('main .cp-note').textContent())
        .toMatch(/^Geben Sie in der Adressleiste „port“/);
    } finally {
      await german.close();
    }
  });

  it('shows the popup’s search, the card and the options page in German, and nothing runs wider than its box', async () => {
    const german = await launchInLanguage('de');
    /** Elements whose content is wider than they are, where nothing scrolls or ellipsizes it on purpose. */
    const overflowing = (page: Page, selector: string) =>
      page.evaluate(`(() => [...document.querySelectorAll(${JSON.stringify(selector)})].flatMap((root) => [root, ...root.querySelectorAll('*')])
        .filter((el) => { const s = getComputedStyle(el); return el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && s.overflowX === 'visible' && s.display !== 'inline'; })
        .map((el) => el.className + ': ' + (el.textContent || '').slice(0, 60)))()`) as Promise<string[]>;
    try {
      const popup = await german.open('popup.html');
      await popup.setViewportSize({ width: 380, height: 600 });
      const box = popup.getByRole('searchbox', { name: 'Ports suchen' });
      await box.fill('465');
      await popup.getByRole('option').first().waitFor();
      await box.press('Enter');
      const card = popup.locator('.pc');
      await card.waitFor();
      expect(await card.locator('.pc-answer-lead').first().textContent()).toBe('Am wahrscheinlichsten');
      expect(await card.getByRole('heading', { name: 'Lokal prüfen' }).count()).toBe(1);
      expect(await popup.getByRole('button', { name: '← Zurück zu den Ergebnissen' }).count()).toBe(1);
      // IANA's and the curated sources' text stays as written.
      expect(await card.locator('.pc-iana').textContent()).toContain('URL Rendezvous Directory for SSM');
      expect(await overflowing(popup, '.pc')).toEqual([]);
      const options = await german.open('options.html');
      await options.getByRole('heading', { name: 'Portolan-Einstellungen' }).waitFor();
      expect(await options.getByRole('switch', { name: 'Portnummern auf Webseiten markieren' }).count()).toBe(1);
      expect(await overflowing(options, 'main')).toEqual([]);
    } finally {
      await german.close();
    }
  });
});
