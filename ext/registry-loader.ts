// Loads the packaged registry (and curated data) for the popup, once per popup page, and turns it into
// what the popup searches. The fetch is of the extension's own files; nothing leaves the machine.
import { browser } from 'wxt/browser';
import { parseCurated } from '../lib/curated';
import { createRegistry, type Registry, type RegistryData } from '../lib/registry';
import { createSearchIndex, search, type SearchIndex } from '../lib/search';
import { MAX_PORT } from '../lib/range-classes';
import type { CommonUse, PortStory } from '../lib/types';
import type { PopupSource } from '../ui/popup/Popup';

/**
 * The popup's source over a registry. The text index is built on the first search, not before, so that
 * opening the popup with a port number costs one look-up rather than an index of the whole registry.
 */
export function createPopupSource(
  registry: Registry,
  commonUses: readonly CommonUse[] = [],
  stories: readonly PortStory[] = [],
): PopupSource & { index(): SearchIndex } {
  let index: SearchIndex | undefined;
  const build = () => (index ??= createSearchIndex(registry.lookupRange(0, MAX_PORT), commonUses, stories));
  return {
    index: build,
    search: (query, limit) => search(build(), query, limit),
    info: (port) => registry.info(port),
  };
}

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
  registry: Registry;
  commonUses: readonly CommonUse[];
  stories: readonly PortStory[];
}

let loaded: Promise<Loaded> | undefined;
let popupSource: Promise<PopupSource> | undefined;

function loadAll(): Promise<Loaded> {
  if (!loaded) {
    loaded = Promise.all([fetchJson('/registry.json'), loadCurated()]).then(([data, curated]) => ({
      registry: createRegistry(data as RegistryData, curated),
      ...curated,
    }));
    loaded.catch(() => {
      loaded = undefined; // a failed load may be retried by the next caller
    });
  }
  return loaded;
}

/** The packaged registry with curated data, loaded once per page (or service worker) and shared. */
export function loadRegistry(): Promise<Registry> {
  return loadAll().then(({ registry }) => registry);
}

/** The packaged registry as a popup source; the same promise for every caller on this page. */
export function loadPopupSource(): Promise<PopupSource> {
  popupSource ??= loadAll().then(({ registry, commonUses, stories }) => createPopupSource(registry, commonUses, stories));
  popupSource.catch(() => {
    popupSource = undefined;
  });
  return popupSource;
}
