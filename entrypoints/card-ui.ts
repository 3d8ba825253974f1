import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { CARD_UI_GLOBAL } from '../lib/card-ui';
import { setMessageSource } from '../lib/i18n';
import { createPopover } from '../page/popover';
import { revealMention, stepAndReveal } from '../page/keyboard';
import { selectionAnchor } from '../page/hit-test';
import type { CardUi } from '../page/lazy-popover';
import { cardRenderer } from '../ui/card-renderer';
import { getPortInfo, getRangeInfo } from '../ext/lookup-client';
import { extensionMessage } from '../ext/native-api';
import { osFromNavigator } from '../lib/how-to-check';

// Injected by the background into a frame the first time a card is wanted there (see ext/card-ui-loader.ts).
export default defineUnlistedScript(() => {
  // The card speaks the reader's UI language; content scripts may read the extension's messages.
  setMessageSource(extensionMessage);
  const ui: CardUi = {
    createPopover: ({ os, ...settings }) =>
      createPopover({
        ...settings,
        os: os === 'auto' ? osFromNavigator(navigator) : os,
        getInfo: getPortInfo,
        getRangeInfo,
        loadRenderer: async () => cardRenderer,
      }),
    step: stepAndReveal,
    reveal: revealMention,
    selectionAnchor,
  };
  (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL] = ui;
});
