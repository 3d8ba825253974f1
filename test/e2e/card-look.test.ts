// End to end, in Chromium with the built extension: layout facts of the card as a reader sees it. The popup
// renders the same card as the popover; the popover is checked on a dark page for the theme it takes.
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hoverMark, launchWithExtension, serveFromMemory, waitForAnnotations, type Harness } from './harness';

let harness: Harness;
let popup: Page;

beforeAll(async () => {
  harness = await launchWithExtension();
  popup = await harness.context.newPage();
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.goto(`chrome-extension://${harness.extensionId}/popup.html`);
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

/** Opens the card for a query's first result in the popup; resolves once it shows. */
async function openCard(query: string) {
  if ((await popup.locator('.pp-back').count()) > 0) await popup.locator('.pp-back').click(); // back to the list
  const box = popup.getByRole('searchbox', { name: 'Search ports' });
  await box.fill(query);
  await popup.getByRole('option').first().waitFor();
  await box.press('Enter');
  await popup.locator('.pc').waitFor({ state: 'visible' });
}

/** Where an element is, relative to the top of the card, in CSS pixels. */
function offsetInCard(selector: string) {
  return popup.evaluate((selector) => {
    const card = document.querySelector('.pc')!.getBoundingClientRect();
    const el = document.querySelector(selector)?.getBoundingClientRect();
    return el ? { top: el.top - card.top, bottom: el.bottom - card.top, width: card.width } : null;
  }, selector);
}

describe('the card in the popup', () => {
  it('3000: the answer (Grafana) sits inside the first 120 px of a 360 px wide card, before IANA’s hbci', async () => {
    await openCard('3000');
    const use = await offsetInCard('.pc-answer-use');
    expect(use).not.toBeNull();
    expect(use!.width).toBeLessThanOrEqual(360);
    expect(use!.bottom).toBeLessThanOrEqual(120);
    expect(await popup.locator('.pc-answer-use').first().textContent()).toMatch(/^Grafana/);
    const iana = await offsetInCard('.pc-answer-iana');
    expect(iana!.bottom).toBeLessThanOrEqual(300);
    const classLine = await offsetInCard('.pc-classline');
    expect(classLine!.top).toBeGreaterThan(use!.bottom);
  });

  it('62000: the ephemeral answer is inside the first 120 px', async () => {
    await openCard('62000');
    const lead = await offsetInCard('.pc-answer-ephemeral .pc-answer-lead');
    expect(lead!.top).toBeLessThanOrEqual(120);
    expect(await popup.locator('.pc-answer-ranges').textContent()).toMatch(/49152–65535/);
  });

  it('shows Unassigned as plain text: no border, shadow or background', async () => {
    await openCard('4');
    const label = popup.locator('.pc-iana-status').first();
    expect(await label.textContent()).toBe('Unassigned');
    const style = await label.evaluate((el) => {
      const s = getComputedStyle(el);
      return { border: s.borderTopStyle, width: s.borderTopWidth, shadow: s.boxShadow, background: s.backgroundColor };
    });
    expect(style).toEqual({ border: 'none', width: '0px', shadow: 'none', background: 'rgba(0, 0, 0, 0)' });
    expect(await offsetInCard('.pc-answer-status')).toMatchObject({ top: expect.any(Number) });
    expect((await offsetInCard('.pc-answer-status'))!.bottom).toBeLessThanOrEqual(120);
  });

  it('8000-8010: the range card counts both ends and says which ports are unassigned', async () => {
    await openCard('8000-8010');
    expect(await popup.getByRole('heading', { level: 2 }).textContent()).toBe('Ports 8000–8010');
    const counts = (await popup.locator('.pc-range-counts').textContent()) ?? '';
    expect(counts).toMatch(/^11 ports \(8000–8010, both ends included\): \d+ assigned, .*\d+ unassigned/);
    // The counts come from the snapshot (IANA reserved 8010 in 2018); the gaps line must agree with them.
    const unassigned = Number(/(\d+) unassigned/.exec(counts)![1]);
    const iana = (await popup.getByRole('region', { name: 'IANA registry in this range' }).textContent()) ?? '';
    if (unassigned === 0) expect(iana).toContain('No port of 8000–8010 is unassigned.');
    else expect(iana).toMatch(new RegExp(`Unassigned \\(${unassigned}\\)`));
  });
});

const DARK_PAGE = `<!doctype html><html><head><title>dark</title></head>
<body style="background:#0d1117;color:#e6edf3;font:16px sans-serif;margin:40px">
<p id="prose">The database listens on port 5432 by default.</p>
<div id="panel" style="background:#ffffff;color:#111;padding:20px"><p>Grafana serves on port 3000 here.</p></div>
</body></html>`;

describe('the popover on a dark page', () => {
  let page: Page;
  beforeAll(async () => {
    await serveFromMemory(harness, { '/dark.html': DARK_PAGE });
    page = await harness.open('/dark.html');
    await waitForAnnotations(harness, page, 2);
  }, 30_000);

  async function cardThemeFor(container: string) {
    await page.keyboard.press('Escape');
    const { card } = await hoverMark(page, container);
    expect(card.visible).toBe(true);
    return { theme: card.theme, background: card.themedBackground };
  }

  it('takes dark from the page’s dark background, whatever the OS prefers', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    const { theme, background } = await cardThemeFor('#prose');
    expect(theme).toBe('dark');
    expect(background).toBe('rgb(29, 34, 40)');
  });

  it('takes light inside a white panel of the same page, even when the OS prefers dark', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const { theme, background } = await cardThemeFor('#panel');
    expect(theme).toBe('light');
    expect(background).toBe('rgb(255, 255, 255)');
  });
});

