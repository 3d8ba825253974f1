// End to end in Chromium: a pinned card stays while the pointer moves on and the page scrolls, can be dragged by
// its title, and lets a second, unpinned card open beside it; its close button removes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hoverMark, launchWithExtension, waitForAnnotations, type Harness } from './harness';

let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await launchWithExtension();
  page = await harness.open('/annotation.html');
  await waitForAnnotations(harness, page, 5);
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

interface HostState {
  pinned: boolean;
  visible: boolean;
  label: string | null;
  box: { x: number; y: number; width: number; height: number } | null;
  /** Centres of the card's labelled buttons, and a point on its title (the drag grip). */
  buttons: Record<string, { x: number; y: number }>;
}

/** Every card host on the page, read through CDP (closed shadow roots), with where its buttons are. */
async function hosts(): Promise<HostState[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: "[...document.querySelectorAll('[data-portolan-card]')]",
    });
    const { result: items } = await cdp.send('Runtime.getProperties', {
      objectId: result.objectId!,
      ownProperties: true,
    });
    const out: HostState[] = [];
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
          const box = dialog ? dialog.getBoundingClientRect() : null;
          const buttons = {};
          for (const b of this.querySelectorAll('button[aria-label]')) {
            const r = b.getBoundingClientRect();
            buttons[b.getAttribute('aria-label')] = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
          }
          const title = this.querySelector('.pc-title');
          const t = title ? title.getBoundingClientRect() : null;
          if (t) buttons.title = { x: t.left + 4, y: t.top + t.height / 2 };
          return {
            pinned: this.host.hasAttribute('data-portolan-pinned'),
            visible: getComputedStyle(this.host).visibility === 'visible',
            label: dialog ? dialog.getAttribute('aria-label') : null,
            box: box ? { x: box.x, y: box.y, width: box.width, height: box.height } : null,
            buttons,
          };
        }`,
      });
      out.push(answer.result.value as HostState);
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

describe('a pinned card', () => {
  it('stays, drags, survives scrolling, lets a second card open, and closes from its button', async () => {
    const first = await hoverMark(page, '#prose');
    expect(first.card.visible).toBe(true);
    const [open] = await hosts();
    expect(open.buttons['Pin this card']).toBeDefined();
    await page.mouse.move(open.buttons['Pin this card'].x, open.buttons['Pin this card'].y, { steps: 3 });
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(async () => (await hosts())[0]?.pinned).toBe(true);

    // The pointer moves far away and the page scrolls: the pinned card stays where it is.
    await page.mouse.move(5, 5, { steps: 4 });
    await page.waitForTimeout(800);
    const before = (await hosts())[0];
    expect(before.visible).toBe(true);
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(300);
    const scrolled = (await hosts())[0];
    expect(scrolled.visible).toBe(true);
    expect(scrolled.box).toEqual(before.box);

    // Dragged by its title.
    const grip = scrolled.buttons.title;
    await page.mouse.move(grip.x, grip.y);
    await page.mouse.down();
    await page.mouse.move(grip.x + 60, grip.y + 40, { steps: 5 });
    await page.mouse.up();
    const dragged = (await hosts())[0];
    expect(Math.round(dragged.box!.x - scrolled.box!.x)).toBe(60);
    expect(Math.round(dragged.box!.y - scrolled.box!.y)).toBe(40);

    // Hovering another port opens a second, unpinned card beside it.
    await page.mouse.wheel(0, -200);
    await hoverMark(page, '#prose', 1);
    await expect.poll(async () => (await hosts()).filter((h) => h.visible).length, { timeout: 5_000 }).toBe(2);
    const both = await hosts();
    expect(both.map((h) => h.pinned)).toEqual([true, false]);

    // The unpinned one closes as the pointer leaves it; the pinned one's close button removes it.
    await page.mouse.move(5, 5, { steps: 4 });
    await expect.poll(async () => (await hosts()).map((h) => h.pinned), { timeout: 5_000 }).toEqual([true]);
    const close = (await hosts())[0].buttons.Close;
    await page.mouse.move(close.x, close.y, { steps: 3 });
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(async () => (await hosts()).filter((h) => h.pinned).length).toBe(0);
  });
});
