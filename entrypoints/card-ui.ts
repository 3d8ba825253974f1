import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { browser } from 'wxt/browser';
import { CARD_UI_GLOBAL } from '../lib/card-ui';
import { setMessageSource } from '../lib/i18n';
import { createPopover } from '../page/popover';
import type { PopoverFactory } from '../page/lazy-popover';
import { cardRenderer } from '../ui/card-renderer';

// Injected by the background into a frame the first time a card is wanted there (see ext/card-ui-loader.ts).
export default defineUnlistedScript(() => {
  // The card speaks the reader's UI language; content scripts may read the extension's messages.
  setMessageSource((key, substitutions) => browser.i18n.getMessage(key as never, substitutions));
  const factory: PopoverFactory = (options) => createPopover({ ...options, loadRenderer: async () => cardRenderer });
  (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL] = factory;
});
