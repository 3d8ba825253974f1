import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Options, type AboutInfo } from '../../ui/options/Options';
import { createSettingsStore } from '../../ext/settings-store';
import { loadRegistry } from '../../ext/registry-loader';
import { setMessageSource, t } from '../../lib/i18n';

setMessageSource((key, substitutions) => browser.i18n.getMessage(key as never, substitutions));

const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
// The browser gives the toolbar button's command no description of its own.
const OPEN_POPUP_COMMANDS = ['_execute_action', '_execute_browser_action'];
const describe = (command: { name?: string; description?: string }) =>
  command.description ||
  (OPEN_POPUP_COMMANDS.includes(command.name ?? '') ? t('optOpenPopupCommand') : (command.name ?? ''));
const about: AboutInfo = {
  version: browser.runtime.getManifest().version,
  snapshots: loadRegistry().then((registry) => registry.meta.snapshots),
  shortcuts: commands
    .getAll()
    .then((all) => all.map((command) => ({ description: describe(command), shortcut: command.shortcut ?? '' }))),
  // Firefox opens its own page (about:addons → gear → Manage Extension Shortcuts) through the commands API;
  // Chrome lets an extension open chrome://extensions/shortcuts in a tab.
  shortcutSettings:
    import.meta.env.BROWSER === 'firefox'
      ? {
          where: t('optShortcutsFirefox'),
          open: commands.openShortcutSettings && (() => void commands.openShortcutSettings!()),
        }
      : {
          where: 'chrome://extensions/shortcuts',
          open: () => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' }),
        },
};

render(<Options store={createSettingsStore()} about={about} />, document.getElementById('app')!);
