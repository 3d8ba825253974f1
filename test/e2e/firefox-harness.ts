// Loads the built Firefox extension (.output/firefox-mv2) into Debian's firefox-esr through puppeteer-core over
// WebDriver BiDi. Nothing here depends on how ports are marked (wrapper elements or CSS highlights): pages are
// driven the way a person would, by pointing at the port's text, and the card is found by its role and name.
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic, type StaticServer } from '../../scripts/static-server';
import { marksInFrame, type SeenMark } from './harness';

export const FIREFOX_EXTENSION_DIR = resolve('.output/firefox-mv2');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const GECKO_ID = 'portolan@portolan.dev';
/** Fixed before launch (extensions.webextensions.uuids) so the moz-extension:// origin is known to the tests. */
export const EXTENSION_UUID = '3f5b2c1e-8d4a-4e7b-9c60-5a1d2e3f4b70';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/** Keeps the browser itself off the network: no update, telemetry, remote settings, prefetch or portal checks. */
const OFFLINE_PREFS: Record<string, unknown> = {
  'app.update.auto': false,
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'browser.discovery.enabled': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.feeds.snippets': false,
  'browser.ping-centre.telemetry': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.search.update': false,
  'captivedetect.canonicalURL': '',
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'dom.push.connection.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.update.enabled': false,
  'geo.provider.network.url': '',
  'media.gmp-manager.updateEnabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.http.speculative-parallel-limit': 0,
  'network.predictor.enabled': false,
  'network.prefetch-next': false,
  'network.trr.mode': 5,
  'services.settings.server': '',
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.unified': false,
};

