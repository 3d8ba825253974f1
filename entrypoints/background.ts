import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { startBackground } from '../ext/background';
import { loadPopupSource, loadRangeInfo, loadRegistry } from '../ext/registry-loader';
import { loadSettings, subscribeSettings } from '../ext/settings-store';
import { startOmnibox } from '../ext/omnibox';
import { setMessageSource } from '../lib/i18n';
import { answeredByName, refreshKeptSearch } from '../ext/last-search';
import { keptSearchDb } from '../ext/kept-search-db';

export default defineBackground(() => {
  // The in-page card's history sentences are written here (lib/registry.ts), in the reader's language.
  setMessageSource((key, substitutions) => browser.i18n.getMessage(key as never, substitutions));
  const keptSearch = keptSearchDb();
  startBackground(browser, {
    loadSource: loadRegistry,
    loadRangeInfo,
    loadSettings,
    subscribeSettings,
    refreshKeptSearch: async () => {
      if (!keptSearch) return;
      const answeredBy = answeredByName(import.meta.env.SEARCH_INDEX_ID, browser.i18n.getUILanguage());
      await refreshKeptSearch(keptSearch, browser.storage.local, answeredBy, () =>
        loadPopupSource().then((source) => source.search),
      );
    },
  });
  startOmnibox(browser, loadPopupSource, import.meta.env.FIREFOX ? 'text' : 'xml');
});
