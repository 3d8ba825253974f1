// End to end in Firefox: the built Firefox extension (.output/firefox-mv2) installs, marks ports on a served page
// as CSS highlights (checked in the registry the page sees and on the screen) without touching its DOM, opens the
// card on hover and from the keyboard shortcuts, lists the page's ports in the popup and shows one from there, and
// its popup searches the packaged registry: the checks of the Chromium suite where they apply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import {
  cardText,
  centreOfText,
  clickToolbarPopupRow,
  clipboardText,
  closeToolbarPopup,
  GECKO_ID,
  hoverForCard,
  inkUnder,
  launchFirefox,
  marksIn,
  pressShortcut,
  registeredMarks,
  toolbarPopupRows,
  waitForCard,
  type FirefoxHarness,
} from './firefox-harness';

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

/** The ports each .case of a document must hold, in order (its data-expect), beside those marked in it. */
async function casesIn(target: Page | Frame) {
  const marks = await marksIn(target);
  return target.evaluate((marks) => {
    return [...document.querySelectorAll<HTMLElement>('.case')].map((el) => ({
      id: el.id,
      expected: (el.dataset.expect ?? '').split(/\s+/).filter(Boolean),
      marked: marks.filter((m) => m.caseId === el.id).map((m) => m.digits),
    }));
  }, marks);
}

/** What the page's world sees of the focus highlight: the digits of each range and the id of the element holding it. */
function focusMarks(page: Page) {
  return page.evaluate(() =>
    [...((CSS as unknown as { highlights: Map<string, Set<StaticRange>> }).highlights.get('portolan-focus') ?? [])].map(
      (r) => ({
        digits: (r.startContainer as Text).data.slice(r.startOffset, r.endOffset),
        in: r.startContainer.parentElement?.id ?? null,
      }),
    ),
  );
}

