import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { startBackground } from '../ext/background';
import { loadPopupSource, loadRegistry } from '../ext/registry-loader';
import { loadSettings, subscribeSettings } from '../ext/settings-store';
import { startOmnibox } from '../ext/omnibox';

export default defineBackground(() => {
  startBackground(browser, { loadSource: loadRegistry, loadSettings, subscribeSettings });
  startOmnibox(browser, loadPopupSource, import.meta.env.FIREFOX ? 'text' : 'xml');
});
