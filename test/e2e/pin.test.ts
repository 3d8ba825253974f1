// End to end in Chromium: a pinned card stays while the pointer moves on and the page scrolls, can be dragged by
// its title, and lets a second, unpinned card open beside it; its close button removes it.
import { describe, expect, it } from 'vitest';
import { cardStates, hoverMark, waitForAnnotations } from './harness';
import { harnessForFile, pageForDescribe } from './hostile-checks';

const harness = harnessForFile();

describe('a pinned card', () => {
  const opened = pageForDescribe(harness, '/annotation.html', {
    ready: ({ page }) => waitForAnnotations(harness(), page, 5),
  });

  it('stays, drags, survives scrolling, lets a second card open, and closes from its button', async () => {
    const { page } = opened();
    const first = await hoverMark(page, '#prose');
    expect(first.card.visible).toBe(true);
    const [open] = await cardStates(page);
    expect(open.buttons['Pin this card']).toBeDefined();
    await page.mouse.move(open.buttons['Pin this card'].x, open.buttons['Pin this card'].y, { steps: 3 });
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(async () => (await cardStates(page))[0]?.pinned).toBe(true);

    // The pointer moves far away and the page scrolls: the pinned card stays where it is.
    await page.mouse.move(5, 5, { steps: 4 });
    await page.waitForTimeout(800);
    const before = (await cardStates(page))[0];
    expect(before.visible).toBe(true);
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(300);
    const scrolled = (await cardStates(page))[0];
    expect(scrolled.visible).toBe(true);
    expect(scrolled.box).toEqual(before.box);

    // Dragged by its title.
    const grip = scrolled.buttons.title;
    await page.mouse.move(grip.x, grip.y);
    await page.mouse.down();
    await page.mouse.move(grip.x + 60, grip.y + 40, { steps: 5 });
    await page.mouse.up();
    const dragged = (await cardStates(page))[0];
    expect(Math.round(dragged.box!.x - scrolled.box!.x)).toBe(60);
    expect(Math.round(dragged.box!.y - scrolled.box!.y)).toBe(40);

    // Hovering another port opens a second, unpinned card beside it.
    await page.mouse.wheel(0, -200);
    await hoverMark(page, '#prose', 1);
    await expect.poll(async () => (await cardStates(page)).filter((h) => h.visible).length, { timeout: 5_000 }).toBe(2);
    const both = await cardStates(page);
    expect(both.map((h) => h.pinned)).toEqual([true, false]);

    // The unpinned one closes as the pointer leaves it; the pinned one's close button removes it.
    await page.mouse.move(5, 5, { steps: 4 });
    await expect.poll(async () => (await cardStates(page)).map((h) => h.pinned), { timeout: 5_000 }).toEqual([true]);
    const close = (await cardStates(page))[0].buttons.Close;
    await page.mouse.move(close.x, close.y, { steps: 3 });
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(async () => (await cardStates(page)).filter((h) => h.pinned).length).toBe(0);
  });
});
