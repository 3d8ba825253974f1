// Hostile pages whose content is fixed after load: tables of PIDs next to ports, numbers already in links,
// markup-like and invisible characters, editors, frames and shadow roots, a strict CSP. One browser for all.
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import {
  casesIn,
  checkStaticPage,
  closeCard,
  expectCasesMarked,
  harnessForFile,
  expectOffRestores,
  expectOnScreen,
  expectTextUnchanged,
  hoverForCard,
  itRestoresWhenOff,
  pageForDescribe,
  waitForMarks,
} from './hostile-checks';
import { cardState, markPoint, pagePorts, totalMentions } from './harness';

const harness = harnessForFile();

/** Mentions the page's top document (and its open shadow roots) has marked, from its own inventory. */
async function documentMarkCount(page: Page): Promise<number> {
  return totalMentions(await pagePorts(harness(), page));
}

async function clickMark(page: Page, selector: string): Promise<void> {
  const point = await markPoint(page, selector);
  await page.mouse.click(point.x, point.y);
}

describe('tables of PIDs next to ports, and numbers already in links', () => {
  const opened = pageForDescribe(harness, '/hostile/tables.html');

  it('marks only the ports, never the PID, queue, inode or thread columns', async () => {
    await checkStaticPage(harness(), opened());
    const cases = await casesIn(opened().page);
    expect(await documentMarkCount(opened().page)).toBe(cases.reduce((n, c) => n + c.marked.length, 0));
  });

  it('keeps links working and their text the same for the page', async () => {
    const { page } = opened();
    expect(await page.evaluate(() => (window as any).__linkTexts())).toEqual(
      await page.evaluate(() => (window as any).__linkTextsAtLoad),
    );
    await clickMark(page, '#link-9090');
    await expect.poll(() => new URL(page.url()).hash).toBe('#prom');
    await clickMark(page, '#kibana');
    await expect.poll(() => new URL(page.url()).hash).toBe('#kibana-docs');
  });

  itRestoresWhenOff(harness, () => [opened().page]);
});

describe('hostile text: markup-like strings, entities, invisible, combining and bidi characters', () => {
  const opened = pageForDescribe(harness, '/hostile/text.html');

  it('marks the ports and keeps every character the page had', async () => {
    await checkStaticPage(harness(), opened());
  });

  it('renders nothing from the page as markup and adds no element', async () => {
    const strays = await opened().page.evaluate(() =>
      [...document.querySelectorAll('.case *')].map((el) => el.localName),
    );
    expect(strays).toEqual([]);
  });

  it('opens no card for a look-alike element the page made, nor for untrusted pointer events on a real port', async () => {
    const { page } = opened();
    const point = await page.evaluate(() => {
      const forged = document.createElement('portolan-port');
      forged.setAttribute('data-portolan-port', '22');
      forged.id = 'forged-element';
      forged.textContent = '22';
      document.getElementById('forged')!.after(forged);
      const box = forged.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    });
    await page.mouse.move(point.x, point.y);
    const real = await markPoint(page, '#forged');
    // A page script dispatching pointer events at the digits (no real pointer): must not open the card.
    await page.evaluate((p) => {
      const target = document.elementFromPoint(p.x, p.y)!;
      for (const type of ['pointerover', 'pointermove', 'mouseover', 'mousemove', 'focusin']) {
        target.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, clientX: p.x, clientY: p.y }));
      }
    }, real);
    await page.waitForTimeout(1_000); // past the hover delay and a look-up
    expect((await cardState(page)).open).toBe(false);
    await page.evaluate(() => document.getElementById('forged-element')!.remove());
  });

  it('shows registry text as text on the card: no links or images from the page', async () => {
    const { page } = opened();
    const card = await hoverForCard(page, '#registry-like');
    expect(card.label).toContain('3716');
    expect((await cardState(page)).injected).toEqual([]);
    await closeCard(page);
  });

  itRestoresWhenOff(harness, () => [opened().page]);
});

describe('editors', () => {
  const opened = pageForDescribe(harness, '/hostile/editors.html');

  it('never annotates contenteditable, form fields or code editors (CodeMirror 5/6, Monaco shapes)', async () => {
    await checkStaticPage(harness(), opened());
    expect(await documentMarkCount(opened().page)).toBe(1);
  });

  it('does not move the caret or touch the text while the user types', async () => {
    const { page } = opened();
    const editable = page.locator('#plain-editable');
    const original = (await editable.textContent()) ?? '';
    await editable.click();
    // Caret right after "Notes:" (6 characters in).
    await page.evaluate(() => {
      const text = document.getElementById('plain-editable')!.firstChild!;
      getSelection()!.collapse(text, 6);
    });
    const typed = ' see port 9999, localhost:7777 and';
    await page.keyboard.type(typed, { delay: 15 });
    await page.waitForTimeout(400); // long enough for the annotator to see the mutations and act, if it would
    const state = await page.evaluate(() => {
      const el = document.getElementById('plain-editable')!;
      const selection = getSelection()!;
      const range = document.createRange();
      range.setStart(el, 0);
      range.setEnd(selection.anchorNode!, selection.anchorOffset);
      return {
        text: el.textContent,
        caretAt: range.toString().length,
        collapsed: selection.isCollapsed,
        marked: [...((CSS as any).highlights.get('portolan') ?? [])].filter((r: StaticRange) =>
          el.contains(r.startContainer),
        ).length,
        inputs: (window as any).__editorInputs as number,
      };
    });
    expect(state.text).toBe(original.slice(0, 6) + typed + original.slice(6));
    expect(state.caretAt).toBe(6 + typed.length);
    expect(state.collapsed).toBe(true);
    expect(state.marked).toBe(0);
    expect((await pagePorts(harness(), page))?.ports.map((p) => p.port)).not.toContain(9999);
    expect(state.inputs).toBe(typed.length);
  });

  it('leaves a region alone once the page makes it editable', async () => {
    const { page } = opened();
    // The control paragraph holds a mark; a wiki's "edit" button turns it editable: the mark must go.
    const markedInControl = () =>
      page.evaluate(
        () =>
          [...((CSS as any).highlights.get('portolan') ?? [])].filter((r: StaticRange) =>
            document.getElementById('control')!.contains(r.startContainer),
          ).length,
      );
    expect(await markedInControl()).toBe(1);
    await page.evaluate(() => document.getElementById('control')!.setAttribute('contenteditable', 'true'));
    await expect.poll(markedInControl, { timeout: 5_000 }).toBe(0);
    expect(await page.evaluate(() => document.getElementById('control')!.innerHTML)).toBe(
      'Outside the editors, port 8443 is marked.',
    );
    await page.evaluate(() => document.getElementById('control')!.removeAttribute('contenteditable'));
    await expect.poll(markedInControl, { timeout: 5_000 }).toBe(1);
  });
});

