// The background: answers port look-ups from the packaged registry, injects the card's code into a frame that
// asks for it, runs the selection context menu, and marks the toolbar button on sites where Portolan is off.
import type { Browser, Menus, Tabs } from 'webextension-polyfill';
import {
  backgroundMessageListener,
  portFromSelection,
  sendToFrame,
  type CardUiResponse,
  type InfoResponse,
  type MessageSenderInfo,
  type RangeInfoResponse,
  type StepRequest,
} from '../lib/messages';
import type { RangeInfo } from '../lib/range-info';
import { NEXT_PORT_COMMAND, PREVIOUS_PORT_COMMAND } from '../lib/content-matches';
import { findPorts } from '../lib/detect';
import { t } from '../lib/i18n';
import { isEnabledFor, siteOf, type Settings } from '../lib/settings';
import type { PortInfo } from '../lib/types';

export const LOOKUP_MENU_ID = 'portolan-lookup';
/** Where a selection that is not one port is answered: the popup's search, opened in a tab with the query. */
export const RESULTS_PAGE = '/popup.html';

export interface InfoSource {
  info(port: number): PortInfo;
}

export async function answerInfo(loadSource: () => Promise<InfoSource>, port: number): Promise<InfoResponse> {
  try {
    const source = await loadSource();
    return { ok: true, info: source.info(port) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The range card's data for a range mention, or the error that kept it from loading. */
export async function answerRangeInfo(
  loadRangeInfo: (from: number, to: number) => Promise<RangeInfo>,
  from: number,
  to: number,
): Promise<RangeInfoResponse> {
  try {
    return { ok: true, info: await loadRangeInfo(from, to) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The pages Portolan's content script runs on (lib/content-matches.ts): only they may ask for the card's code. */
const CONTENT_PAGE = /^(?:https?|file):/;
/** A frame whose content script asks again within this time gets no second copy of the card's code. */
export const CARD_UI_INTERVAL_MS = 5_000;
const CARD_UI_MEMORY = 500;

/**
 * Puts the card's code into the asking frame only, so the content script stays small in every other tab.
 * A message from a content script is trusted only as far as its frame is: the frame must be a page the content
 * script runs on, and a page that tricks its content script into asking over and over (a forged mark and a
 * synthetic event) gets the code injected once per document in Chrome (documentId) and at most once per
 * CARD_UI_INTERVAL_MS per frame elsewhere, instead of once per event.
 */
export function createCardUiInjector(browser: Pick<Browser, 'scripting'>, now: () => number = Date.now) {
  const injectedAt = new Map<string, number>();
  return async (sender: MessageSenderInfo): Promise<CardUiResponse | undefined> => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || typeof sender.frameId !== 'number' || !CONTENT_PAGE.test(sender.url ?? ''))
      return undefined;
    const key = sender.documentId ?? `${tabId}/${sender.frameId}`;
    const last = injectedAt.get(key);
    if (last !== undefined && (sender.documentId !== undefined || now() - last < CARD_UI_INTERVAL_MS)) {
      return { ok: false, error: 'the card’s code was just injected into this frame' };
    }
    if (injectedAt.size >= CARD_UI_MEMORY) injectedAt.delete(injectedAt.keys().next().value!);
    injectedAt.set(key, now());
    try {
      await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId] }, files: ['/card-ui.js'] });
      return { ok: true };
    } catch (error) {
      injectedAt.delete(key); // a failed injection may be retried at once
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}

/** What the context menu does with a selection: open the card of the one port it names, or search for it. */
export function menuAction(
  selection: string,
): { kind: 'card'; port: number } | { kind: 'search'; query: string } | null {
  const text = selection.trim().replace(/\s+/g, ' ').slice(0, 200);
  if (!text) return null;
  const matches = findPorts(text);
  const single = matches.length === 1 && !matches[0].range ? matches[0].port : undefined;
  const port = portFromSelection(text, single);
  return port !== null ? { kind: 'card', port } : { kind: 'search', query: text };
}

/** The toolbar button's badge and title for a tab: "off" where Portolan does not mark this site. */
export function buttonStateFor(url: string | undefined, settings: Settings): { text: string; title: string } {
  if (!url || !CONTENT_PAGE.test(url)) return { text: '', title: 'Portolan' };
  if (!settings.enabled) return { text: t('buttonOffBadge'), title: t('buttonOffEverywhere') };
  if (isEnabledFor(url, settings)) return { text: '', title: 'Portolan' };
  return { text: t('buttonOffBadge'), title: t('buttonOffSite', siteOf(url) ?? t('buttonThisSite')) };
}

export interface BackgroundDeps {
  loadSource: () => Promise<InfoSource>;
  /** The range card's data (ext/registry-loader.ts loadRangeInfo); without it range look-ups go unanswered. */
  loadRangeInfo?: (from: number, to: number) => Promise<RangeInfo>;
  loadSettings: () => Promise<Settings>;
  subscribeSettings: (onChange: (settings: Settings) => void) => void;
  /**
   * Answers the popup's remembered query from the data shipped now if its kept answer is of other data or in
   * another language (ext/last-search.ts refreshKeptSearch): run on install or update and at browser start.
   */
  refreshKeptSearch?: () => Promise<unknown>;
}

export function startBackground(browser: Browser, deps: BackgroundDeps): void {
  const injectCardUi = createCardUiInjector(browser);
  browser.runtime.onMessage.addListener(
    backgroundMessageListener(browser.runtime.id, {
      'portolan/info': (message) => answerInfo(deps.loadSource, message.port),
      ...(deps.loadRangeInfo
        ? {
            'portolan/range-info': (message: { from: number; to: number }) =>
              answerRangeInfo(deps.loadRangeInfo!, message.from, message.to),
          }
        : {}),
      'portolan/card-ui': (_message, sender) => injectCardUi(sender),
    }),
  );

  // The keyboard path: every frame of the active tab hears it; the frame that has focus acts.
  browser.commands?.onCommand.addListener(async (command: string, tab?: { id?: number }) => {
    if (command !== NEXT_PORT_COMMAND && command !== PREVIOUS_PORT_COMMAND) return;
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId === undefined) return;
    const request: StepRequest = {
      type: 'portolan/step',
      direction: command === NEXT_PORT_COMMAND ? 'next' : 'previous',
    };
    browser.tabs.sendMessage(tabId, request).catch(() => {
      // No content script in that tab (a store page, a browser page): nothing to move through.
    });
  });

  // After an update the popup's kept answer is of the old data: answer its query from the new data now, so the
  // popup's first opening need not wait for the index. At browser start, for a change of UI language.
  const refreshKeptSearch = () =>
    void deps
      .refreshKeptSearch?.()
      .catch((error: unknown) => console.warn('Portolan: last search not refreshed', error));
  browser.runtime.onInstalled.addListener(() => {
    // One item for every selection, because Chrome has no way to show an item only for some selections: one port
    // opens its card on the page; anything else (a range, a service name, words) opens the popup's search with it.
    browser.contextMenus.create({ id: LOOKUP_MENU_ID, title: t('contextMenuLookup'), contexts: ['selection'] });
    refreshKeptSearch();
  });
  browser.runtime.onStartup.addListener(refreshKeptSearch);
  const openResults = (query: string, tab: Tabs.Tab | undefined) =>
    browser.tabs.create({
      url: browser.runtime.getURL(`${RESULTS_PAGE}?q=${encodeURIComponent(query)}` as '/popup.html'),
      ...(tab?.index !== undefined ? { index: tab.index + 1 } : {}),
    });
  browser.contextMenus.onClicked.addListener((info: Menus.OnClickData, tab) => {
    if (info.menuItemId !== LOOKUP_MENU_ID) return;
    const action = menuAction(info.selectionText ?? '');
    if (!action) return;
    if (action.kind === 'search' || tab?.id === undefined) {
      void openResults(action.kind === 'search' ? action.query : String(action.port), tab);
      return;
    }
    const port = action.port;
    sendToFrame(browser.tabs, { tabId: tab.id, frameId: info.frameId ?? 0 }, 'portolan/show', { port }).catch(() => {
      // No content script in that frame (a browser page, a PDF viewer): answer in the popup's card instead.
      void openResults(String(port), tab);
    });
  });

  startButtonState(browser, deps);
}

/** Keeps every tab's toolbar badge and title in step with the settings and the tab's address. */
function startButtonState(browser: Browser, deps: BackgroundDeps): void {
  // Chrome MV3 has `action`, Firefox MV2 `browserAction`; both take the same calls.
  const button = browser.action ?? browser.browserAction;
  if (!button) return;
  let settings: Promise<Settings> = deps.loadSettings();
  const show = async (tab: Pick<Tabs.Tab, 'id' | 'url'>) => {
    if (tab.id === undefined) return;
    // A tab's url is readable only on pages within the host permissions, which are exactly the pages Portolan runs on.
    const state = buttonStateFor(tab.url, await settings);
    await Promise.all([
      button.setBadgeText({ tabId: tab.id, text: state.text }),
      button.setTitle({ tabId: tab.id, title: state.title }),
    ]).catch(() => undefined); // the tab closed meanwhile
  };
  const showAll = async () => {
    for (const tab of await browser.tabs.query({})) await show(tab);
  };
  void button.setBadgeBackgroundColor({ color: '#5b6470' }).catch(() => undefined);
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url !== undefined || change.status === 'loading') void show({ id: tabId, url: tab.url });
  });
  deps.subscribeSettings((next) => {
    settings = Promise.resolve(next);
    void showAll();
  });
  void showAll();
}
