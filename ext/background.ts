// The background: answers port look-ups from the packaged registry and runs the selection context menu.
import type { Browser, Runtime, Menus } from 'webextension-polyfill';
import { isCardUiRequest, parseInfoRequest, portFromSelection, type InfoResponse, type ShowCardRequest, type StepRequest } from '../lib/messages';
import { NEXT_PORT_COMMAND, PREVIOUS_PORT_COMMAND } from '../lib/content-matches';
import { findPorts } from '../lib/detect';
import type { PortInfo } from '../lib/types';

export const LOOKUP_MENU_ID = 'portolan-lookup';

export interface InfoSource {
  info(port: number): PortInfo;
}

/** Only the extension's own scripts may ask; web pages and other extensions get no answer. */
export function isOwnSender(sender: Runtime.MessageSender, extensionId: string): boolean {
  return sender.id === extensionId;
}

export function createInfoHandler(loadSource: () => Promise<InfoSource>, extensionId: string) {
  return async (message: unknown, sender: Runtime.MessageSender): Promise<InfoResponse | undefined> => {
    if (!isOwnSender(sender, extensionId)) return undefined;
    const request = parseInfoRequest(message);
    if (!request) return undefined;
    try {
      const source = await loadSource();
      return { ok: true, info: source.info(request.port) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}

/** Puts the card's code into the asking frame only: the content script stays small in every other tab. */
async function injectCardUi(browser: Browser, sender: Runtime.MessageSender): Promise<{ ok: boolean; error?: string } | undefined> {
  const tabId = sender.tab?.id;
  if (!isOwnSender(sender, browser.runtime.id) || tabId === undefined) return undefined;
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: ['/card-ui.js'] });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function startBackground(browser: Browser, loadSource: () => Promise<InfoSource>): void {
  const answer = createInfoHandler(loadSource, browser.runtime.id);
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (isCardUiRequest(message)) return injectCardUi(browser, sender);
    // Returning undefined leaves the message to other listeners instead of answering it.
    if (parseInfoRequest(message) === null) return undefined;
    return answer(message, sender);
  });

  // The keyboard path: every frame of the active tab hears it; the frame that has focus acts.
  browser.commands?.onCommand.addListener(async (command: string, tab?: { id?: number }) => {
    if (command !== NEXT_PORT_COMMAND && command !== PREVIOUS_PORT_COMMAND) return;
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId === undefined) return;
    const request: StepRequest = { type: 'portolan/step', direction: command === NEXT_PORT_COMMAND ? 'next' : 'previous' };
    browser.tabs.sendMessage(tabId, request).catch(() => {
      // No content script in that tab (a store page, a browser page): nothing to move through.
    });
  });

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: LOOKUP_MENU_ID, title: 'Look up port “%s”', contexts: ['selection'] });
  });
  browser.contextMenus.onClicked.addListener((info: Menus.OnClickData, tab) => {
    if (info.menuItemId !== LOOKUP_MENU_ID || tab?.id === undefined) return;
    const text = info.selectionText ?? '';
    const port = portFromSelection(text, findPorts(text)[0]?.port);
    if (port === null) return;
    const request: ShowCardRequest = { type: 'portolan/show', port };
    browser.tabs.sendMessage(tab.id, request, { frameId: info.frameId ?? 0 }).catch(() => {
      // The page has no content script (e.g. a store page): nothing to show it in.
    });
  });
}
