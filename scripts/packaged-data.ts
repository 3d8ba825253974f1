// The committed data files the extension packages, read from disk: one reader for the build (wxt.config.ts),
// the lookup CLI, the benches and the tests.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCurated, type CuratedData } from '../lib/curated';
import { createRegistry, type Registry, type RegistryData } from '../lib/registry';
import { buildSearchPack, registrySearchIndex, type SearchPack } from '../lib/search-pack';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where each file is, relative to the project, and where the extension packages it. */
export const DATA_FILES = {
  registry: { src: 'data/registry.json', dest: 'registry.json' },
  commonUses: { src: 'data/curated/common-uses.json', dest: 'curated/common-uses.json' },
  stories: { src: 'data/curated/stories.json', dest: 'curated/stories.json' },
} as const;

export interface PackagedData {
  data: RegistryData;
  curated: CuratedData;
  /** The registry with the curated facts, as the background builds it. */
  registry: Registry;
}

export function readPackagedData(root = PROJECT_ROOT): PackagedData {
  const read = (file: { src: string }) => JSON.parse(readFileSync(resolve(root, file.src), 'utf8')) as unknown;
  const data = read(DATA_FILES.registry) as RegistryData;
  const curated = parseCurated(read(DATA_FILES.commonUses), read(DATA_FILES.stories));
  return { data, curated, registry: createRegistry(data, { commonUses: curated.uses, stories: curated.stories }) };
}

/** The popup's search index as the build packages it. */
export function searchPackOf({ registry, curated }: PackagedData): SearchPack {
  return buildSearchPack(registrySearchIndex(registry, curated.uses, curated.stories));
}
