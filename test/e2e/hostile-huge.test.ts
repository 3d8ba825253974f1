// Huge pages, generated at test time: the whole IANA list as one table (12,000+ port mentions), a 5 MB log in
// one <pre> text node, and 50,000 numbers that are not ports. Everything is marked, nothing else, text intact.
import { beforeAll, describe, expect, it } from 'vitest';
import { marksInFrame, pagePorts, serveFromMemory } from './harness';
import { expectPageIntact, harnessForFile, itRestoresWhenOff, pageForDescribe, waitForMarks } from './hostile-checks';

/** The inventory a list of expected ports should give: each port with how often it appears, by port. */
function inventoryOf(ports: string[]): { port: number; count: number }[] {
  const counts = new Map<number, number>();
  for (const p of ports) counts.set(Number(p), (counts.get(Number(p)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([port, count]) => ({ port, count }));
}
import { bigPrePage, nonPortNumbersPage, registryTablePage, type GeneratedPage } from './hostile-pages';

const harness = harnessForFile();
const pages: Record<string, GeneratedPage> = {};

beforeAll(async () => {
  pages.registry = registryTablePage();
  pages.bigPre = bigPrePage();
  pages.numbers = nonPortNumbersPage();
  await serveFromMemory(harness(), {
    '/hostile/generated/registry.html': pages.registry.html,
    '/hostile/generated/big-pre.html': pages.bigPre.html,
    '/hostile/generated/numbers.html': pages.numbers.html,
  });
});

// Generous: a huge page on a busy two-core CI machine (the 5 MB page took 30-40 s before batched writes).
const HUGE_TIMEOUT_MS = 180_000;

describe('the IANA registry as one table', () => {
  const opened = pageForDescribe(harness, '/hostile/generated/registry.html');

  it(
    'has at least 10,000 port mentions and marks every port cell with exactly its port',
    async () => {
      const { page } = opened();
      const expected = pages.registry.expected;
      expect(expected.length).toBeGreaterThanOrEqual(10_000);
      await waitForMarks(page, expected.length, 120_000);
      // Every port cell, seen through the highlights while scrolling the whole table (only marks near the view are drawn).
      const marks = await marksInFrame(page, { groupBy: 'td.port' });
      const perCell = expected.map(() => [] as string[]);
      for (const m of marks) if (m.group >= 0) perCell[m.group].push(m.digits);
      const mismatches = expected
        .map((port, i) => [port, perCell[i].join(' ')])
        .filter(([port, marked]) => port !== marked);
      expect(mismatches.slice(0, 10)).toEqual([]);
      // The inventory counts the port cells plus whatever the descriptions mention.
      const inventory = new Map((await pagePorts(harness(), page))!.ports.map((p) => [p.port, p.count]));
      for (const { port, count } of inventoryOf(expected))
        expect(inventory.get(port) ?? 0, `port ${port}`).toBeGreaterThanOrEqual(count);
      await expectPageIntact(opened());
    },
    HUGE_TIMEOUT_MS,
  );

  it(
    'a scroll of less than a viewport changes no highlight, and the port cells in view are always drawn',
    async () => {
      const { page } = opened();
      await waitForMarks(page, pages.registry.expected.length, 120_000);
      const frames = () =>
        page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      /** Port cells inside the viewport whose digits no registered range covers. */
      const undrawnInView = () =>
        page.evaluate(() => {
          const drawn = new Set<Node>();
          for (const r of (CSS as any).highlights.get('portolan') as Iterable<StaticRange>) drawn.add(r.startContainer);
          return [...document.querySelectorAll('td.port')].filter((cell) => {
            const box = cell.getBoundingClientRect();
            if (box.bottom < 0 || box.top > innerHeight) return false;
            return ![...cell.childNodes].some((n) => drawn.has(n));
          }).length;
        });
      await page.evaluate(() => window.scrollTo(0, 0));
      await frames();
      await page.evaluate(() => {
        (window as any).__drawn = new Set((CSS as any).highlights.get('portolan'));
      });
      expect(await undrawnInView()).toBe(0);
      for (let step = 1; step <= 7; step++) {
        await page.evaluate((s) => window.scrollTo(0, (s * innerHeight) / 8), step);
        await frames();
        expect(await undrawnInView()).toBe(0);
        // The same ranges, not merely as many: no highlight was rebuilt.
        const same = await page.evaluate(() => {
          const now = [...(CSS as any).highlights.get('portolan')];
          const before = (window as any).__drawn as Set<StaticRange>;
          return now.length === before.size && now.every((r) => before.has(r));
        });
        expect(same, `after scrolling ${step}/8 of a viewport`).toBe(true);
      }
      // Far away, the window moves with the view.
      await page.evaluate(() => window.scrollTo(0, 6 * innerHeight));
      await frames();
      expect(await undrawnInView()).toBe(0);
      expect(
        await page.evaluate(() =>
          [...(CSS as any).highlights.get('portolan')].some((r) => !(window as any).__drawn.has(r)),
        ),
      ).toBe(true);
    },
    HUGE_TIMEOUT_MS,
  );

  itRestoresWhenOff(harness, () => [opened().page], HUGE_TIMEOUT_MS);
});

describe('a 5 MB log in one <pre>', () => {
  const opened = pageForDescribe(harness, '/hostile/generated/big-pre.html');

  it(
    'marks exactly the ports in the log, in order, and keeps its 5 MB of text',
    async () => {
      const { page } = opened();
      expect(await page.evaluate(() => document.getElementById('log')!.textContent!.length)).toBeGreaterThanOrEqual(
        5 * 1024 * 1024,
      );
      await waitForMarks(page, pages.bigPre.expected.length, 120_000);
      // One text node in one <pre>: its parent is always near the view, so all its marks are registered at once;
      // the sentinel after it is 5 MB further down, so it is brought into view (one frame to register) first.
      await page.evaluate(async () => {
        document.getElementById('sentinel')!.scrollIntoView();
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 30))));
      });
      const marked = (await marksInFrame(page, { scroll: false })).map((m) => m.digits);
      expect(marked.length).toBe(pages.bigPre.expected.length);
      expect(marked).toEqual(pages.bigPre.expected);
      expect((await pagePorts(harness(), page))?.ports).toEqual(inventoryOf(pages.bigPre.expected));
      await expectPageIntact(opened());
    },
    HUGE_TIMEOUT_MS,
  );

  itRestoresWhenOff(harness, () => [opened().page], HUGE_TIMEOUT_MS);
});

describe('50,000 numbers that are not ports', () => {
  const opened = pageForDescribe(harness, '/hostile/generated/numbers.html');

  it(
    'marks none of them (only the closing sentence names a port)',
    async () => {
      const { page } = opened();
      expect(await page.evaluate(() => document.querySelectorAll('#figures td').length)).toBe(50_000);
      await waitForMarks(page, 1, 60_000);
      expect(await pagePorts(harness(), page)).toEqual({ done: true, ports: [{ port: 8443, count: 1 }] });
      const marked = await marksInFrame(page, { groupBy: '#sentinel' });
      expect(marked.map((m) => `${m.group}:${m.digits}`)).toEqual(['0:8443']);
      await expectPageIntact(opened());
    },
    HUGE_TIMEOUT_MS,
  );

  itRestoresWhenOff(harness, () => [opened().page], HUGE_TIMEOUT_MS);

  it('made no request beyond the local server', () => {
    expect(harness().foreignRequests).toEqual([]);
  });
});
