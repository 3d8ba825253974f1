// Loads the built extension (.output/chrome-mv3) into Debian's Chromium through playwright-core.
import { chromium, type BrowserContext, type Frame, type Page, type Request, type Worker } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveStatic, type StaticServer } from '../../scripts/static-server';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from '../../lib/settings';
import { BACKGROUND_ANSWER_KEY, LAST_SEARCH_KEY } from '../../ext/last-search';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  server: StaticServer;
  /** The same server under another name (`localhost` instead of `127.0.0.1`): a second origin for cross-origin frames. */
  altOrigin: string;
  /** Every request the browser made that did not go to the local test server or the extension itself. */
  foreignRequests: string[];
  open(path: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * `locale` is the browser's UI language (Chromium's --lang, e.g. 'de'): what chrome.i18n answers in, and so the
 * extension's language. LANG and LANGUAGE in the environment do not change it in headless Chromium.
 */
export async function launchWithExtension(
  options: { withExtension?: boolean; locale?: string; extensionDir?: string; profile?: string } = {},
): Promise<Harness> {
  const withExtension = options.withExtension ?? true;
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (withExtension && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run "npm run build" first (npm test does).`);
  }
  const server = await serveStatic('test/pages', {
    headersFor: (path): Record<string, string> =>
      path.includes('csp-strict') ? { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" } : {},
  });
  // A profile passed in is the caller's to remove: a second launch with it is the browser starting again.
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'portolan-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.locale ? [`--lang=${options.locale}`] : []),
      ...(withExtension ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    ],
  });
  const altOrigin = server.origin.replace('//127.0.0.1:', '//localhost:');
  const foreignRequests: string[] = [];
  context.on('request', (request: Request) => {
    const url = request.url();
    if (
      !url.startsWith(server.origin) &&
      !url.startsWith(altOrigin) &&
      !url.startsWith('chrome-extension://') &&
      !url.startsWith('data:') &&
      !url.startsWith('about:')
    ) {
      foreignRequests.push(url);
    }
  });
  let extensionId = '';
  if (withExtension) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    extensionId,
    server,
    altOrigin,
    foreignRequests,
    async open(path: string) {
      const page = await context.newPage();
      await page.goto(server.origin + path);
      return page;
    },
    async close() {
      await context.close();
      await server.close();
      if (!options.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a frame's content script answers to `{ type: 'portolan/page-ports' }` (issue 14's page inventory). */
export interface PagePortsAnswer {
  done: boolean;
  ports: { port: number; count: number }[];
}

/**
 * Sends one of Portolan's messages to the tab showing `page`, as the background and the popup do: to one frame
 * with `frameId`, else to every frame. Returns the answer.
 */
export async function sendToPage(harness: Harness, page: Page, message: object, frameId?: number): Promise<unknown> {
  const worker = await extensionWorker(harness);
  return worker.evaluate(
    async ({ url, message, frameId }) => {
      const chromeApi = (globalThis as any).chrome;
      const tabs = (await chromeApi.tabs.query({})) as { id: number; url?: string }[];
      const tab = tabs.find((t) => t.url === url);
      if (!tab) return undefined;
      const options = frameId === undefined ? {} : { frameId };
      return chromeApi.tabs.sendMessage(tab.id, message, options).catch(() => undefined);
    },
    { url: page.url(), message, frameId },
  );
}

/** Asks the top frame of the tab showing `page` for its page inventory. */
export async function pagePorts(harness: Harness, page: Page): Promise<PagePortsAnswer | undefined> {
  return (await sendToPage(harness, page, { type: 'portolan/page-ports' }, 0)) as PagePortsAnswer | undefined;
}

/** Sends the keyboard command's message (what the background relays for Alt+Shift+N / Alt+Shift+K) to every frame of the tab. */
export async function sendStep(harness: Harness, page: Page, direction: 'next' | 'previous'): Promise<void> {
  await sendToPage(harness, page, { type: 'portolan/step', direction });
}

export const totalMentions = (answer: PagePortsAnswer | undefined): number =>
  (answer?.ports ?? []).reduce((n, p) => n + p.count, 0);

/** Waits until the top frame says its scan is done with at least `minimum` mentions, and the count is stable. */
export async function waitForAnnotations(
  harness: Harness,
  page: Page,
  minimum = 1,
  timeoutMs = 15_000,
): Promise<number> {
  const started = Date.now();
  let last = -1;
  let stable = 0;
  while (Date.now() - started < timeoutMs) {
    const answer = await pagePorts(harness, page);
    const total = totalMentions(answer);
    stable = answer?.done && total === last && total >= minimum ? stable + 1 : 0;
    last = total;
    if (stable >= 3) return total;
    await new Promise((r) => setTimeout(r, 60));
  }
  return last;
}

/** A mark as the page's main world sees it through CSS.highlights: its digits and the .case it stands in. */
export interface SeenMark {
  digits: string;
  caseId: string | null;
  /** Index (in document.querySelectorAll order) of the nearest ancestor matching `groupBy`, or -1. */
  group: number;
}

/**
 * Every mark the highlight registers in a frame, scrolling through the page (only marks near the viewport are
 * registered). In document order of their case; digits read from the page's own text nodes.
 */
export async function marksInFrame(
  frame: Page | Frame,
  options: { scroll?: boolean; groupBy?: string; containers?: string } = {},
): Promise<SeenMark[]> {
  return frame.evaluate(
    async ({ scroll, groupBy, containers }) => {
      // Registration follows the intersection observer, then one animation frame: give it three frames.
      const frames = () =>
        new Promise((r) =>
          requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 30)))),
        );
      const seen = new Set<StaticRange>();
      const collect = () => {
        const highlight = (CSS as any).highlights.get('portolan') as Set<StaticRange> | undefined;
        for (const range of highlight ?? []) seen.add(range);
      };
      const startY = window.scrollY;
      if (scroll) {
        window.scrollTo(0, 0);
        await frames();
        for (;;) {
          collect();
          const before = window.scrollY;
          if (before + innerHeight >= document.documentElement.scrollHeight) break;
          // One viewport a step: every mark is inside the registered window (a viewport above and below) for three steps.
          window.scrollBy(0, innerHeight);
          await frames();
          if (window.scrollY === before) break;
        }
        // Scroll containers inside the page (a log viewer) clip what is near the viewport: walk through them too.
        for (const box of containers ? [...document.querySelectorAll(containers)] : []) {
          box.scrollIntoView({ block: 'center' });
          box.scrollTop = 0;
          await frames();
          for (;;) {
            collect();
            const before = box.scrollTop;
            box.scrollTop += box.clientHeight;
            await frames();
            if (box.scrollTop === before) break;
          }
        }
        window.scrollTo(0, startY);
        await frames();
      } else {
        collect();
      }
      // A case holds its light subtree and its own shadow root, not the shadow roots nested deeper.
      const caseOf = (node: Node): Element | null => {
        for (let cur: Node | null = node; cur; cur = cur.parentNode) {
          if (cur instanceof Element && cur.classList.contains('case')) return cur;
          if (cur instanceof ShadowRoot) return cur.host.classList.contains('case') ? cur.host : null;
        }
        return null;
      };
      const ordered = [...seen].filter((r) => r.startContainer.isConnected);
      ordered.sort((a, b) => {
        const x = a.startContainer;
        const y = b.startContainer;
        if (x === y) return a.startOffset - b.startOffset;
        const position = x.compareDocumentPosition(y);
        return position & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : position & Node.DOCUMENT_POSITION_PRECEDING ? 1 : 0;
      });
      const groups = new Map<Element, number>();
      if (groupBy) document.querySelectorAll(groupBy).forEach((el, i) => groups.set(el, i));
      const groupOf = (node: Node) => {
        const el = groupBy ? node.parentElement?.closest(groupBy) : null;
        return el ? (groups.get(el) ?? -1) : -1;
      };
      return ordered.map((r) => ({
        digits: (r.startContainer as Text).data.slice(r.startOffset, r.endOffset),
        caseId: caseOf(r.startContainer)?.id ?? null,
        group: groupOf(r.startContainer),
      }));
    },
    { scroll: options.scroll ?? true, groupBy: options.groupBy ?? '', containers: options.containers ?? '' },
  );
}

/** Client point at the middle of the n-th mark (in document order) inside the element matching `selector`. */
export async function markPoint(
  frame: Page | Frame,
  selector: string,
  nth = 0,
): Promise<{ x: number; y: number; digits: string }> {
  const handle = await frame.waitForFunction(
    ({ selector, nth }) => {
      const container = document.querySelector(selector);
      const highlight = (CSS as any).highlights.get('portolan') as Set<StaticRange> | undefined;
      if (!container || !highlight) return null;
      const inside = (node: Node) => {
        for (let cur: Node | null = node; cur; ) {
          if (cur === container) return true;
          cur = cur.parentNode ?? (cur instanceof ShadowRoot ? cur.host : null);
        }
        return false;
      };
      const ranges = [...highlight].filter((r) => inside(r.startContainer));
      ranges.sort((a, b) =>
        a.startContainer === b.startContainer
          ? a.startOffset - b.startOffset
          : a.startContainer.compareDocumentPosition(b.startContainer) & Node.DOCUMENT_POSITION_FOLLOWING
            ? -1
            : 1,
      );
      const range = ranges[nth];
      if (!range) {
        container.scrollIntoView({ block: 'center' });
        return null;
      }
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      let box = live.getClientRects()[0];
      if (box.top < 0 || box.bottom > innerHeight) {
        (range.startContainer.parentElement as Element).scrollIntoView({ block: 'center' });
        box = live.getClientRects()[0];
      }
      return {
        x: box.left + box.width / 2,
        y: box.top + box.height / 2,
        digits: (range.startContainer as Text).data.slice(range.startOffset, range.endOffset),
      };
    },
    { selector, nth },
    { timeout: 10_000, polling: 100 },
  );
  return (await handle.jsonValue()) as { x: number; y: number; digits: string };
}

/** What a card shows, read through CDP (the card is in a closed shadow root the page cannot read). */
export interface CardState {
  open: boolean;
  label: string | null;
  role: string | null;
  text: string;
  visible: boolean;
  background: string;
  themedBackground: string;
  /** The theme the card was painted in (data-theme on the card), or null before it has content. */
  theme: string | null;
  box: { x: number; y: number; width: number; height: number } | null;
  injected: string[];
  focusedInCard: boolean;
  pinned: boolean;
  /** Centres of the card's labelled buttons by label, and `title`: a point on its title (the drag grip). */
  buttons: Record<string, { x: number; y: number }>;
}

const CLOSED: CardState = {
  open: false,
  label: null,
  role: null,
  text: '',
  visible: false,
  background: '',
  themedBackground: '',
  theme: null,
  box: null,
  injected: [],
  focusedInCard: false,
  pinned: false,
  buttons: {},
};

/** Every card on the page (the pinned ones and the open one), in document order. */
export async function cardStates(page: Page | Frame): Promise<CardState[]> {
  const owner = 'page' in page ? page.page() : page;
  const cdp = await owner.context().newCDPSession(owner);
  try {
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: "[...document.querySelectorAll('[data-portolan-card]')]",
    });
    const { result: items } = await cdp.send('Runtime.getProperties', {
      objectId: result.objectId!,
      ownProperties: true,
    });
    const cards: CardState[] = [];
    for (const item of items.filter((p) => /^\d+$/.test(p.name))) {
      const { node } = await cdp.send('DOM.describeNode', { objectId: item.value!.objectId!, depth: 1, pierce: true });
      const shadow = node.shadowRoots?.[0];
      if (!shadow) continue;
      const resolved = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
      const answer = await cdp.send('Runtime.callFunctionOn', {
        objectId: resolved.object.objectId!,
        returnByValue: true,
        functionDeclaration: `function () {
          const dialog = this.querySelector('[role="dialog"]');
          const host = this.host;
          const box = dialog ? dialog.getBoundingClientRect() : null;
          const card = dialog && dialog.firstElementChild;
          const buttons = {};
          for (const b of this.querySelectorAll('button[aria-label]')) {
            const r = b.getBoundingClientRect();
            buttons[b.getAttribute('aria-label')] = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
          }
          const title = this.querySelector('.pc-title');
          const t = title ? title.getBoundingClientRect() : null;
          if (t) buttons.title = { x: t.left + 4, y: t.top + t.height / 2 };
          return {
            open: host.isConnected,
            label: dialog ? dialog.getAttribute('aria-label') : null,
            role: dialog ? dialog.getAttribute('role') : null,
            text: dialog ? dialog.textContent : '',
            // The card is shown by scrolling it into its host's window: off view, it is not visible.
            visible:
              host.isConnected &&
              getComputedStyle(host).visibility === 'visible' &&
              !!box &&
              box.width > 0 &&
              box.right > 0 &&
              box.bottom > 0 &&
              box.left < innerWidth &&
              box.top < innerHeight,
            background: dialog ? getComputedStyle(dialog).backgroundColor : '',
            themedBackground: card ? getComputedStyle(card).backgroundColor : '',
            theme: card ? card.getAttribute('data-theme') : null,
            box: box ? { x: box.x, y: box.y, width: box.width, height: box.height } : null,
            injected: [...this.querySelectorAll('img, script, iframe, a[href^="javascript:"], [onerror]')].map((el) => el.outerHTML),
            focusedInCard: this.activeElement !== null,
            pinned: host.hasAttribute('data-portolan-pinned'),
            buttons,
          };
        }`,
      });
      cards.push(answer.result.value as CardState);
    }
    return cards;
  } finally {
    await cdp.detach();
  }
}

/** The page's first card, or a closed one when there is none. */
export async function cardState(page: Page | Frame): Promise<CardState> {
  return (await cardStates(page))[0] ?? CLOSED;
}

/** Moves the pointer onto a mark and waits for its card with content. */
export async function hoverMark(page: Page, selector: string, nth = 0): Promise<{ digits: string; card: CardState }> {
  const point = await markPoint(page, selector, nth);
  await page.mouse.move(1, 1);
  await page.mouse.move(point.x, point.y, { steps: 2 });
  const started = Date.now();
  let card = await cardState(page);
  // Until this port's card shows (a service name's card is titled by its number): under load the card of an
  // earlier hover may still be closing.
  const isThisCard = (c: CardState) => !/^\d/.test(point.digits) || (c.label ?? '').includes(point.digits);
  while (Date.now() - started < 5_000 && !(card.visible && card.text.length > 20 && isThisCard(card))) {
    await new Promise((r) => setTimeout(r, 50));
    card = await cardState(page);
  }
  return { digits: point.digits, card };
}

/**
 * Serves generated pages from memory at `server.origin + path` (big pages are built at test time, not committed).
 * Requests still go through the browser's network stack as far as the page and the extension can tell.
 */
export async function serveFromMemory(harness: Harness, pages: Record<string, string>): Promise<void> {
  for (const [path, body] of Object.entries(pages)) {
    await harness.context.route(harness.server.origin + path, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
    );
  }
}

/**
 * Collects every error a page shows in its console: uncaught exceptions and console.error from the page and from
 * the content script's isolated world (CDP sees all execution contexts of the tab), and browser log errors (CSP
 * violations, failed loads). Call before navigating.
 */
export async function collectConsoleErrors(harness: Harness, page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  const cdp = await harness.context.newCDPSession(page);
  cdp.on('Runtime.exceptionThrown', (event) => {
    const details = event.exceptionDetails;
    errors.push(`exception: ${details.exception?.description ?? details.text}`);
  });
  cdp.on('Runtime.consoleAPICalled', (event) => {
    if (event.type === 'error' || event.type === 'assert') {
      errors.push(`console.${event.type}: ${event.args.map((a) => a.description ?? String(a.value)).join(' ')}`);
    }
  });
  cdp.on('Log.entryAdded', (event) => {
    if (event.entry.level === 'error')
      errors.push(`log(${event.entry.source}): ${event.entry.text} ${event.entry.url ?? ''}`);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  return errors;
}

export async function extensionWorker(harness: Harness): Promise<Worker> {
  const live = harness.context
    .serviceWorkers()
    .find((w) => w.url().startsWith(`chrome-extension://${harness.extensionId}/`));
  return live ?? harness.context.waitForEvent('serviceworker', { timeout: 10_000 });
}

/**
 * Writes Portolan's settings (the defaults with `patch` on top) the way the options page does (both storage areas,
 * newest wins), so every open tab's content script applies them. `{ enabled: false }` turns Portolan off everywhere.
 */
export async function setPortolanSettings(harness: Harness, patch: Partial<Settings>): Promise<void> {
  const stored = { ...DEFAULT_SETTINGS, ...patch, savedAt: Date.now() };
  const worker = await extensionWorker(harness);
  await worker.evaluate(
    async ({ key, stored }) => {
      const storage = (
        globalThis as unknown as { chrome: { storage: Record<string, { set(v: object): Promise<void> }> } }
      ).chrome.storage;
      await storage.local.set({ [key]: stored });
      await storage.sync.set({ [key]: stored }).catch(() => undefined);
    },
    { key: SETTINGS_KEY, stored },
  );
}

/**
 * Sets the popup's remembered query with no answer kept, as after an update (ext/last-search.ts); the popup's next
 * load answers it from the index and keeps that answer. `extensionPage` is any page of the extension's origin.
 */
export async function setLastQuery(extensionPage: Page, query: string): Promise<void> {
  const none = { query, answeredBy: null, answer: null };
  await extensionPage.evaluate(({ key, none }) => localStorage.setItem(key, JSON.stringify(none)), {
    key: LAST_SEARCH_KEY,
    none,
  });
  // Nor one from the background (ext/last-search.ts refreshKeptSearch).
  await extensionPage.evaluate(
    (key) => (globalThis as unknown as { chrome: { storage: { local: LocalArea } } }).chrome.storage.local.remove(key),
    BACKGROUND_ANSWER_KEY,
  );
  await writeKeptMirror(extensionPage, none);
}

/** chrome.storage.local as an extension page's evaluate sees it. */
interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: object): Promise<void>;
  remove(key: string): Promise<void>;
}

