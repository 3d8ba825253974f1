// Huge pages, generated at test time: the whole IANA list as one table (12,000+ port mentions), a 5 MB log in
// one <pre> text node, and 50,000 numbers that are not ports. Everything is marked, nothing else, text intact.
import { beforeAll, describe, expect, it } from 'vitest';
import { serveFromMemory } from './harness';
import { expectPageIntact, harnessForFile, itRestoresWhenOff, pageForDescribe, waitForWrappers } from './hostile-checks';
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

  it('has at least 10,000 port mentions and marks every port cell with exactly its port', async () => {
    const { page } = opened();
    const expected = pages.registry.expected;
    expect(expected.length).toBeGreaterThanOrEqual(10_000);
    await waitForWrappers(page, expected.length, 120_000);
    const wrong = await page.evaluate((expected) => {
      const cells = [...document.querySelectorAll('td.port')];
      const mismatches: string[] = [];
      cells.forEach((cell, i) => {
        const marked = [...cell.querySelectorAll('portolan-port')].map((w) => w.textContent).join(' ');
        if (marked !== expected[i]) mismatches.push(`${cell.textContent}: marked "${marked}"`);
      });
      return { cells: cells.length, mismatches: mismatches.slice(0, 10), count: mismatches.length };
    }, expected);
    expect(wrong.cells).toBe(expected.length);
    expect(wrong.mismatches).toEqual([]);
    await expectPageIntact(opened());
  }, HUGE_TIMEOUT_MS);

  itRestoresWhenOff(harness, () => [opened().page], HUGE_TIMEOUT_MS);
});

describe('a 5 MB log in one <pre>', () => {
  const opened = pageForDescribe(harness, '/hostile/generated/big-pre.html');

  it('marks exactly the ports in the log, in order, and keeps its 5 MB of text', async () => {
    const { page } = opened();
    expect(await page.evaluate(() => document.getElementById('log')!.textContent!.length)).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    await waitForWrappers(page, pages.bigPre.expected.length, 120_000);
    const marked = await page.evaluate(() => [...document.querySelectorAll('portolan-port')].map((w) => w.textContent));
    expect(marked.length).toBe(pages.bigPre.expected.length);
    expect(marked).toEqual(pages.bigPre.expected);
    await expectPageIntact(opened());
  }, HUGE_TIMEOUT_MS);

  itRestoresWhenOff(harness, () => [opened().page], HUGE_TIMEOUT_MS);
});

describe('50,000 numbers that are not ports', () => {
  const opened = pageForDescribe(harness, '/hostile/generated/numbers.html');

  it('marks none of them (only the closing sentence names a port)', async () => {
    const { page } = opened();
    expect(await page.evaluate(() => document.querySelectorAll('#figures td').length)).toBe(50_000);
    // The sentinel comes last in document order: once it is marked, the annotator has walked the whole table.
    await page.waitForSelector('#sentinel portolan-port', { timeout: 60_000 });
    await waitForWrappers(page, 1);
    const marked = await page.evaluate(() => [...document.querySelectorAll('portolan-port')].map((w) => `${w.parentElement!.id || w.parentElement!.localName}:${w.textContent}`));
    expect(marked).toEqual(['sentinel:8443']);
    await expectPageIntact(opened());
  }, HUGE_TIMEOUT_MS);

  itRestoresWhenOff(harness, () => [opened().page], HUGE_TIMEOUT_MS);

  it('made no request beyond the local server', () => {
    expect(harness().foreignRequests).toEqual([]);
  });
});
