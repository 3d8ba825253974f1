// End to end: the built extension in Chromium marks exactly the expected ports (as CSS highlights), never
// changes the page's DOM, text or what a copy gives, shows the card on hover and from the keyboard command.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import {
  cardState,
  hoverMark,
  launchWithExtension,
  markPoint,
  marksInFrame,
  pagePorts,
  registeredMarks,
  sendStep,
  sendToPage,
  setPortolanSettings,
  totalMentions,
  waitForAnnotations,
  type Harness,
} from './harness';

let harness: Harness;
let page: Page;

async function casesIn(frame: Page | Frame) {
  const marks = await marksInFrame(frame);
  return frame.evaluate((marks) => {
    const hosts = [...document.querySelectorAll<HTMLElement>('.case')];
    return hosts.map((el) => ({
      id: el.id,
      expected: (el.dataset.expect ?? '').split(/\s+/).filter(Boolean),
      marked: marks.filter((m) => m.caseId === el.id).map((m) => m.digits),
    }));
  }, marks);
}

beforeAll(async () => {
  harness = await launchWithExtension();
  page = await harness.open('/annotation.html');
  await page.waitForFunction(() => (window as any).__texts?.afterLate !== undefined);
  await waitForAnnotations(harness, page, 11);
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

describe('annotation in Chromium', () => {
  it('marks exactly the expected ports in every case, and none elsewhere', async () => {
    const cases = await casesIn(page);
    for (const c of cases) expect(c.marked, c.id).toEqual(c.expected);
    const marks = await marksInFrame(page);
    expect(marks.every((m) => m.caseId !== null)).toBe(true);
    expect(marks.length).toBe(cases.reduce((n, c) => n + c.expected.length, 0));
  });

  it('answers the page inventory with every port and how often it is mentioned, done', async () => {
    const answer = await pagePorts(harness, page);
    expect(answer?.done).toBe(true);
    const cases = await casesIn(page);
    const counts = new Map<number, number>();
    for (const port of cases.flatMap((c) => c.expected)) counts.set(Number(port), (counts.get(Number(port)) ?? 0) + 1);
    expect(answer?.ports).toEqual(
      [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([port, count]) => ({ port, count })),
    );
  });

  it('annotates a same-origin iframe through the content script in every frame', async () => {
    const frame = page.frame({ url: /annotation-frame\.html$/ });
    expect(frame).not.toBeNull();
    await frame!.waitForFunction(() => ((CSS as any).highlights.get('portolan')?.size ?? 0) > 0, null, {
      timeout: 10_000,
    });
    for (const c of await casesIn(frame!)) expect(c.marked, c.id).toEqual(c.expected);
  });

  it('leaves document.body.innerHTML byte for byte as the page made it, and inserts nothing anywhere', async () => {
    const { now, before, htmlChildren } = await page.evaluate(() => ({
      now: document.body.innerHTML,
      before: (window as any).__texts.afterLateHtml as string,
      htmlChildren: [...document.documentElement.children].map((el) => el.localName),
    }));
    expect(now).toBe(before);
    expect(htmlChildren).toEqual(['head', 'body']);
    expect(await page.evaluate(() => document.querySelectorAll('[tabindex]').length)).toBe(0);
  });

  it('copying a selection that spans marked ports gives the original characters', async () => {
    await harness.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.server.origin });
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
    await page.keyboard.press('Control+C');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(selected);
    const html = await page.evaluate(() => {
      const holder = document.createElement('div');
      holder.append(getSelection()!.getRangeAt(0).cloneContents());
      return holder.innerHTML;
    });
    expect(html).not.toMatch(/portolan/i);
    await page.evaluate(() => getSelection()!.removeAllRanges());
  });

  it('leaves links working', async () => {
    const point = await markPoint(page, '#metrics-link');
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => new URL(page.url()).hash).toBe('#metrics');
  });

  it('shows the card with the IANA name on hover as a labelled dialog; Esc closes it and reaches the page too', async () => {
    await page.evaluate(() => {
      (window as any).__escapes = 0;
      (window as any).__scrolls = 0;
      document.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') (window as any).__escapes++;
      });
      window.addEventListener('scroll', () => (window as any).__scrolls++, { capture: true });
    });
    const { digits, card } = await hoverMark(page, '#prose');
    expect(digits).toBe('8443');
    expect(card.visible).toBe(true);
    // The card is shown by scrolling a window inside its closed root: the page sees no scroll, and the host,
    // which covers the viewport, lets the pointer through everywhere but on the card.
    expect(await page.evaluate(() => (window as any).__scrolls)).toBe(0);
    const box = card.box!;
    const onCard = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const beside = { x: box.x + box.width + 20, y: box.y + 10 };
    expect(
      await page.evaluate(
        ([a, b]) =>
          [document.elementFromPoint(a.x, a.y), document.elementFromPoint(b.x, b.y)].map(
            (el) => el?.hasAttribute('data-portolan-card') ?? null,
          ),
        [onCard, beside],
      ),
    ).toEqual([true, false]);
    expect(card.role).toBe('dialog');
    expect(card.label).toContain('8443');
    expect(card.text).toContain('pcsync-https');
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await cardState(page)).open).toBe(false);
    expect(await page.evaluate(() => (window as any).__escapes)).toBe(1);
  });

  it('shows the card on hover over a port inside an open shadow root', async () => {
    // caretPositionFromPoint only looks into the shadow roots it is given by name: `{ shadowRoots }`.
    const { digits, card } = await hoverMark(page, '#shadow-host');
    expect(digits).toBe('27017');
    expect(card.visible).toBe(true);
    expect(card.label).toContain('27017');
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await cardState(page)).open).toBe(false);
  });

  it('closes when the pointer leaves both the port and the card', async () => {
    const { card } = await hoverMark(page, '#prose', 1);
    expect(card.label).toContain('3000');
    await page.mouse.move(1000, 700, { steps: 3 });
    await expect.poll(async () => (await cardState(page)).open, { timeout: 3_000 }).toBe(false);
  });

  it('the keyboard command moves to the next port, opens its card with focus in it, and Esc returns focus', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.focus('#textarea');
    await sendStep(harness, page, 'next');
    await expect.poll(async () => (await cardState(page)).label, { timeout: 5_000 }).toContain('8443');
    await expect.poll(async () => (await cardState(page)).focusedInCard).toBe(true);
    await sendStep(harness, page, 'next');
    await expect.poll(async () => (await cardState(page)).label, { timeout: 5_000 }).toContain('3000');
    await sendStep(harness, page, 'previous');
    await expect.poll(async () => (await cardState(page)).label, { timeout: 5_000 }).toContain('8443');
    // The focus highlight is drawn on the port whose card is open.
    const focusMark = await page.evaluate(() =>
      [...((CSS as any).highlights.get('portolan-focus') ?? [])].map((r: StaticRange) =>
        (r.startContainer as Text).data.slice(r.startOffset, r.endOffset),
      ),
    );
    expect(focusMark).toEqual(['8443']);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await cardState(page)).open).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('textarea');
    expect(await page.evaluate(() => (CSS as any).highlights.get('portolan-focus')?.size ?? 0)).toBe(0);
  });

  it('the context menu opens the selected port’s card beside the selection', async () => {
    const selection = await page.evaluate(() => {
      const text = document.querySelector('#prose')!.firstChild as Text;
      const at = text.data.indexOf('3000');
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 4);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, bottom: r.bottom };
    });
    await sendToPage(harness, page, { type: 'portolan/show', port: 3000 }, 0);
    await expect.poll(async () => (await cardState(page)).label, { timeout: 5_000 }).toContain('3000');
    const { box, visible } = await cardState(page);
    expect(visible).toBe(true);
    // Placed at the selection: just below it (or above it, when there is no room below).
    expect(Math.min(Math.abs(box!.y - selection.bottom), Math.abs(box!.y + box!.height - selection.y))).toBeLessThan(
      24,
    );
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await cardState(page)).open).toBe(false);
    await page.evaluate(() => getSelection()!.removeAllRanges());
  });

  it('turning Portolan off for the site removes every mark, live, and the DOM was never touched', async () => {
    await setPortolanSettings(harness, { disabledSites: ['127.0.0.1'] });
    await expect.poll(() => registeredMarks(page), { timeout: 10_000 }).toBe(0);
    expect(totalMentions(await pagePorts(harness, page))).toBe(0);
    const { html, expected } = await page.evaluate(() => ({
      html: document.body.innerHTML,
      expected: (window as any).__texts.afterLateHtml as string,
    }));
    expect(html).toBe(expected);

    await setPortolanSettings(harness, { disabledSites: [] });
    await expect.poll(() => registeredMarks(page), { timeout: 10_000 }).toBeGreaterThan(0);
    await waitForAnnotations(harness, page, 11);
    expect(await casesIn(page).then((cases) => cases.find((c) => c.id === 'prose')?.marked)).toEqual(['8443', '3000']);
  });

  it('made no network request outside the local test server', () => {
    expect(harness.foreignRequests).toEqual([]);
  });
});