/** Waits until the page's world sees at least `minimum` marks registered. */
async function waitForMarks(page: Page, minimum: number): Promise<void> {
  await page.waitForFunction(
    (minimum) =>
      ((CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get('portolan')?.size ?? 0) >= minimum,
    { timeout: 10_000, polling: 100 },
    minimum,
  );
}

describe('Firefox: a served page', () => {
  let page: Page;
  beforeAll(async () => {
    page = await firefox.open('/annotation.html');
    await page.waitForFunction(
      () => (window as unknown as { __texts?: { afterLate?: string } }).__texts?.afterLate !== undefined,
      { timeout: 5_000 },
    );
    // 11 marks in the top document once the late text is scanned (the cases' data-expect).
    await waitForMarks(page, 11);
  }, 30_000);

  it('marks exactly the expected ports in every case, and none elsewhere, as CSS highlights the page can see', async () => {
    const cases = await casesIn(page);
    for (const c of cases) expect(c.marked, c.id).toEqual(c.expected);
    const marks = await marksIn(page);
    expect(marks.every((m) => m.caseId !== null)).toBe(true);
    expect(marks.length).toBe(cases.reduce((n, c) => n + c.expected.length, 0));
  });

  it('marks a same-origin iframe through the content script in every frame', async () => {
    const frame = page.frames().find((f) => f.url().endsWith('/annotation-frame.html'));
    expect(frame, 'no annotation-frame.html frame').toBeDefined();
    await expect.poll(() => registeredMarks(frame!), { timeout: 10_000 }).toBeGreaterThan(0);
    for (const c of await casesIn(frame!)) expect(c.marked, c.id).toEqual(c.expected);
  });

  it('draws the marks: an underline on the screen under a port, none under a number that is not one', async () => {
    await page.mouse.move(1, 1);
    // The ::highlight() text-decoration Firefox paints since 146 (the manifest's strict_min_version).
    expect(await inkUnder(page, '#prose', '8443')).toBeGreaterThan(5);
    expect(await inkUnder(page, '#negatives', '2019')).toBe(0);
  });

  it('leaves document.body.innerHTML byte for byte as the page made it, and inserts nothing anywhere', async () => {
    const { now, before, text, textBefore, htmlChildren, tabStops } = await page.evaluate(() => {
      const texts = (window as unknown as { __texts: { afterLateHtml: string; afterLate: string } }).__texts;
      return {
        now: document.body.innerHTML,
        before: texts.afterLateHtml,
        text: document.body.textContent,
        textBefore: texts.afterLate,
        htmlChildren: [...document.documentElement.children].map((el) => el.localName),
        tabStops: document.querySelectorAll('[tabindex]').length,
      };
    });
    expect(now).toBe(before);
    expect(text).toBe(textBefore);
    expect(htmlChildren).toEqual(['head', 'body']);
    expect(tabStops).toBe(0);
  });

  it('copying a selection that spans marked ports gives the original characters', async () => {
    await page.bringToFront();
    await page.evaluate(() => {
      const range = document.createRange();
      range.setStartBefore(document.getElementById('prose')!);
      range.setEndAfter(document.getElementById('table')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    const selected = await page.evaluate(() => getSelection()!.toString());
    expect(selected).toContain('port 8443');
    expect(selected).toContain('0.0.0.0:22');
    // Ctrl+C pressed for real (through the browser window), the clipboard read by the browser itself.
    await pressShortcut(page, 'Control+C');
    await expect.poll(() => clipboardText(page), { timeout: 3_000 }).toBe(selected);
    const html = await page.evaluate(() => {
      const holder = document.createElement('div');
      holder.append(getSelection()!.getRangeAt(0).cloneContents());
      return holder.innerHTML;
    });
    expect(html).not.toMatch(/portolan/i);
    await page.evaluate(() => getSelection()!.removeAllRanges());
  });

  it('opens the card of a port the pointer rests on, with its IANA assignment; Esc closes it and reaches the page too', async () => {
    await page.evaluate(() => {
      const counter = window as unknown as { __escapes: number };
      counter.__escapes = 0;
      document.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') counter.__escapes++;
      });
    });
    const card = await hoverForCard(page, '#prose', '8443');
    expect(card, 'no card for 8443 after pointing at it').not.toBeNull();
    // The card may say "Looking up port 8443…" for a moment before the record arrives.
    await expect.poll(() => cardText(page, 8443), { timeout: 10_000 }).toContain('pcsync-https');
    await page.keyboard.press('Escape');
    await expect.poll(() => cardText(page, 8443), { timeout: 3_000 }).toBeNull();
    expect(await page.evaluate(() => (window as unknown as { __escapes: number }).__escapes)).toBe(1);
  });

  it('opens the card of a port inside an open shadow root', async () => {
    // caretPositionFromPoint only looks into the shadow roots it is given by name: `{ shadowRoots }`.
    expect(await hoverForCard(page, '#shadow-host', '27017'), 'no card for 27017 in the shadow root').not.toBeNull();
    await expect.poll(() => cardText(page, 27017), { timeout: 10_000 }).toContain('Mongo database system');
    await page.keyboard.press('Escape');
    await expect.poll(() => cardText(page, 27017), { timeout: 3_000 }).toBeNull();
  });

  it('closes the card when the pointer leaves both the port and the card', async () => {
    expect(await hoverForCard(page, '#prose', '3000')).not.toBeNull();
    await page.mouse.move(1000, 700, { steps: 3 });
    await expect.poll(() => cardText(page, 3000), { timeout: 3_000 }).toBeNull();
  });

  it('opens no card for a number that is not a port', async () => {
    await page.mouse.move(1, 1);
    const { x, y } = await centreOfText(page, '#negatives', '2019');
    await page.mouse.move(x, y, { steps: 3 });
    expect(await waitForCard(page, 2019, 2_000)).toBeNull();
  });

  it('leaves links working: a click on a port inside a link follows it', async () => {
    const { x, y } = await centreOfText(page, '#metrics-link', '9090');
    await page.mouse.click(x, y);
    await expect.poll(() => new URL(page.url()).hash, { timeout: 3_000 }).toBe('#metrics');
  });

  describe('the keyboard path', () => {
    it('Alt+Shift+N moves to the next port and opens its card with focus in it; Alt+Shift+K goes back; Esc returns focus', async () => {
      await page.mouse.move(1, 1);
      await page.keyboard.press('Escape');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.bringToFront();
      await page.focus('#textarea');
      // Real key presses through the browser window (see pressShortcut): commands → background → this tab.
      await pressShortcut(page, 'Alt+Shift+N');
      await expect.poll(() => cardText(page, 8443), { timeout: 5_000 }).toContain('pcsync-https');
      // Focus is in the card: the page sees its (closed) shadow host as the active element.
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-portolan-card'))).toBe(true);
      await pressShortcut(page, 'Alt+Shift+N');
      await expect.poll(() => cardText(page, 3000), { timeout: 5_000 }).not.toBeNull();
      expect(await cardText(page, 8443)).toBeNull();
      await pressShortcut(page, 'Alt+Shift+K');
      await expect.poll(() => cardText(page, 8443), { timeout: 5_000 }).not.toBeNull();
      // The focus highlight is drawn on the port whose card is open.
      expect(await focusMarks(page)).toEqual([{ digits: '8443', in: 'prose' }]);
      await page.keyboard.press('Escape');
      await expect.poll(() => cardText(page, 8443), { timeout: 3_000 }).toBeNull();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('textarea');
      expect(await focusMarks(page)).toEqual([]);
    });

    // Not Alt+Shift+B for previous: Firefox on Linux and Windows opens its Bookmarks menu for it (its access key).
    it('Alt+Shift+K from no port goes to the last one', async () => {
      await page.bringToFront();
      await page.focus('#textarea');
      await pressShortcut(page, 'Alt+Shift+K');
      // From no port, "previous" is the last one in the document: the late Minecraft text.
      await expect.poll(() => cardText(page, 25565), { timeout: 3_000 }).not.toBeNull();
      await pressShortcut(page, 'Escape');
      await expect.poll(() => cardText(page, 25565), { timeout: 3_000 }).toBeNull();
    });
  });
});

describe('Firefox: the toolbar popup’s list of the ports on the page', () => {
  let page: Page;
  let viewer: Page;
  beforeAll(async () => {
    page = await firefox.open('/annotation.html');
    await waitForMarks(page, 11);
    // The extension page that reads the popup (see toolbarPopupRows), opened before the page is made active.
    viewer = await firefox.openExtensionPage('options.html', 'input[role="switch"]');
  }, 45_000);
  afterAll(async () => {
    await closeToolbarPopup(viewer).catch(() => undefined);
    await viewer?.close();
    await page?.close();
  });

  it('Alt+Shift+P opens the toolbar popup over the page; it lists every port of the page and its frame with its mentions', async () => {
    // First, because marksIn waits for animation frames, which a background tab does not get.
    await page.bringToFront();
    const expected = new Map<number, number>();
    for (const target of [page, ...page.frames().filter((f) => f.url().endsWith('/annotation-frame.html'))]) {
      for (const c of await casesIn(target))
        for (const port of c.expected) expected.set(Number(port), (expected.get(Number(port)) ?? 0) + 1);
    }
    expect(expected.size).toBeGreaterThan(10);
    await pressShortcut(page, 'Alt+Shift+P');
    const rows = async () =>
      ((await toolbarPopupRows(viewer)) ?? []).map(({ port, count }) => [port, count]).sort((a, b) => a[0]! - b[0]!);
    await expect.poll(rows, { timeout: 10_000 }).toEqual([...expected.entries()].sort((a, b) => a[0] - b[0]));
  });

  it('shows a port on the page when its row is clicked: its card opens there, then at the next mention', async () => {
    await clickToolbarPopupRow(viewer, 8443);
    await expect.poll(() => cardText(page, 8443), { timeout: 5_000 }).toContain('pcsync-https');
    expect(await focusMarks(page)).toEqual([{ digits: '8443', in: 'prose' }]);
    await clickToolbarPopupRow(viewer, 8443);
    await expect.poll(() => focusMarks(page), { timeout: 5_000 }).toEqual([{ digits: '8443', in: 'page-context' }]);
    expect(await cardText(page, 8443)).toContain('pcsync-https');
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

  it('reopened, starts from the last search and the answer it kept, under this build and language', async () => {
    await expect.poll(await search('x11'), { timeout: 15_000 }).toMatch(/6000\s*[–-]\s*6063/);
    const again = await firefox.openExtensionPage('popup.html', '[role="option"]');
    expect(await again.evaluate(() => document.querySelector('input')?.value)).toBe('x11');
    expect(await again.evaluate(() => document.querySelector('[role="option"]')?.textContent)).toContain('x11');
    const kept = await again.evaluate(() => JSON.parse(localStorage.getItem('portolan.lastSearch') ?? 'null'));
    expect(kept.answeredBy).toMatch(/^[0-9a-f]{16} en/);
    expect(kept.answer.results[0].name).toBe('x11');
    await again.close();
  });

  it('opens a result as the port card with Enter, and Esc goes back to the search', async () => {
    await expect.poll(await search('3717'), { timeout: 15_000 }).toContain('wv-csp-udp-cir');
    await popup.keyboard.press('Enter');
    await expect
      .poll(() => popup.evaluate(() => document.body.textContent), { timeout: 5_000 })
      .toContain('Check it locally');
    await popup.keyboard.press('Escape');
    await popup.waitForSelector('input[type="search"]', { timeout: 5_000 });
    await expect
      .poll(() => popup.evaluate(() => document.activeElement?.getAttribute('type')), { timeout: 3_000 })
      .toBe('search');
  });
});

describe('Firefox: a site switched off', () => {
  it('gets no card, and the toolbar button says "off" on its tab until it is switched on again', async () => {
    const page = await firefox.open('/annotation.html');
    const options = await firefox.openExtensionPage('options.html', 'input[role="switch"]');
    // The options page is an extension page: it reads the button and writes settings as the extension does.
    const badge = () =>
      options.evaluate(async (url) => {
        const api = (globalThis as unknown as { browser: any }).browser;
        const tab = (await api.tabs.query({})).find((candidate: { url?: string }) => candidate.url === url);
        return {
          text: await api.browserAction.getBadgeText({ tabId: tab.id }),
          title: await api.browserAction.getTitle({ tabId: tab.id }),
        };
      }, page.url());
    const setDisabledSites = (disabledSites: string[]) =>
      options.evaluate(async (disabledSites) => {
        const api = (globalThis as unknown as { browser: any }).browser;
        const key = 'portolan.settings';
        const stored = { ...(await api.storage.sync.get(key))[key], disabledSites, savedAt: Date.now() };
        await api.storage.sync.set({ [key]: stored });
      }, disabledSites);

    await expect.poll(badge, { timeout: 10_000 }).toEqual({ text: '', title: 'Portolan' });
    await setDisabledSites(['127.0.0.1']);
    await expect
      .poll(badge, { timeout: 10_000 })
      .toEqual({ text: 'off', title: 'Portolan is off on 127.0.0.1 (switch it on in the popup)' });
    await page.bringToFront();
    // Every mark goes away, live, and the page's DOM is as it was.
    await expect.poll(() => registeredMarks(page), { timeout: 10_000 }).toBe(0);
    expect(
      await page.evaluate(
        () =>
          document.body.innerHTML ===
          (window as unknown as { __texts: { afterLateHtml: string } }).__texts.afterLateHtml,
      ),
    ).toBe(true);
    expect(await hoverForCard(page, '#prose', '8443', 3_000)).toBeNull();

    await setDisabledSites([]);
    await expect.poll(badge, { timeout: 10_000 }).toEqual({ text: '', title: 'Portolan' });
    await expect.poll(() => registeredMarks(page), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await hoverForCard(page, '#prose', '8443')).not.toBeNull();
    await expect.poll(() => cardText(page, 8443), { timeout: 10_000 }).toContain('pcsync-https');
    await options.close();
    await page.close();
  });
});

describe('Firefox: the results page the context menu opens', () => {
  it('searches for the selection it was given (a range here)', async () => {
    const results = await firefox.openExtensionPage(
      `popup.html?q=${encodeURIComponent('6000-6063')}`,
      '[role="listbox"] [role="option"]',
    );
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