describe('frames and shadow roots', () => {
  let frames: Frame[];
  const opened = pageForDescribe(harness, '/hostile/frames.html', {
    ready: async ({ page }) => {
      await page.waitForFunction(() => document.querySelectorAll('iframe').length === 2);
      const sameOrigin = page.frameLocator('#same-origin').locator('#in-frame');
      const crossOrigin = page.frameLocator('#cross-origin').locator('#in-frame');
      await Promise.all([sameOrigin.waitFor(), crossOrigin.waitFor()]);
      frames = page.frames().filter((f) => f.url().includes('frame-child.html'));
    },
  });

  it('loads one same-origin and one cross-origin frame', () => {
    expect(frames.map((f) => new URL(f.url()).hostname).sort()).toEqual(['127.0.0.1', 'localhost']);
  });

  it('annotates the top page, both frames and their open shadow roots, nested three deep', async () => {
    await checkStaticPage(harness(), opened(), [opened().page, ...frames]);
    for (const frame of [opened().page, ...frames]) {
      const roots = await frame.evaluate(() => {
        const h = (window as any).__hostile;
        const expected = (window as any).__expectInRoots as Record<string, string[]>;
        return (h.roots as { name: string; root: ShadowRoot }[]).map((r) => ({
          name: r.name,
          expected: expected[r.name],
          marked: [...((CSS as any).highlights.get('portolan') ?? [])]
            .filter((range: StaticRange) => range.startContainer.getRootNode() === r.root)
            .sort((a: StaticRange, b: StaticRange) =>
              a.startContainer === b.startContainer
                ? a.startOffset - b.startOffset
                : a.startContainer.compareDocumentPosition(b.startContainer) & 4
                  ? -1
                  : 1,
            )
            .map((range: StaticRange) => (range.startContainer as Text).data.slice(range.startOffset, range.endOffset)),
        }));
      });
      for (const root of roots) expect(root.marked, `${frame.url()} root ${root.name}`).toEqual(root.expected);
    }
  });

  it('leaves a closed shadow root exactly as it was', async () => {
    const closed = await opened().page.evaluate(() => {
      const h = (window as any).__hostile;
      const at = (h.roots as { name: string }[]).findIndex((r) => r.name === 'closed');
      return { now: h.roots[at].root.innerHTML, before: h.shadows[at].html };
    });
    expect(closed.now).toBe(closed.before);
  });

  it('restores every frame when turned off', async () => {
    await expectOffRestores(harness(), [opened().page, ...frames]);
  });
});

describe('strict CSP (default-src none): no page script runs, the card still renders', () => {
  // The page may not run its own scripts, so the instrumentation comes in through the browser instead.
  const opened = pageForDescribe(harness, '/hostile/csp-strict.html', { initScript: 'test/pages/hostile/hostile.js' });

  it('serves the page under the strict policy', async () => {
    const response = await opened().page.request.get(`${harness().server.origin}/hostile/csp-strict.html`);
    expect(response.headers()['content-security-policy']).toContain("default-src 'none'");
  });

  it('marks the ports and keeps the text', async () => {
    const cases = await casesIn(opened().page);
    await waitForMarks(
      opened().page,
      cases.reduce((n, c) => n + c.expected.length, 0),
    );
    expectCasesMarked(await casesIn(opened().page));
    await expectTextUnchanged(opened().page);
  });

  it('shows a styled, on-screen card', async () => {
    const { page } = opened();
    const card = await hoverForCard(page, '#prose');
    expectOnScreen(card, 'strict CSP');
    expect(card.text).toContain('8443');
    const state = await cardState(page);
    const backgrounds = [state.background, state.themedBackground];
    // Unstyled (its style sheet refused), the card would be transparent text over the page.
    expect(backgrounds.some((color) => color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent')).toBe(true);
    await closeCard(page);
  });

  it('reports no console error and no foreign request', () => {
    expect(opened().errors).toEqual([]);
    expect(harness().foreignRequests).toEqual([]);
  });

  itRestoresWhenOff(harness, () => [opened().page]);
});
