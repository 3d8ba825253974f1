// Loads the packaged registry (and curated data) for the popup, once per popup page, and turns it into
// what the popup searches. The fetch is of the extension's own files; nothing leaves the machine.
import { browser } from 'wxt/browser';
import { parseCurated } from '../lib/curated';
import { createRegistry, type Registry, type RegistryData } from '../lib/registry';
import { createPopupSource, type CuratedForSearch, type SearchSource } from '../lib/search-source';

async function fetchJson(path: string): Promise<unknown> {
  const response = await fetch(browser.runtime.getURL(path as '/registry.json'));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

async function loadCurated(): Promise<CuratedForSearch> {
  try {
    const [uses, stories] = await Promise.all([fetchJson('/curated/common-uses.json'), fetchJson('/curated/stories.json')]);
    const curated = parseCurated(uses, stories);
    return { commonUses: curated.uses, stories: curated.stories };
  } catch (error) {
    // Curated facts are extra; a bad file must not cost the reader the IANA registry.
    console.warn('Portolan: curated data not loaded', error);
    return { commonUses: [], stories: [] };
  }
}

let registryData: Promise<RegistryData> | undefined;
let curatedData: Promise<CuratedForSearch> | undefined;
let registry: Promise<Registry> | undefined;
let popupSource: Promise<SearchSource> | undefined;

function retryable<T>(promise: Promise<T>, forget: () => void): Promise<T> {
  promise.catch(forget); // a failed load may be retried by the next caller
  return promise;
}

function loadRegistryData(): Promise<RegistryData> {
  registryData ??= retryable(fetchJson('/registry.json') as Promise<RegistryData>, () => (registryData = undefined));
  return registryData;
}

function loadCuratedOnce(): Promise<CuratedForSearch> {
  return (curatedData ??= loadCurated());
}

/** The packaged registry with curated data, loaded once per page (or service worker) and shared. */
export function loadRegistry(): Promise<Registry> {
  registry ??= retryable(
    Promise.all([loadRegistryData(), loadCuratedOnce()]).then(([data, curated]) => createRegistry(data, curated)),
    () => (registry = undefined),
  );
  return registry;
}

/**
 * The packaged registry as a popup source, ready as soon as the registry file is parsed: port queries answer
 * then, text queries once the curated data (validated, which takes a while) is in as well.
 */
export function loadPopupSource(): Promise<SearchSource> {
  popupSource ??= retryable(
    loadRegistryData().then((data) => {
      const source = createPopupSource(data, loadCuratedOnce());
      // Build the text index after the first answer is on screen, before the reader's next keystroke.
      void source.complete?.then(() => setTimeout(() => source.prepare(), 0));
      return source;
    }),
    () => (popupSource = undefined),
  );
  return popupSource;
}