export interface FirefoxHarness {
  browser: Browser;
  server: StaticServer;
  /** What installExtension reported: the gecko id the extension was installed under. */
  installedId: string;
  /** Every request a page made that did not go to the local test server or the extension itself. */
  foreignRequests: string[];
  open(path: string): Promise<Page>;
  /** Opens one of the extension's own pages (popup.html, options.html) and waits for `selector` in it. */
  openExtensionPage(file: string, selector: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFirefox(): Promise<FirefoxHarness> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `No built extension at ${FIREFOX_EXTENSION_DIR}: run "npm run build:firefox" first (npm test does).`,
    );
  }
  if (!existsSync(FIREFOX)) {
    throw new Error(`No Firefox at ${FIREFOX}: on Debian, apt-get install -y firefox-esr (or set FIREFOX_PATH).`);
  }
  const server = await serveStatic('test/pages');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1100, height: 800 },
    // Lets the BiDi session reach the moz-extension:// popup page.
    env: { ...process.env, MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' },
    extraPrefsFirefox: {
      ...OFFLINE_PREFS,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
    },
  });
  const installedId = await browser.installExtension(FIREFOX_EXTENSION_DIR);
  const foreignRequests: string[] = [];
  const watch = (page: Page) => {
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(server.origin) && !url.startsWith(EXTENSION_ORIGIN) && !/^(data|about|blob):/.test(url)) {
        foreignRequests.push(url);
      }
    });
    return page;
  };
  const openExtensionPage = async (file: string, selector: string) => {
    const page = watch(await browser.newPage());
    // Awaiting goto of a moz-extension:// URL never settles over BiDi; the page is ready when its UI is.
    page.goto(`${EXTENSION_ORIGIN}/${file}`).catch(() => undefined);
    return waitThroughNavigation(page, selector);
  };
  return {
    browser,
    server,
    installedId,
    foreignRequests,
    async open(path) {
      const page = watch(await browser.newPage());
      await page.goto(server.origin + path, { waitUntil: 'load' });
      return page;
    },
    openExtensionPage,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Waits for `selector` in a page that is navigating; a wait that starts before the navigation fails and is retried. */
async function waitThroughNavigation(page: Page, selector: string, timeoutMs = 15_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await page.waitForSelector(selector, { timeout: Math.max(1, deadline - Date.now()) });
      return page;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The viewport box of the first occurrence of `text` inside the element matching `selector` (a DOM Range over its text). */
export async function boxOfText(
  page: Page,
  selector: string,
  text: string,
): Promise<{ left: number; top: number; right: number; bottom: number }> {
  const box = await page.evaluate(
    (selector, text) => {
      const root = document.querySelector(selector);
      if (!root) return null;
      // An open shadow root's text is the host's text as the reader sees it.
      const walker = document.createTreeWalker(root.shadowRoot ?? root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const { left, top, right, bottom } = range.getBoundingClientRect();
        return { left, top, right, bottom };
      }
      return null;
    },
    selector,
    text,
  );
  if (!box) throw new Error(`"${text}" is not in the text of ${selector}`);
  return box;
}

/**
 * The centre of the first occurrence of `text` inside the element matching `selector`: the same point whether the
 * port sits in a wrapper element or is drawn by a highlight.
 */
export async function centreOfText(page: Page, selector: string, text: string): Promise<{ x: number; y: number }> {
  const box = await boxOfText(page, selector, text);
  return { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
}

/**
 * How many dark pixels the screen shows under `text` (in the element matching `selector`): from just below its
 * baseline to a little under its box, where an underline is drawn and glyphs without descenders (digits) leave
 * nothing. Read from a screenshot of the viewport, decoded in the page with an OffscreenCanvas (nothing is
 * added to the page's DOM).
 */
export async function inkUnder(page: Page, selector: string, text: string): Promise<number> {
  const box = await boxOfText(page, selector, text);
  const png = await page.screenshot({ encoding: 'base64' });
  return page.evaluate(
    async (png, selector, box) => {
      const element = document.querySelector(selector)!;
      const style = getComputedStyle(element);
      const measure = new OffscreenCanvas(1, 1).getContext('2d')!;
      measure.font = style.font;
      // The range's box starts at the font's ascent above the baseline.
      const baseline = box.top + measure.measureText('0').fontBoundingBoxAscent;
      const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const scale = bitmap.width / innerWidth;
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const x = Math.round(box.left * scale);
      const y = Math.round((baseline + 1.5) * scale);
      const width = Math.round((box.right - box.left) * scale);
      const height = Math.round((box.bottom + 2 - baseline - 1.5) * scale);
      const { data } = context.getImageData(x, y, width, height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 200 && data[i + 1]! < 200 && data[i + 2]! < 200) dark++;
      return dark;
    },
    png,
    selector,
    box,
  );
}

interface SerializedNode {
  type: string;
  sharedId?: string;
  value?: {
    nodeType: number;
    nodeValue?: string;
    attributes?: Record<string, string>;
    children?: SerializedNode[];
    shadowRoot?: SerializedNode | null;
  };
}

function textOf(node: SerializedNode | null | undefined): string {
  const value = node?.value;
  if (!value) return '';
  if (value.nodeType === 3) return value.nodeValue ?? '';
  return textOf(value.shadowRoot) + (value.children ?? []).map(textOf).join('');
}

function findNode(
  node: SerializedNode | null | undefined,
  test: (attributes: Record<string, string>) => boolean,
): SerializedNode | null {
  const value = node?.value;
  if (!value) return null;
  if (value.nodeType === 1 && test(value.attributes ?? {})) return node!;
  for (const child of [value.shadowRoot, ...(value.children ?? [])]) {
    const found = findNode(child, test);
    if (found) return found;
  }
  return null;
}

/**
 * The text of the open card for `port` (a dialog named "Port N"), or null when none is open. WebDriver BiDi
 * serializes the document with every shadow tree, closed ones included (`includeShadowTree: 'all'`), so this reads
 * the card as a person sees it however well it is shut off from the page.
 */
export async function cardText(page: Page, port: number): Promise<string | null> {
  // puppeteer-core 24 keeps the BiDi browsing-context id of a frame in `_id`.
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  const { connection } = page.browser() as unknown as {
    connection: {
      send(method: string, params: object): Promise<{ result: { type: string; result?: SerializedNode } }>;
    };
  };
  const answer = await connection.send('script.callFunction', {
    functionDeclaration: '() => document.documentElement',
    target: { context },
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { maxDomDepth: 64, includeShadowTree: 'all' },
  });
  const root = (answer.result as unknown as { result?: SerializedNode }).result ?? (answer.result as SerializedNode);
  const dialog = findNode(
    root,
    (attributes) => attributes.role === 'dialog' && attributes['aria-label'] === `Port ${port}`,
  );
  if (!dialog?.sharedId) return null;
  // A card drawn ahead of the hover delay waits off view in the same host: only one in the viewport is open.
  const inView = await connection.send('script.callFunction', {
    functionDeclaration:
      '(d) => { const r = d.getBoundingClientRect(); return r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth; }',
    arguments: [{ sharedId: dialog.sharedId }],
    target: { context },
    awaitPromise: false,
    resultOwnership: 'none',
  });
  const seen = (inView.result as unknown as { result?: { value?: unknown } }).result ?? inView.result;
  return (seen as { value?: unknown }).value === true ? textOf(dialog) : null;
}

/** Polls for the card of `port` until it has text or `timeoutMs` runs out. */
export async function waitForCard(page: Page, port: number, timeoutMs: number): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  do {
    const text = await cardText(page, port);
    if (text) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  } while (Date.now() < deadline);
  return null;
}

/**
 * Points at the text of a port and waits for its card. The annotator may still be scanning when the page has
 * loaded, so the pointer leaves and comes back until the card opens or `timeoutMs` runs out.
 */
export async function hoverForCard(
  page: Page,
  selector: string,
  text: string,
  timeoutMs = 15_000,
): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { x, y } = await centreOfText(page, selector, text);
    await page.mouse.move(1, 1);
    await page.mouse.move(x, y, { steps: 3 });
    const card = await waitForCard(page, Number(text), 1_500);
    if (card) return card;
  }
  return null;
}

