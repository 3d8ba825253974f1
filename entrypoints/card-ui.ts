import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { CARD_UI_GLOBAL } from '../lib/card-ui';
import { cardRenderer } from '../ui/card-renderer';

// Injected by the background into a frame the first time a card is wanted there (see ext/card-ui-loader.ts).
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL] = cardRenderer;
});
