// Pages that never stop changing: a log that grows every 10 ms, a node rewritten every frame, an SPA that swaps
// its whole content on pushState, an infinite feed. Portolan follows them with bounded work and never breaks them.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  casesIn,
  expectCasesMarked,
  harnessForFile,
  expectPageScriptsAlive,
  expectTextUnchanged,
  expectWellFormedMarks,
  itRestoresWhenOff,
  pageForDescribe,
  requiredCount,
  waitForMarks,
} from './hostile-checks';
import { marksInFrame, pagePorts, totalMentions } from './harness';

/** Digits marked inside each element matching `selector`, in order. */
async function markedIn(page: Page, selector: string, containers?: string): Promise<string[][]> {
  const count = await page.evaluate((selector) => document.querySelectorAll(selector).length, selector);
  const marks = await marksInFrame(page, { groupBy: selector, containers });
  return Array.from({ length: count }, (_, i) => marks.filter((m) => m.group === i).map((m) => m.digits));
}

const harness = harnessForFile();

interface LongTask {
  start: number;
  duration: number;
}

/**
 * Long tasks after the page finished parsing (its own parse is not Portolan's work) that are long enough to mean
 * runaway work. DESIGN.md keeps timed bars (no task over 50 ms, 60 fps) in benchmarks, not tests: on a shared
 * two-core CI machine a busy neighbour alone makes 50-70 ms tasks. What the tests pin down is runaway work:
 * re-scanning the page per mutation costs hundreds of ms per burst and drops the frame rate to a crawl.
 */
const RUNAWAY_TASK_MS = 200;
const RUNAWAY_FPS = 30;
async function runawayTasks(page: Page): Promise<LongTask[]> {
  return page.evaluate((limit) => {
    const h = (window as any).__hostile;
    return (h.longTasks as LongTask[]).filter((t) => t.start >= h.domContentLoadedAt && t.duration >= limit);
  }, RUNAWAY_TASK_MS);
}

// The issue asks for 10 s at one line per 10 ms; 3 s at the same rate keeps the suite short.
const APPEND_MS = 3_000;
const REWRITE_MS = 3_000;

describe('a log that appends a line with a port every 10 ms', () => {
  const opened = pageForDescribe(harness, `/hostile/mutation-append.html?ms=${APPEND_MS}`, {
    ready: ({ page }) =>
      page.waitForFunction(() => (window as any).__hostile.done === true, null, {
        timeout: APPEND_MS + 15_000,
        polling: 100,
      }),
    timeoutMs: APPEND_MS + 30_000,
  });

  it('marks the port of every appended line, as elements and as bare text nodes', async () => {
    const { page } = opened();
    const expected = await page.evaluate(() => (window as any).__hostile.expected as { log: string[]; tail: string[] });
    expect(expected.log.length).toBeGreaterThan(APPEND_MS / 10 / 3); // even a slow machine appended hundreds
    await waitForMarks(page, expected.log.length + expected.tail.length);
    const marked = { log: (await markedIn(page, '#log', '#log'))[0], tail: (await markedIn(page, '#tail'))[0] };
    expect(marked.log).toEqual(expected.log);
    expect(marked.tail).toEqual(expected.tail);
    await expectWellFormedMarks(page);
  });

  it('keeps the text, the page scripts and the main thread free', async () => {
    const { page } = opened();
    await expectTextUnchanged(page);
    await expectPageScriptsAlive(page);
    expect(await runawayTasks(page)).toEqual([]);
    expect(opened().errors).toEqual([]);
  });

  itRestoresWhenOff(harness, () => [opened().page]);
});