/** Keeps `record` ({ query, answeredBy, answer }) as the background's answer for the popup, as after an update. */
export async function setBackgroundAnswer(extensionPage: Page, record: unknown): Promise<void> {
  await extensionPage.evaluate(
    ({ key, record }) =>
      (globalThis as unknown as { chrome: { storage: { local: LocalArea } } }).chrome.storage.local.set({
        [key]: record,
      }),
    {
      key: BACKGROUND_ANSWER_KEY,
      record,
    },
  );
}

export async function backgroundAnswer(extensionPage: Page): Promise<any> {
  return extensionPage.evaluate(
    (key) =>
      (globalThis as unknown as { chrome: { storage: { local: LocalArea } } }).chrome.storage.local
        .get(key)
        .then((items) => items[key] ?? null),
    BACKGROUND_ANSWER_KEY,
  );
}

/**
 * The popup's last query as mirrored for the background in the extension's IndexedDB (ext/kept-search-db.ts):
 * `extensionPage` is any page of the extension's origin. Kept in step with that file's names.
 */
export async function readKeptMirror(extensionPage: Page): Promise<any> {
  return extensionPage.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('portolan', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('kept');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('kept').objectStore('kept').get('lastSearch');
          request.onsuccess = () => (open.result.close(), resolve(request.result ?? null));
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

export async function writeKeptMirror(extensionPage: Page, record: unknown): Promise<void> {
  await extensionPage.evaluate(
    (record) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('portolan', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('kept');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction('kept', 'readwrite');
          transaction.objectStore('kept').put(record, 'lastSearch');
          transaction.oncomplete = () => (open.result.close(), resolve());
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    record,
  );
}

/** Marks the main world can see registered in a frame (near its viewport), in the document and open shadow roots. */
export async function registeredMarks(frame: Page | Frame): Promise<number> {
  return frame.evaluate(() => ((CSS as any).highlights.get('portolan') as Set<StaticRange> | undefined)?.size ?? 0);
}
