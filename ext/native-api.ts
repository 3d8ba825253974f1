// The extension API the content script, the settings store and the popup use, without webextension-polyfill
// (about 10 KB, a sixth of the content script's budget, and in the popup 1.5-3 ms of copying every `chrome.*`
// getter before the first render). What they call returns promises natively in Firefox (`browser`) and in
// Chrome MV3 (`chrome`): sendMessage, storage, tabs, scripting, openOptionsPage. Only onMessage differs: Chrome ignores a promise a listener
// returns, so answers go through sendResponse, which both browsers honour.
import type { Browser } from 'webextension-polyfill';
import type { StorageLike } from './settings-store';

type SendResponse = (answer: unknown) => void;
type NativeListener = (message: unknown, sender: { id?: string }, sendResponse: SendResponse) => boolean | undefined;
/** A listener in the polyfill's style: an answer is a returned promise; undefined leaves the message to others. */
export type PromiseListener = (message: unknown, sender: { id?: string }) => Promise<unknown> | undefined;

interface NativeRuntime {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: { addListener(listener: NativeListener): void; removeListener(listener: NativeListener): void };
}

interface NativeApi {
  runtime?: NativeRuntime;
  storage: StorageLike;
  i18n: { getMessage(key: string, substitutions?: string[]): string };
}

/** The browser's own extension API object (`browser` where it has one, else `chrome`), not the polyfill. */
export function native(): NativeApi {
  const scope = globalThis as { browser?: NativeApi; chrome?: NativeApi };
  return (scope.browser?.runtime ? scope.browser : scope.chrome) as NativeApi;
}

/** The same object typed as the polyfill's whole API: only for calls that return promises natively. */
export const nativeBrowser = native as unknown as () => Browser;

/** The extension's id, or undefined once its runtime is gone (the extension was reloaded or removed). */
export function extensionId(): string | undefined {
  try {
    const id = native().runtime?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

export const runtime = {
  sendMessage: (message: unknown): Promise<unknown> => native().runtime!.sendMessage(message),
};

export const extensionStorage = (): StorageLike => native().storage;

/** The extension's message in the reader's UI language (`_locales`), or '' where it has none. */
export const extensionMessage = (key: string, substitutions?: string[]): string =>
  native().i18n.getMessage(key, substitutions);

/** Listens for messages; the function it returns stops listening. */
export function addMessageListener(listener: PromiseListener): () => void {
  const nativeListener: NativeListener = (message, sender, sendResponse) => {
    const answer = listener(message, sender);
    if (answer === undefined) return false;
    answer.then(sendResponse, () => sendResponse(undefined));
    return true; // keeps the channel open for the answer
  };
  native().runtime!.onMessage.addListener(nativeListener);
  return () => native().runtime?.onMessage.removeListener(nativeListener);
}
