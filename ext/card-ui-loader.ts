// Content-script side of the lazy card: ask the background to inject card-ui.js into this frame once, then use
// the popover factory and keyboard step it leaves in our isolated world.
import { native } from './native-api';
import { CARD_UI_GLOBAL } from '../lib/card-ui';
import type { CardUiResponse, MessagesTo } from '../lib/messages';
import type { CardUi } from '../page/lazy-popover';

let loading: Promise<CardUi> | undefined;

function injected(): CardUi | undefined {
  return (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL] as CardUi | undefined;
}

export function loadCardUi(): Promise<CardUi> {
  loading ??= (async () => {
    const present = injected();
    if (present) return present;
    // The runtime itself (its sendMessage returns a promise natively), and the message (a type, no fields) written
    // out: the content script's only message to send would otherwise bring it native-api's `runtime` wrapper and
    // sendToBackground's builder of fields.
    const request = { type: 'portolan/card-ui' satisfies MessagesTo<'background'> };
    const answer = (await native().runtime!.sendMessage(request)) as CardUiResponse | undefined;
    const ui = injected();
    if (!ui) throw new Error(answer && !answer.ok ? answer.error : 'the card could not be loaded');
    return ui;
  })();
  loading.catch(() => (loading = undefined)); // let the next hover try again
  return loading;
}
