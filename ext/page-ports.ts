// The popup's side of "ports on this page": ask every frame of the active tab what it marked, and ask one
// frame to reveal a mention.
//
// Frames are listed with scripting.executeScript({ allFrames: true }) of a function that only returns: its
// results name every frame the extension may run in (the content script's hosts), with no new permission.
// webNavigation.getAllFrames would need the webNavigation permission ("read your browsing history" in
// Chrome's install prompt), and sendMessage without a frameId is answered by one frame only.
import type { Browser } from 'webextension-polyfill';
import type { PageInventory } from '../lib/port-list';
import { sendToFrame } from '../lib/messages';
import { parsePagePortsAnswer } from '../lib/port-list-messages';

/** How long one frame may take to answer before the popup goes on without it. */
const FRAME_TIMEOUT_MS = 500;

export interface ActiveTab {
  id: number;
  /** Known where the extension has host permission (the content script's pages); null elsewhere. */
  url: string | null;
}

export async function activeTab(browser: Browser): Promise<ActiveTab | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? null : { id: tab.id, url: tab.url ?? null };
}

/** The ids of the tab's frames the extension can reach, the top frame (0) first. */
export async function frameIds(browser: Browser, tabId: number): Promise<number[]> {
  try {
    const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: () => true });
    const ids = [...new Set(results.map((result) => result.frameId))].sort((a, b) => a - b);
    return ids.length > 0 ? ids : [0];
  } catch {
    // A page the extension may not script (the store, browser pages): only the top frame might answer.
    return [0];
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(resolve, ms))]);
}

/** Asks each frame for its ports; frames that do not answer (no content script, Portolan off) are left out. */
export async function askPagePorts(browser: Browser, tabId: number, frames?: number[]): Promise<PageInventory> {
  const ids = frames ?? (await frameIds(browser, tabId));
  const answers = await Promise.all(
    ids.map(async (frameId) => {
      const reply = await withTimeout(
        sendToFrame(browser.tabs, { tabId, frameId }, 'portolan/page-ports').catch(() => undefined),
        FRAME_TIMEOUT_MS,
      );
      const answer = parsePagePortsAnswer(reply);
      return answer ? { frameId, answer } : null;
    }),
  );
  const answered = answers.filter((a) => a !== null);
  return {
    frames: answered.map(({ frameId, answer }) => ({ frameId, ports: answer.ports })),
    done: answered.every(({ answer }) => answer.done),
  };
}

/** Asks the frame to scroll to the port's index-th mention there and open its card. */
export async function revealInFrame(
  browser: Browser,
  tabId: number,
  frameId: number,
  port: number,
  index: number,
): Promise<void> {
  await sendToFrame(browser.tabs, { tabId, frameId }, 'portolan/reveal-port', { port, index });
}
