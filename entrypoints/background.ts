import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { startBackground } from '../ext/background';
import { loadRangeInfo, loadRegistry } from '../ext/registry-loader';
import { loadSettings, subscribeSettings } from '../ext/settings-store';

export default defineBackground(() => startBackground(browser, { loadSource: loadRegistry, loadRangeInfo, loadSettings, subscribeSettings }));
