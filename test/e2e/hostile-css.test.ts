// Hostile CSS: page rules aimed at every element, overlays at the top z-index, transformed and zoomed
// ancestors, RTL and vertical text. The ports are still marked, and the card shows on screen, on top of the page.
import { describe, expect, it } from 'vitest';
import {
  checkStaticPage,
  closeCard,
  expectOffRestores,
  expectOnScreen,
  harnessForFile,
  hoverForCard,
  openWatched,
} from './hostile-checks';

const harness = harnessForFile();

const PAGES = [
  'css-all-unset.html',
  'css-all-unset-important.html',
  'css-display-block.html',
  'css-overlay.html',
  'css-layout.html',
];

describe.each(PAGES)('%s', (file) => {
  it('marks the ports without changing the text; the card shows on screen and on top for every hovered case', async () => {
    const opened = await openWatched(harness(), `/hostile/${file}`);
    try {
      await checkStaticPage(harness(), opened);
      const { page } = opened;
      const hovered = await page.$$eval('.case[data-hover]', (els) => els.map((el) => el.id));
      expect(hovered.length).toBeGreaterThan(0);
      for (const id of hovered) {
        const card = await hoverForCard(page, `#${id}`);
        expectOnScreen(card, `${file} #${id}`);
        expect(card.label, `${file} #${id}`).toContain(card.digits);
        await closeCard(page);
      }
      expect(opened.errors).toEqual([]);
      await expectOffRestores(harness(), [page]);
    } finally {
      await opened.page.close();
    }
  });
});
