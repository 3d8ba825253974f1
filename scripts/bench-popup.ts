// Times the popup of the built extension from the start of its page load to its first answer, the way a
// person meets it: opened with a remembered query (its answer kept from last time; as after an update, when the
// answer kept in localStorage is of the old data and the background has answered the query from the new data;
// and with no answer kept anywhere, when the popup must answer it from the index), and opened empty then typed into. The popup page is opened
// in a tab (headless Chromium cannot click the toolbar button); each load is a fresh page. Beside it, the floor:
// an extension page whose one module script draws a row at once. Any extension page with a script pays for the
// browser's extension bindings before its first line runs; the floor shows what is left to win on this machine.
// Run: npm run bench:popup [-- --runs N]
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  EXTENSION_DIR,
  launchWithExtension,
  setLastQuery as presetLastQuery,
  setBackgroundAnswer,
} from '../test/e2e/harness';
import { LAST_SEARCH_KEY } from '../ext/last-search';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;

// Runs in the popup page before its own scripts: notes when the first result row appears.
const WATCH_FIRST_ROW = `
  window.__firstRowAt = 0;
  new MutationObserver((_, observer) => {
    if (document.querySelector('[role=option]')) {
      window.__firstRowAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

interface Load {
  firstRow: number;
  domContentLoaded: number;
}

async function timeOneLoad(
  page: Page,
  url: string,
  typed: string | null,
  beforeLoad: () => Promise<unknown>,
): Promise<Load> {
  // Via a blank page: loading the same address again counts as a reload, and Chromium would restore the input.
  // Leaving the popup also ends any write of the last query it still had in flight.
  await page.goto('about:blank');
  await beforeLoad();
  await page.goto(url);
  if (typed) {
    // Typing starts the clock for a typed query: the figure is keystroke to first row, once the index is in.
    await page.waitForFunction(
      () =>
        document.activeElement?.getAttribute('type') === 'search' &&
        /Type a port/.test(document.querySelector('[role=status]')?.textContent ?? ''),
    );
    const typedAt = await page.evaluate(() => performance.now());
    await page.keyboard.type(typed);
    await page.waitForFunction(() => (window as unknown as { __firstRowAt: number }).__firstRowAt > 0);
    const at = await page.evaluate(() => (window as unknown as { __firstRowAt: number }).__firstRowAt);
    return { firstRow: at - typedAt, domContentLoaded: 0 };
  }
  await page.waitForFunction(() => (window as unknown as { __firstRowAt: number }).__firstRowAt > 0);
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      firstRow: (window as unknown as { __firstRowAt: number }).__firstRowAt,
      domContentLoaded: nav.domContentLoadedEventEnd,
    };
  });
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(0)} ms, min ${sorted[0].toFixed(0)}, p90 ${at(0.9).toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)}`;
}

/** A copy of the built extension with the floor page added: the product itself ships no such page. */
function extensionWithFloorPage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-bench-popup-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  writeFileSync(
    join(dir, 'floor.html'),
    '<!DOCTYPE html><html><head><meta charset="utf-8"><script type="module" src="/floor.js"></script></head>' +
      '<body><div id="app"></div></body></html>',
  );
  writeFileSync(
    join(dir, 'floor.js'),
    "const row = document.createElement('li'); row.setAttribute('role', 'option'); row.textContent = '3717';\n" +
      "document.getElementById('app').append(row);\n",
  );
  return dir;
}

