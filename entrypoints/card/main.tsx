import { render } from 'preact';
import { CardPage } from '../../ui/card-page/CardPage';
import { loadPopupSource } from '../../ext/registry-loader';
import { loadSettings } from '../../ext/settings-store';
import { osFromNavigator } from '../../lib/how-to-check';
import { queryOfCardPage } from '../../lib/omnibox';
import { extensionMessage } from '../../ext/native-api';
import { setMessageSource } from '../../lib/i18n';

// The page the omnibox opens: card.html?q=5432 (see ext/omnibox.ts).
setMessageSource(extensionMessage);
const root = document.getElementById('app')!;
const query = queryOfCardPage(location.search);
const show = (theme?: 'auto' | 'light' | 'dark', os = osFromNavigator(navigator)) =>
  render(<CardPage query={query} source={loadPopupSource()} os={os} theme={theme} />, root);
show();
void loadSettings().then(
  (settings) => show(settings.theme, settings.commandOs !== 'auto' ? settings.commandOs : undefined),
  () => undefined,
);
