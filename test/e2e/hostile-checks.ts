// The checks every hostile page goes through. Pages load /hostile/hostile.js first, which records what the page
// says (window.__hostile.text/html/shadows) before the content script runs; each .case states its own answer
// in data-expect (ports that must be marked, in order) and data-allow (ports that may be marked).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import {
  cardState,
  collectConsoleErrors,
  hoverMark,
  launchWithExtension,
  marksInFrame,
  registeredMarks,
  setPortolanSettings,
  waitForAnnotations,
  type Harness,
} from './harness';

export interface CaseResult {
  id: string;
  expected: string[];
  allowed: string[];
  marked: string[];
}

export interface OpenedPage {
  page: Page;
  errors: string[];
}

/** Opens a page with its console watched from the first byte. */
export async function openWatched(
  harness: Harness,
  path: string,
  options: { initScript?: string } = {},
): Promise<OpenedPage> {
  const page = await harness.context.newPage();
  const errors = await collectConsoleErrors(harness, page);
  if (options.initScript) await page.addInitScript({ path: options.initScript });
  await page.goto(harness.server.origin + path);
  return { page, errors };
}

// The file's browser, so waits on a top-level page can ask its content script whether it is done.
let fileHarness: Harness | undefined;

/** The browser with the extension for one test file: launched before its tests, closed after them. */
export function harnessForFile(options: Parameters<typeof launchWithExtension>[0] = {}): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = fileHarness = await launchWithExtension(options);
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error('the browser with the extension did not start');
    return harness;
  };
}

/**
 * The page at `path`, opened once for the enclosing describe() and closed after it; `ready` waits for whatever
 * the page must finish first. Call inside describe(); the getter works inside its tests.
 */
export function pageForDescribe(
  harness: () => Harness,
  path: string,
  options: { initScript?: string; ready?: (opened: OpenedPage) => Promise<unknown>; timeoutMs?: number } = {},
): () => OpenedPage {
  let opened: OpenedPage | undefined;
  beforeAll(async () => {
    opened = await openWatched(harness(), path, options);
    await options.ready?.(opened);
  }, options.timeoutMs);
  afterAll(async () => opened?.page.close());
  return () => {
    if (!opened) throw new Error(`${path} did not open`);
    return opened;
  };
}

/** The test every hostile page ends with: turning Portolan off gives the page back its DOM, exactly. */
export function itRestoresWhenOff(harness: () => Harness, frames: () => (Page | Frame)[], timeoutMs?: number): void {
  it('restores the DOM when turned off', () => expectOffRestores(harness(), frames()), timeoutMs);
}

/** Every .case in a frame: what it expects and what is marked inside it (inside its shadow root if it has one). */
export async function casesIn(frame: Page | Frame): Promise<CaseResult[]> {
  const marks = await marksInFrame(frame);
  return frame.evaluate(
    (marks) =>
      [...document.querySelectorAll<HTMLElement>('.case')].map((el) => {
        const words = (value: string | undefined) => (value ?? '').split(/\s+/).filter(Boolean);
        return {
          id: el.id,
          expected: words(el.dataset.expect),
          allowed: words(el.dataset.allow),
          marked: marks.filter((m) => m.caseId === el.id).map((m) => m.digits),
        };
      }),
    marks,
  );
}

/** The expected ports are marked, in order, and nothing else except explicitly allowed ports. */
export function expectCasesMarked(cases: CaseResult[]): void {
  expect(cases.length).toBeGreaterThan(0);
  for (const c of cases) {
    const required = c.marked.filter((port) => !c.allowed.includes(port));
    expect(required, `case #${c.id}`).toEqual(c.expected);
  }
}

/** Sum of the ports every case requires: what to wait for. */
export function requiredCount(cases: CaseResult[]): number {
  return cases.reduce((n, c) => n + c.expected.length, 0);
}

/**
 * Waits (up to a limit) until a frame has marked at least `minimum` mentions and is done. A top-level page is
 * asked through the page inventory; a frame is watched through the highlights its main world can see.
 */
