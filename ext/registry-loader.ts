// Loads the packaged registry (and curated data) for the popup, once per popup page, and turns it into
// what the popup searches. The fetch is of the extension's own files; nothing leaves the machine.
import { browser } from 'wxt/browser';
import { parseCurated } from '../lib/curated';
import { createRegistry, type Registry, type RegistryData } from '../lib/registry';
import { createPopupSource, type SearchSource } from '../lib/search-source';
import type { CommonUse, PortStory } from '../lib/types';

async function fetchJson(path: string): Promise<unknown> {
  const response = await fetch(browser.runtime.getURL(path as '/registry.json'));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

async function loadCurated(): Promise<{ commonUses: readonly CommonUse[]; stories: readonly PortStory[] }> {
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

interface Loaded {
  data: RegistryData;
  curated: { commonUses: readonly CommonUse[]; stories: readonly PortStory[] };
}

let loaded: Promise<Loaded> | undefined;
let registry: Promise<Registry> | undefined;
let popupSource: Promise<SearchSource> | undefined;

function retryable<T>(promise: Promise<T>, forget: () => void): Promise<T> {
  promise.catch(forget); // a failed load may be retried by the next caller
  return promise;
}

function loadAll(): Promise<Loaded> {
  loaded ??= retryable(
    Promise.all([fetchJson('/registry.json'), loadCurated()]).then(([data, curated]) => ({
      data: data as RegistryData,
      curated,
    })),
    () => (loaded = undefined),
  );
  return loaded;
}

/** The packaged registry with curated data, loaded once per page (or service worker) and shared. */
export function loadRegistry(): Promise<Registry> {
  registry ??= retryable(
    loadAll().then(({ data, curated }) => createRegistry(data, curated)),
    () => (registry = undefined),
  );
  return registry;
}

/** The packaged registry as a popup source; the same promise for every caller on this page. */
export function loadPopupSource(): Promise<SearchSource> {
  popupSource ??= retryable(
    loadAll().then(({ data, curated }) => {
      const source = createPopupSource(data, curated);
      // Build the text index after the first answer is on screen, before the reader's next keystroke.
      setTimeout(() => source.prepare(), 0);
      return source;
    }),
    () => (popupSource = undefined),
  );
  return popupSource;
}
