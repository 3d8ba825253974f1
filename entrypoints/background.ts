import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { startBackground } from '../ext/background';
import { loadPopupSource, loadRangeInfo, loadRegistry } from '../ext/registry-loader';
import { loadSettings, subscribeSettings } from '../ext/settings-store';
import { startOmnibox } from '../ext/omnibox';

export default defineBackground(() => {
  startBackground(browser, { loadSource: loadRegistry, loadRangeInfo, loadSettings, subscribeSettings });
  startOmnibox(browser, loadPopupSource, import.meta.env.FIREFOX ? 'text' : 'xml');
});
