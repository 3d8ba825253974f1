import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { CARD_UI_GLOBAL } from '../lib/card-ui';
import { createPopover } from '../page/popover';
import type { PopoverFactory } from '../page/lazy-popover';
import { cardRenderer } from '../ui/card-renderer';

// Injected by the background into a frame the first time a card is wanted there (see ext/card-ui-loader.ts).
export default defineUnlistedScript(() => {
  const factory: PopoverFactory = (options) => createPopover({ ...options, loadRenderer: async () => cardRenderer });
  (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL] = factory;
});
