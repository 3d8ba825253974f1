// Content-script side of the lazy card: ask the background to inject card-ui.js into this frame once, then use
// the renderer it leaves in our isolated world.
import { browser } from 'wxt/browser';
import { CARD_UI_GLOBAL, type CardRenderer } from '../lib/card-ui';
import type { CardUiRequest } from '../lib/messages';

let loading: Promise<CardRenderer> | undefined;

function injected(): CardRenderer | undefined {
  return (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL] as CardRenderer | undefined;
}

export function loadCardRenderer(): Promise<CardRenderer> {
  loading ??= (async () => {
    const present = injected();
    if (present) return present;
    const request: CardUiRequest = { type: 'portolan/card-ui' };
    const answer = (await browser.runtime.sendMessage(request)) as { ok: boolean; error?: string } | undefined;
    const renderer = injected();
    if (!answer?.ok || !renderer) throw new Error(answer?.error ?? 'the card could not be loaded');
    return renderer;
  })();
  loading.catch(() => (loading = undefined)); // let the next hover try again
  return loading;
}
