// Loads the packaged data once per page (or service worker): the search index for the popup, the registry and
// curated data for the card. The fetches are of the extension's own files; nothing leaves the machine.
// The card's code (registry, curated data, ranges) is imported with the first card: the popup's first
// answer needs only the search.
import type { CuratedData, Registry, RegistryData } from '../lib/registry';
import type { RangeInfo } from '../lib/range-info';
import { prepareText, search } from '../lib/search';
import { SEARCH_PACK_PATH, unpackSearchIndex } from '../lib/search-pack';
import type { PopupSource } from '../ui/popup/Popup';
import { nativeBrowser } from './native-api';

async function fetchJson(path: string): Promise<unknown> {
  const response = await fetch(nativeBrowser().runtime.getURL(path as '/registry.json'));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

async function loadCurated(): Promise<CuratedData> {
  try {
    const [uses, stories, { parseCurated }] = await Promise.all([
      fetchJson('/curated/common-uses.json'),
      fetchJson('/curated/stories.json'),
      import('../lib/curated'),
    ]);
    const curated = parseCurated(uses, stories);
    return { commonUses: curated.uses, stories: curated.stories };
  } catch (error) {
    // Curated facts are extra; a bad file must not cost the reader the IANA registry.
    console.warn('Portolan: curated data not loaded', error);
    return { commonUses: [], stories: [] };
  }
}

let registry: Promise<Registry> | undefined;
let curatedData: Promise<CuratedData> | undefined;

function loadCuratedOnce(): Promise<CuratedData> {
  curatedData ??= loadCurated(); // never rejects: a bad file gives no curated facts
  return curatedData;
}
let popupSource: Promise<PopupSource> | undefined;

function retryable<T>(promise: Promise<T>, forget: () => void): Promise<T> {
  promise.catch(forget); // a failed load may be retried by the next caller
  return promise;
}

/** The packaged registry with curated data, loaded once per page (or service worker) and shared. */
export function loadRegistry(): Promise<Registry> {
  registry ??= retryable(
    Promise.all([
      fetchJson('/registry.json') as Promise<RegistryData>,
      loadCuratedOnce(),
      import('../lib/registry'),
    ]).then(([data, curated, { createRegistry }]) => createRegistry(data, curated)),
    () => (registry = undefined),
  );
  return registry;
}

/** Everything the range card shows for from..to, from the registry and the curated uses. */
export async function loadRangeInfo(from: number, to: number): Promise<RangeInfo> {
  const [loaded, curated, { rangeInfo }] = await Promise.all([
    loadRegistry(),
    loadCuratedOnce(),
    import('../lib/range-info'),
  ]);
  return rangeInfo(from, to, loaded.lookupRange(from, to), curated.commonUses ?? [], loaded.meta.snapshots);
}

/**
 * The popup's search over the packaged search index (built with the extension, curated data included), and
 * the card for a result from the full registry.
 */
export function loadPopupSource(after?: Promise<unknown>): Promise<PopupSource> {
  popupSource ??= retryable(
    Promise.resolve(after)
      .catch(() => undefined)
      .then(() => fetchJson(SEARCH_PACK_PATH))
      .then((pack) => {
        const index = unpackSearchIndex(pack);
        // A number is answered without the names and words; group those (5-10 ms) once the first answer is up,
        // so the first typed word does not wait for them. The registry loads only when a result is first opened
        // (30-45 ms): loaded ahead, it would stall the first keystrokes, which come just as the popup settles.
        // (The background's omnibox uses it too, and a service worker has no requestIdleCallback.)
        (globalThis.requestIdleCallback ?? setTimeout)(() => prepareText(index));
        return {
          search: (query: string, limit?: number) => search(index, query, limit),
          info: (port: number) => loadRegistry().then((loaded) => loaded.info(port)),
          rangeInfo: loadRangeInfo,
        };
      }),
    () => (popupSource = undefined),
  );
  return popupSource;
}
