// Loads the built extension (.output/chrome-mv3) into Debian's Chromium through playwright-core.
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveStatic, type StaticServer } from '../../scripts/static-server';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  server: StaticServer;
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
    headersFor: (path) => (path.includes('csp-strict') ? { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" } : {}),
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
  const foreignRequests: string[] = [];
  context.on('request', (request: Request) => {
    const url = request.url();
    if (!url.startsWith(server.origin) && !url.startsWith('chrome-extension://') && !url.startsWith('data:') && !url.startsWith('about:')) {
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
