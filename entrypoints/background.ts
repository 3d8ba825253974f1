import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { startBackground } from '../ext/background';
import { loadRangeInfo, loadRegistry } from '../ext/registry-loader';

export default defineBackground(() => startBackground(browser, loadRegistry, loadRangeInfo));