async function main() {
  const extensionDir = extensionWithFloorPage();
  const harness = await launchWithExtension({ extensionDir });
  const url = `chrome-extension://${harness.extensionId}/popup.html`;
  const floorUrl = `chrome-extension://${harness.extensionId}/floor.html`;
  const page = await harness.context.newPage();
  await page.addInitScript(WATCH_FIRST_ROW);
  // localStorage is per origin: a second extension page sets what the popup remembers.
  const storagePage = await harness.context.newPage();
  await storagePage.goto(floorUrl);
  const setLastQuery = (query: string) => presetLastQuery(storagePage, query);
  console.log(`Popup first answer, ${RUNS} loads each after 3 warm-up loads (load average ${loadavg()[0].toFixed(1)})`);
  const started = Date.now();
  type Kept = 'here' | 'by the background' | 'nowhere';
  const remembered: { query: string; kept: Kept }[] = [
    ...['3717', 'x11', 'grafana'].map((query) => ({ query, kept: 'here' as const })),
    ...['3717', 'grafana'].map((query) => ({ query, kept: 'by the background' as const })),
    { query: '3717', kept: 'nowhere' },
  ];
  const describe: Record<Kept, string> = {
    here: 'answer kept from last time',
    'by the background': 'after an update: the kept answer is of the old data, the background answered anew',
    nowhere: 'no answer kept anywhere (opened before the background has answered)',
  };
  for (const { query, kept } of remembered) {
    const loads: Load[] = [];
    const floors: Load[] = [];
    // After an update, the background has answered the query from the new data (ext/last-search.ts
    // refreshKeptSearch). Its record here is the popup's own live answer from the first warm-up load: the same
    // search, index, limit and name (test/e2e/popup.test.ts has the background write it, on a browser start);
    // localStorage keeps that answer under an older build's name, so the popup must not draw it from there.
    let live: { query: string } | null = null;
    const asAfterUpdate = async () => {
      if (live?.query !== query) throw new Error(`no live answer to ${query} kept`);
      await storagePage.evaluate(
        ({ key, record }) => localStorage.setItem(key, JSON.stringify({ ...record, answeredBy: 'an older build en' })),
        { key: LAST_SEARCH_KEY, record: live },
      );
      await setBackgroundAnswer(storagePage, live);
    };
    // The floor page loads between the popup's, so both meet the same moments of a busy machine.
    for (let i = 0; i < RUNS + 3; i++) {
      // The first warm-up load answers the query and keeps the answer for the loads after it.
      const load = await timeOneLoad(page, url, null, () =>
        i === 0 || kept === 'nowhere' ? setLastQuery(query) : kept === 'here' ? Promise.resolve() : asAfterUpdate(),
      );
      while (i === 0 && kept === 'by the background' && !live) {
        // The popup keeps its answer just after drawing it.
        const record = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), LAST_SEARCH_KEY);
        if (record?.query === query && record.answer) live = record;
      }
      const floor = await timeOneLoad(page, floorUrl, null, async () => undefined);
      if (i >= 3) loads.push(load), floors.push(floor);
    }
    console.log(`  remembered ${JSON.stringify(query).padEnd(10)}${describe[kept]}`);
    console.log(
      `  ${' '.repeat(22)}first row after navigation start: ${summary(loads.map((l) => l.firstRow))}` +
        `  (DOMContentLoaded ${summary(loads.map((l) => l.domContentLoaded))})`,
    );
    console.log(
      `  ${' '.repeat(22)}floor page, its row after navigation start: ${summary(floors.map((l) => l.firstRow))}`,
    );
    // Per load: what the popup's own work after its page has loaded costs, less swayed by a busy machine's page loads.
    console.log(
      `  ${' '.repeat(22)}first row after DOMContentLoaded: ${summary(loads.map((l) => l.firstRow - l.domContentLoaded))}`,
    );
  }
  for (const query of ['3717', 'postgres']) {
    const loads: Load[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const load = await timeOneLoad(page, url, query, () => setLastQuery('')); // typing saved the last one

      if (i >= 3) loads.push(load);
    }
    console.log(
      `  typed ${JSON.stringify(query).padEnd(15)} first row after the first keystroke: ${summary(loads.map((l) => l.firstRow))}`,
    );
  }
  const opens: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    await timeOneLoad(page, url, null, () => setLastQuery('3717'));
    const ms = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const pressed = performance.now();
          new MutationObserver((_, observer) => {
            if (!document.querySelector('[role=searchbox], input[type=search]')) {
              observer.disconnect();
              resolve(performance.now() - pressed);
            }
          }).observe(document.body, { childList: true, subtree: true });
          document.querySelector('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        }),
    );
    if (i >= 3) opens.push(ms);
  }
  console.log(`  Enter on "3717" right after it shows, to the card (loads the full registry): ${summary(opens)}`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s; goal: first answer within 100 ms of opening)`);
  await harness.close();
  rmSync(extensionDir, { recursive: true, force: true });
}

await main();