describe('a node rewritten every animation frame next to 2,000 static ports', () => {
  let run: { rewrites: number; seconds: number; staticAdded: number; framesPerSecond: number };
  const opened = pageForDescribe(harness, `/hostile/mutation-rewrite.html?ms=${REWRITE_MS}`, {
    ready: async ({ page }) => {
      await page.waitForFunction(() => (window as any).__hostile.done === true, null, {
        timeout: REWRITE_MS + 15_000,
        polling: 100,
      });
      run = await page.evaluate(() => {
        const h = (window as any).__hostile;
        return {
          rewrites: h.rewrites,
          seconds: h.rewriteSeconds,
          staticAdded: h.staticWrappersAdded,
          framesPerSecond: h.rewrites / h.rewriteSeconds,
        };
      });
      console.info(
        `rewrite page: ${run.rewrites} rewrites in ${run.seconds.toFixed(2)} s = ${run.framesPerSecond.toFixed(1)} fps`,
      );
    },
    timeoutMs: REWRITE_MS + 30_000,
  });

  it('keeps the page animating with no runaway task', async () => {
    // Headless Chromium paints at 60 Hz (57-59 measured here with and without Portolan on a quiet machine).
    expect(run.framesPerSecond).toBeGreaterThan(RUNAWAY_FPS);
    expect(await runawayTasks(opened().page)).toEqual([]);
  });

  it('marks each static port once, however often the page rewrites its neighbour, adding no node to the page', async () => {
    const { page } = opened();
    const expected = await page.evaluate(() => (window as any).__hostile.staticExpected as string[]);
    await waitForMarks(page, expected.length);
    expect((await markedIn(page, '#static'))[0]).toEqual(expected);
    // The page's own observer counts <portolan-port> elements added to it: marks are highlights, none are.
    expect(run.staticAdded).toBe(0);
  });

  it('never corrupts what the page writes, through the element or through the text node it holds', async () => {
    const { page } = opened();
    const texts = await page.evaluate(() => {
      const h = (window as any).__hostile;
      return {
        status: document.getElementById('status')!.textContent,
        wroteStatus: h.statusText,
        ticker: document.getElementById('ticker')!.textContent,
        wroteTicker: h.tickerText,
      };
    });
    expect(texts.status).toBe(texts.wroteStatus);
    expect(texts.ticker).toBe(texts.wroteTicker);
    await expectTextUnchanged(page);
    await expectPageScriptsAlive(page);
    expect(opened().errors).toEqual([]);
  });

  itRestoresWhenOff(harness, () => [opened().page]);
});

describe('an SPA that swaps its whole content with history.pushState', () => {
  const opened = pageForDescribe(harness, '/hostile/spa.html');

  async function expectView(view: string) {
    const { page } = opened();
    expect(await page.evaluate(() => (window as any).__hostile.view)).toBe(view);
    const cases = await casesIn(page);
    await waitForMarks(page, requiredCount(cases));
    expectCasesMarked(await casesIn(page));
    // Nothing left over from the previous view.
    expect(totalMentions(await pagePorts(harness(), page))).toBe(requiredCount(cases));
    await expectTextUnchanged(page);
  }

  it('annotates each view as it arrives, and again after Back', async () => {
    const { page } = opened();
    await expectView('home');
    await page.click('a[data-view="cache"]');
    await expectView('cache');
    expect(new URL(page.url()).search).toBe('?view=cache');
    await page.click('a[data-view="search"]');
    await expectView('search');
    await page.goBack();
    await page.waitForFunction(() => (window as any).__hostile.view === 'cache');
    await expectView('cache');
    await expectPageScriptsAlive(page);
    expect(opened().errors).toEqual([]);
    expect(harness().foreignRequests).toEqual([]);
  });

  itRestoresWhenOff(harness, () => [opened().page]);
});

describe('an infinite feed that loads more on scroll', () => {
  const opened = pageForDescribe(harness, '/hostile/infinite.html');

  it('marks the port of every item loaded, in order', async () => {
    const { page } = opened();
    for (let round = 0; round < 30; round++) {
      const loaded = await page.evaluate(() => (window as any).__hostile.loaded as number);
      if (loaded >= 100) break;
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForFunction((loaded) => (window as any).__hostile.loaded > loaded, loaded, { timeout: 5_000 });
    }
    expect(await page.evaluate(() => (window as any).__hostile.loaded)).toBe(100);
    const expected = await page.evaluate(() => (window as any).__hostile.expected as string[]);
    await waitForMarks(page, expected.length);
    expect(await markedIn(page, '.item')).toEqual(expected.map((port) => [port]));
    await expectTextUnchanged(page);
    await expectPageScriptsAlive(page);
    expect(opened().errors).toEqual([]);
  });

  itRestoresWhenOff(harness, () => [opened().page]);
});