const WORDS_PAGE = `<!doctype html><html><head><title>words</title></head><body style="font:16px sans-serif;margin:40px">
<p id="range">X11 displays take the TCP ports 6000-6063.</p>
<pre id="udp">iptables -A INPUT -p udp --dport 514 -j ACCEPT</pre>
</body></html>`;

describe('the popover says what the page says of the port', () => {
  let page: Page;
  beforeAll(async () => {
    await serveFromMemory(harness, { '/words.html': WORDS_PAGE });
    page = await harness.open('/words.html');
    await waitForAnnotations(harness, page, 3);
  }, 30_000);

  it('opens the range card on either end of a range', async () => {
    for (const nth of [0, 1]) {
      await page.keyboard.press('Escape');
      const { card } = await hoverMark(page, '#range', nth);
      expect(card.label).toContain('6000–6063');
      expect(card.text).toContain('6000–6063');
    }
  });

  it('gives the check commands of the protocol the page names (-p udp)', async () => {
    await page.keyboard.press('Escape');
    const { digits, card } = await hoverMark(page, '#udp');
    expect(digits).toBe('514');
    expect(card.text).toContain('ss -ulnp');
    expect(card.text).not.toContain('ss -tlnp');
  });
});

describe('page/page-theme in Chromium', () => {
  it('walks from a slotted node through its slot, and out of a shadow root to its host', async () => {
    const bundle = await build({
      entryPoints: ['page/page-theme.ts'],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'pageThemeModule',
    });
    const page = await harness.context.newPage();
    await page.setContent(`<body style="background:#fff"><div id="host"><span id="slotted">443</span></div></body>`);
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const themes = await page.evaluate(() => {
      const { pageTheme } = (window as unknown as { pageThemeModule: typeof import('../../page/page-theme') })
        .pageThemeModule;
      const host = document.getElementById('host')!;
      const shadow = host.attachShadow({ mode: 'open' });
      shadow.innerHTML = '<div style="background: rgb(27, 27, 27)"><slot></slot><b id="inner">22</b></div>';
      return {
        slotted: pageTheme('auto', document.getElementById('slotted'), false),
        inner: pageTheme('auto', shadow.getElementById('inner'), false),
        outside: pageTheme('auto', document.body, true),
      };
    });
    expect(themes).toEqual({ slotted: 'dark', inner: 'dark', outside: 'light' });
    await page.close();
  });
});