export async function waitForMarks(frame: Page | Frame, minimum: number, timeoutMs = 15_000): Promise<number> {
  if (fileHarness && 'mainFrame' in frame) return waitForAnnotations(fileHarness, frame, minimum, timeoutMs);
  const started = Date.now();
  let last = -1;
  while (Date.now() - started < timeoutMs) {
    const now = (await marksInFrame(frame)).length;
    if (now >= minimum && now === last) return now;
    last = now;
    await new Promise((r) => setTimeout(r, 250));
  }
  // Fall through: the per-case assertions then say exactly which ports are missing.
  return last;
}

/** Every registered mark covers exactly digits of the page's text, in bounds, and no two overlap. */
export async function expectWellFormedMarks(frame: Page | Frame): Promise<void> {
  const bad = await frame.evaluate(() => {
    const ranges = [...(((CSS as any).highlights.get('portolan') as Set<StaticRange> | undefined) ?? [])];
    const problems: string[] = [];
    const byNode = new Map<Node, StaticRange[]>();
    for (const r of ranges) {
      const text = r.startContainer;
      if (text.nodeType !== 3 || r.endContainer !== text) problems.push('range not inside one text node');
      else if (
        r.endOffset > (text as Text).length ||
        !/^\d{1,5}$/.test((text as Text).data.slice(r.startOffset, r.endOffset))
      )
        problems.push(`not digits: ${JSON.stringify((text as Text).data.slice(r.startOffset, r.endOffset))}`);
      byNode.set(text, [...(byNode.get(text) ?? []), r]);
    }
    for (const list of byNode.values()) {
      list.sort((a, b) => a.startOffset - b.startOffset);
      for (let i = 1; i < list.length; i++)
        if (list[i].startOffset < list[i - 1].endOffset) problems.push('overlapping marks');
    }
    return problems.slice(0, 5);
  });
  expect(bad).toEqual([]);
}

/** The page says exactly what it said before Portolan ran (body and every root the page registered). */
export async function expectTextUnchanged(frame: Page | Frame): Promise<void> {
  const result = await frame.evaluate(() => {
    const h = (window as any).__hostile;
    return {
      recorded: h.text !== null,
      bodySame: document.body.textContent === h.text,
      htmlSame: document.body.innerHTML === h.html,
      roots: (h.roots as { name: string; root: ShadowRoot }[]).map((r, i) => ({
        name: r.name,
        same: r.root.textContent === h.shadows[i].text,
      })),
    };
  });
  expect(result.recorded, 'the page recorded its text').toBe(true);
  expect(result.bodySame, 'body.textContent unchanged').toBe(true);
  expect(result.htmlSame, 'body.innerHTML unchanged, byte for byte').toBe(true);
  for (const root of result.roots) expect(root.same, `text of shadow root "${root.name}" unchanged`).toBe(true);
}

/** The page's own timers and animation frames keep running. */
export async function expectPageScriptsAlive(frame: Page | Frame): Promise<void> {
  const before = await frame.evaluate(() => ({
    ticks: (window as any).__hostile.ticks,
    errors: (window as any).__hostile.errors,
  }));
  await new Promise((r) => setTimeout(r, 250));
  const after = await frame.evaluate(() => (window as any).__hostile.ticks as number);
  expect(after, 'the page counter keeps counting').toBeGreaterThan(before.ticks);
  expect(before.errors, 'errors the page itself saw').toEqual([]);
}

/** After annotation: marks well formed, the page's DOM and its scripts untouched, nothing in the console. */
export async function expectPageIntact(opened: OpenedPage): Promise<void> {
  await expectWellFormedMarks(opened.page);
  await expectTextUnchanged(opened.page);
  await expectPageScriptsAlive(opened.page);
  expect(opened.errors, 'console errors').toEqual([]);
}

