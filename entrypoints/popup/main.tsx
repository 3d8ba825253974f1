import { render } from 'preact';
import { Popup, type PageContext } from '../../ui/popup/Popup';
import { createSettingsStore } from '../../ext/settings-store';
import { loadPopupSource } from '../../ext/registry-loader';
import { sendToFrame } from '../../lib/messages';
import { osFromNavigator } from '../../lib/how-to-check';
import { siteOf } from '../../lib/settings';
import { PopupExtras, type PagePortsSource } from '../../ui/popup/PortList';
import { activeTab, askPagePorts, revealInFrame } from '../../ext/page-ports';
import { setMessageSource } from '../../lib/i18n';
import { nativeBrowser } from '../../ext/native-api';
import { answeredByName, createLastSearchStore } from '../../ext/last-search';
import { keptSearchDb } from '../../ext/kept-search-db';

declare global {
  interface ImportMetaEnv {
    /** The packaged search index's hash (wxt.config.ts). */
    readonly SEARCH_INDEX_ID: string;
  }
}

const browser = nativeBrowser();

// How long the popup waits for the page to say its hostname and selection before going on without them.
const PAGE_STATE_TIMEOUT_MS = 300;

async function askPage(): Promise<PageContext> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return { site: null, query: null };
  const state = await Promise.race([
    sendToFrame(browser.tabs, { tabId: tab.id }, 'portolan/page-state'),
    new Promise<undefined>((resolve) => setTimeout(resolve, PAGE_STATE_TIMEOUT_MS)),
  ]);
  if (!state || typeof state.hostname !== 'string') return { site: null, query: null };
  return {
    site: siteOf(state.hostname),
    query: typeof state.selectedPort === 'number' ? String(state.selectedPort) : null,
  };
}

// Opened by the context menu as a results page (popup.html?q=…): the query is the selection, there is no site.
const asked = new URLSearchParams(location.search).get('q');
// Pages without a content script (browser pages, the web store) cannot answer: no site, no selection.
const page: Promise<PageContext> =
  asked !== null ? Promise.resolve({ site: null, query: asked }) : askPage().catch(() => ({ site: null, query: null }));

setMessageSource((key, substitutions) => browser.i18n.getMessage(key as never, substitutions));

// The ports the active tab's frames marked (ext/page-ports.ts); the tab is looked up once.
const tab = activeTab(browser).catch(() => null);
const pagePorts: PagePortsSource = {
  load: async () => {
    const found = await tab;
    return found ? { url: found.url, inventory: await askPagePorts(browser, found.id) } : null;
  },
  reveal: async (frameId, port, index) => {
    const found = await tab;
    if (found) await revealInFrame(browser, found.id, frameId, port, index);
  },
};

function extensionLocalStorage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null; // a browser that blocks site data: the popup forgets its last search
  }
}
const lastSearch = createLastSearchStore(
  extensionLocalStorage(),
  answeredByName(import.meta.env.SEARCH_INDEX_ID, browser.i18n.getUILanguage()),
  { mirror: keptSearchDb(), answers: browser.storage.local },
);

// The first opening after an update: localStorage's kept answer is of the old data; the background's answer from
// the new data is read first. The index's fetch waits for that read (7-9 ms): started alongside it, its body and
// JSON.parse held up the read's reply, 30-50 ms in all.
const remembered = lastSearch.lastSearch();
const keptByBackground =
  remembered.query && !remembered.answer && asked === null ? lastSearch.answerKeptFor!(remembered.query) : undefined;

render(
  <Popup
    source={loadPopupSource(keptByBackground)}
    store={{ ...createSettingsStore(), ...lastSearch }}
    page={page}
    os={osFromNavigator(navigator)}
    onOpenOptions={() => void browser.runtime.openOptionsPage().then(() => window.close())}
    onClose={() => window.close()}
    extras={(api) => <PopupExtras api={api} page={pagePorts} />}
  />,
  document.getElementById('app')!,
);
