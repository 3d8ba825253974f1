// Loads the built extension (.output/chrome-mv3) into Debian's Chromium through playwright-core.
import { chromium, type BrowserContext, type Page, type Request, type Worker } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveStatic, type StaticServer } from '../../scripts/static-server';
import { DEFAULT_SETTINGS, LAST_QUERY_KEY, SETTINGS_KEY, type Settings } from '../../lib/settings';

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

export async function launchWithExtension(options: { withExtension?: boolean } = {}): Promise<Harness> {
  const withExtension = options.withExtension ?? true;
  if (withExtension && !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: run "npm run build" first (npm test does).`);
  }
  const server = await serveStatic('test/pages', {
    headersFor: (path): Record<string, string> => (path.includes('csp-strict') ? { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" } : {}),
  });
  const profile = mkdtempSync(join(tmpdir(), 'portolan-e2e-'));
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
      ...(withExtension ? [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`] : []),
    ],
  });
  const altOrigin = server.origin.replace('//127.0.0.1:', '//localhost:');
  const foreignRequests: string[] = [];
  context.on('request', (request: Request) => {
    const url = request.url();
    if (!url.startsWith(server.origin) && !url.startsWith(altOrigin) && !url.startsWith('chrome-extension://') && !url.startsWith('data:') && !url.startsWith('about:')) {
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
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the annotator has finished: wrapper count stable for a few frames. */
export async function waitForAnnotations(page: Page, minimum = 1, timeoutMs = 10_000): Promise<number> {
  return page.evaluate(
    async ({ minimum, timeoutMs }) => {
      const started = performance.now();
      let last = -1;
      let stableFor = 0;
      while (performance.now() - started < timeoutMs) {
        await new Promise((r) => setTimeout(r, 50));
        const count = document.querySelectorAll('portolan-port').length;
        stableFor = count === last && count >= minimum ? stableFor + 1 : 0;
        last = count;
        if (stableFor >= 4) return count;
      }
      return last;
    },
    { minimum, timeoutMs },
  );
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
    if (event.entry.level === 'error') errors.push(`log(${event.entry.source}): ${event.entry.text} ${event.entry.url ?? ''}`);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  return errors;
}

async function extensionWorker(harness: Harness): Promise<Worker> {
  const live = harness.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${harness.extensionId}/`));
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
      const storage = (globalThis as unknown as { chrome: { storage: Record<string, { set(v: object): Promise<void> }> } }).chrome.storage;
      await storage.local.set({ [key]: stored });
      await storage.sync.set({ [key]: stored }).catch(() => undefined);
    },
    { key: SETTINGS_KEY, stored },
  );
}

/** Sets the popup's remembered query, as the popup itself stores it. */
export async function setLastQuery(harness: Harness, query: string): Promise<void> {
  const worker = await extensionWorker(harness);
  await worker.evaluate(
    ({ key, query }) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ [key]: query }),
    { key: LAST_QUERY_KEY, query },
  );
}

/** Counts wrappers in a frame's document and in every open shadow root under it. */
export async function countWrappers(page: Page): Promise<number> {
  return page.evaluate(() => {
    let total = 0;
    const visit = (root: Document | ShadowRoot) => {
      total += root.querySelectorAll('portolan-port').length;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    return total;
  });
}