/** Turns Portolan off, checks every frame's DOM is back to what the page recorded, and turns it on again. */
export async function expectOffRestores(harness: Harness, frames: (Page | Frame)[]): Promise<void> {
  await setPortolanSettings(harness, { enabled: false });
  try {
    for (const frame of frames) {
      await frame.waitForFunction(
        () =>
          ((CSS as any).highlights.get('portolan')?.size ?? 0) === 0 &&
          document.querySelector('[data-portolan-card]') === null,
        null,
        { timeout: 10_000, polling: 50 },
      );
      const restored = await frame.evaluate(() => {
        const h = (window as any).__hostile;
        const now = document.body.innerHTML;
        let at = 0;
        while (at < now.length && now[at] === h.html[at]) at++;
        return {
          body: now === h.html,
          firstDifference:
            now === h.html
              ? ''
              : `at ${at}: now ${JSON.stringify(now.slice(Math.max(0, at - 80), at + 80))} / was ${JSON.stringify(h.html.slice(Math.max(0, at - 80), at + 80))}`,
          roots: (h.roots as { name: string; root: ShadowRoot }[]).map((r, i) => ({
            name: r.name,
            same: r.root.innerHTML === h.shadows[i].html,
          })),
        };
      });
      expect(restored.body, `DOM restored in ${frame.url()} (first difference ${restored.firstDifference})`).toBe(true);
      for (const root of restored.roots) expect(root.same, `shadow root "${root.name}" restored`).toBe(true);
    }
  } finally {
    await setPortolanSettings(harness, { enabled: true });
  }
}

export interface CardPlacement {
  box: { x: number; y: number; width: number; height: number };
  viewport: { width: number; height: number };
  onTop: boolean;
  text: string;
}

/** Hovers the first mark inside `selector` and reports where the card appeared, whether it is on top, and what it says. */
export async function hoverForCard(
  page: Page,
  selector: string,
): Promise<CardPlacement & { label: string; digits: string }> {
  const { card, digits } = await hoverMark(page, selector);
  if (!card.box || !card.visible) throw new Error(`no card for the mark in ${selector}`);
  const box = card.box;
  const placement = await page.evaluate((box) => {
    // Sample a grid inside the card: everything there must be the card, not the page painting over it.
    const points: [number, number][] = [];
    for (const fx of [0.1, 0.5, 0.9])
      for (const fy of [0.1, 0.5, 0.9]) points.push([box.x + box.width * fx, box.y + box.height * fy]);
    const onTop = points.every(
      ([x, y]) => document.elementFromPoint(x, y)?.hasAttribute('data-portolan-card') === true,
    );
    return { viewport: { width: window.innerWidth, height: window.innerHeight }, onTop };
  }, box);
  return { box, ...placement, text: card.text, label: card.label ?? '', digits };
}

export function expectOnScreen(card: CardPlacement, label: string): void {
  const { box, viewport } = card;
  expect(box.width, `${label}: card has width`).toBeGreaterThan(100);
  expect(box.height, `${label}: card has height`).toBeGreaterThan(40);
  expect(box.x, `${label}: card left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${label}: card top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${label}: card right edge`).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height, `${label}: card bottom edge`).toBeLessThanOrEqual(viewport.height);
  expect(card.onTop, `${label}: nothing paints over the card`).toBe(true);
}

export async function closeCard(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await cardState(page)).open, { timeout: 5_000 }).toBe(false);
  await page.mouse.move(1, 1);
}

/** The whole standard check for a page whose content is static after load. */
export async function checkStaticPage(
  harness: Harness,
  opened: OpenedPage,
  frames: (Page | Frame)[] = [opened.page],
): Promise<void> {
  for (const frame of frames) {
    const cases = await casesIn(frame);
    await waitForMarks(frame, requiredCount(cases));
    expectCasesMarked(await casesIn(frame));
    await expectWellFormedMarks(frame);
    await expectTextUnchanged(frame);
    await expectPageScriptsAlive(frame);
  }
  expect(opened.errors, 'console errors').toEqual([]);
  expect(harness.foreignRequests, 'requests beyond the local server').toEqual([]);
}

export { registeredMarks };
