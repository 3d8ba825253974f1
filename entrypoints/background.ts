import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { startBackground } from '../ext/background';
import { loadPopupSource, loadRangeInfo, loadRegistry } from '../ext/registry-loader';
import { loadSettings, subscribeSettings } from '../ext/settings-store';
import { startOmnibox } from '../ext/omnibox';
import { setMessageSource } from '../lib/i18n';

export default defineBackground(() => {
  // The in-page card's history sentences are written here (lib/registry.ts), in the reader's language.
  setMessageSource((key, substitutions) => browser.i18n.getMessage(key as never, substitutions));
  startBackground(browser, { loadSource: loadRegistry, loadRangeInfo, loadSettings, subscribeSettings });
  startOmnibox(browser, loadPopupSource, import.meta.env.FIREFOX ? 'text' : 'xml');
});