/**
 * Every mark the page's main world sees in CSS.highlights ('portolan'), scrolling through the page: Firefox gives
 * the page and the content script one highlight registry per document, so this is what Chromium's tests read too.
 * harness.ts's marksInFrame only calls `evaluate(fn, arg)`, which puppeteer's Page and Frame have with the same
 * meaning; it is reused rather than copied.
 */
export function marksIn(target: Page | Frame, options: Parameters<typeof marksInFrame>[1] = {}): Promise<SeenMark[]> {
  return marksInFrame(target as unknown as Parameters<typeof marksInFrame>[0], options);
}

/** How many marks the page's world sees registered near the viewport, without scrolling. */
export function registeredMarks(target: Page | Frame): Promise<number> {
  return target.evaluate(
    () => (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get('portolan')?.size ?? 0,
  );
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

/**
 * Presses a key chord the way a person's keyboard does, so that the browser's own shortcut handling sees it: the
 * keys go through a TextInputProcessor in the browser window (the path Firefox's own tests use for native input),
 * to the focused tab and back to the window's <key> elements, where the `commands` shortcuts live. Key events from
 * WebDriver BiDi's input.performActions are made inside the page's process and never reach those shortcuts
 * (Alt+Shift+N sent that way opens nothing). Needs MOZ_REMOTE_ALLOW_SYSTEM_ACCESS, which launchFirefox sets.
 */
export async function pressShortcut(page: Page, chord: string): Promise<void> {
  const connection = (page.browser() as unknown as { connection: BidiConnection }).connection;
  const context = await browserWindowContext(connection);
  const keys = chord.split('+').map((name) => {
    if (name === 'Alt') return { key: 'Alt', code: 'AltLeft', keyCode: 18 };
    if (name === 'Shift') return { key: 'Shift', code: 'ShiftLeft', keyCode: 16 };
    if (name === 'Control') return { key: 'Control', code: 'ControlLeft', keyCode: 17 };
    if (name === 'Escape') return { key: 'Escape', code: 'Escape', keyCode: 27 };
    if (/^[A-Z]$/.test(name)) return { key: name, code: `Key${name}`, keyCode: name.charCodeAt(0) };
    throw new Error(`pressShortcut does not know the key ${name}`);
  });
  const answer = await connection.send('script.callFunction', {
    functionDeclaration: `(keys) => {
      gBrowser.selectedBrowser.focus();
      const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
      if (!tip.beginInputTransactionForTests(window)) return 'no input transaction';
      const events = keys.map((init) => new KeyboardEvent('', init));
      for (const event of events) tip.keydown(event);
      for (const event of events.reverse()) tip.keyup(event);
      return 'pressed';
    }`,
    arguments: [
      {
        type: 'array',
        value: keys.map((key) => ({
          type: 'object',
          value: Object.entries(key).map(([k, v]) => [
            k,
            typeof v === 'number' ? { type: 'number', value: v } : { type: 'string', value: v },
          ]),
        })),
      },
    ],
    target: { context },
    awaitPromise: false,
    resultOwnership: 'none',
  });
  const result =
    (answer.result as { result?: { value?: string } }).result?.value ?? (answer.result as { value?: string }).value;
  if (result !== 'pressed') throw new Error(`pressShortcut(${chord}): ${JSON.stringify(answer.result)}`);
}

/** The chrome (browser window) context of the BiDi session, where the browser's own APIs are reachable. */
async function browserWindowContext(connection: BidiConnection): Promise<string> {
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const windows = tree.result.contexts as { context: string; url: string }[];
  const window = windows.find((candidate) => candidate.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('No browser window among the chrome contexts');
  return window.context;
}

/** The text on the system clipboard, read by the browser window (no page permission or paste prompt involved). */
export async function clipboardText(page: Page): Promise<string> {
  const connection = (page.browser() as unknown as { connection: BidiConnection }).connection;
  const answer = await connection.send('script.evaluate', {
    expression: 'navigator.clipboard.readText()',
    target: { context: await browserWindowContext(connection) },
    awaitPromise: true,
    resultOwnership: 'none',
  });
  const result = (answer.result as { result?: { value?: unknown } }).result?.value;
  if (typeof result !== 'string') throw new Error(`clipboardText: ${JSON.stringify(answer.result)}`);
  return result;
}

/** One row of the page list ("On this page") in the open toolbar popup. */
export interface PopupRow {
  port: number;
  count: number;
  label: string;
}

const PAGE_LIST_ROWS = 'section[aria-label="On this page"] .pl-row';

/**
 * The rows of the page list in the open toolbar popup (the real panel over the active tab, not popup.html in a
 * tab), read from `viewer`, another of the extension's own pages: extension.getViews reaches the popup's window,
 * which WebDriver BiDi does not list. Null when no popup is open.
 */
export function toolbarPopupRows(viewer: Page): Promise<PopupRow[] | null> {
  return viewer.evaluate((selector) => {
    const api = (globalThis as unknown as { browser: { extension: { getViews(filter: object): Window[] } } }).browser;
    const [popup] = api.extension.getViews({ type: 'popup' });
    if (!popup) return null;
    return [...popup.document.querySelectorAll(selector)].map((row) => ({
      port: Number(row.querySelector('.pl-port')?.textContent),
      count: Number(row.querySelector('.pl-count')?.textContent?.replace('×', '')),
      label: row.getAttribute('aria-label') ?? '',
    }));
  }, PAGE_LIST_ROWS);
}

/**
 * Clicks the row of `port` in the open toolbar popup's page list. The click is the DOM's (element.click() from
 * `viewer`): pointer input from WebDriver BiDi reaches tabs only, and the panel is browser chrome.
 */
export async function clickToolbarPopupRow(viewer: Page, port: number): Promise<void> {
  const clicked = await viewer.evaluate(
    (selector, port) => {
      const api = (globalThis as unknown as { browser: { extension: { getViews(filter: object): Window[] } } }).browser;
      const [popup] = api.extension.getViews({ type: 'popup' });
      const row = popup?.document.querySelector<HTMLElement>(`${selector}[aria-label^="${port} "]`);
      row?.click();
      return row !== null && row !== undefined;
    },
    PAGE_LIST_ROWS,
    port,
  );
  if (!clicked) throw new Error(`No row for ${port} in the toolbar popup's page list`);
}

/** Closes the open toolbar popup, if any (from `viewer`, as toolbarPopupRows reads it). */
export async function closeToolbarPopup(viewer: Page): Promise<void> {
  await viewer.evaluate(() => {
    const api = (globalThis as unknown as { browser: { extension: { getViews(filter: object): Window[] } } }).browser;
    for (const popup of api.extension.getViews({ type: 'popup' })) popup.close();
  });
}
