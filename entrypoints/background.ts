import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { startBackground } from '../ext/background';
import { loadPopupSource, loadRegistry } from '../ext/registry-loader';
import { startOmnibox } from '../ext/omnibox';

export default defineBackground(() => {
  startBackground(browser, loadRegistry);
  startOmnibox(browser, loadPopupSource, import.meta.env.FIREFOX ? 'text' : 'xml');
});
