// The popup's search index as a packaged file. The build writes it (wxt.config.ts) from data/registry.json and
// the curated data; the popup reads it back instead of extracting 9,000-odd words and sorting 6,000 names at
// every opening, which cost more than its first-answer budget. Pure: callers do the file reading.
import type { Registry } from './registry';
import { MAX_PORT } from './range-classes';
import { PROTOCOL_ORDER, STATUS_ORDER } from './registry-format';
import { createIndexFromSource, createSearchIndex, type SearchEntry, type SearchIndex } from './search';
import type { CommonUse, PortStory, Protocol } from './types';

export const SEARCH_PACK_FORMAT = 'portolan-search/1';
/** Where the build puts the file, relative to the extension's root. */
export const SEARCH_PACK_PATH = '/search-index.json';

/** [port, portEnd - port, protocol bits (PROTOCOL_ORDER), STATUS_ORDER index, name, description] */
type PackedEntry = [number, number, number, number, string | null, string | null];

export interface SearchPack {
  format: typeof SEARCH_PACK_FORMAT;
  entries: PackedEntry[];
  vocabulary: string[];
  /** Aligned with vocabulary: entry ids, each given as the gap from the one before (small numbers, short file). */
  postings: number[][];
  /** Ids of the entries with a name, by lowercase name. */
  nameOrder: number[];
  commonUses: CommonUse[];
}

export class SearchPackError extends Error {}

/** The whole registry as one search index, with curated software and stories: what the build packs and the CLI searches. */
export function registrySearchIndex(registry: Registry, commonUses: readonly CommonUse[], stories: readonly PortStory[]): SearchIndex {
  // A range record comes back once per stretch it covers; the index merges identical records into one entry.
  return createSearchIndex(registry.lookupRange(0, MAX_PORT), commonUses, stories);
}

/** What the build writes: an index with its words worked out (see registrySearchIndex). */
export function buildSearchPack(index: SearchIndex): SearchPack {
  const { vocabulary, postings, nameOrder } = index.textSource();
  const entries = index.entries.map((entry): PackedEntry => {
    const protocolBits = entry.protocols.reduce((bits, protocol) => bits | (1 << PROTOCOL_ORDER.indexOf(protocol)), 0);
    return [entry.port, entry.portEnd - entry.port, protocolBits, STATUS_ORDER.indexOf(entry.status), entry.name, entry.description];
  });
  return {
    format: SEARCH_PACK_FORMAT,
    entries,
    vocabulary,
    postings: postings.map((ids) => Array.from(ids, (id, i) => (i === 0 ? id : id - ids[i - 1]))),
    nameOrder: Array.from(nameOrder),
    commonUses: [...index.commonUses],
  };
}

/** The index the popup searches, read back from the packaged file. */
export function unpackSearchIndex(pack: unknown): SearchIndex {
  const { format, entries: packedEntries, vocabulary, postings, nameOrder, commonUses } = (pack ?? {}) as Partial<SearchPack>;
  if (format !== SEARCH_PACK_FORMAT) {
    throw new SearchPackError(`search index: format ${JSON.stringify(format)}, expected ${SEARCH_PACK_FORMAT} (rebuild the extension)`);
  }
  if (
    !Array.isArray(packedEntries) ||
    !Array.isArray(vocabulary) ||
    !Array.isArray(postings) ||
    !Array.isArray(nameOrder) ||
    postings.length !== vocabulary.length
  ) {
    throw new SearchPackError('search index: entries, vocabulary, postings or names missing or misaligned (rebuild the extension)');
  }
  const entries = packedEntries.map(([port, span, protocolBits, status, name, description]): SearchEntry => ({
    port,
    portEnd: port + span,
    protocols: PROTOCOL_ORDER.filter((_, bit) => protocolBits & (1 << bit)) as Protocol[],
    status: STATUS_ORDER[status],
    name,
    nameLower: name?.toLowerCase() ?? '',
    description,
  }));
  // Gaps to ids, in place: the parsed arrays become the postings.
  for (let w = 0; w < postings.length; w++) {
    const ids = postings[w];
    for (let i = 1; i < ids.length; i++) ids[i] += ids[i - 1];
    if (ids[ids.length - 1] >= entries.length) {
      throw new SearchPackError(`search index: word ${JSON.stringify(vocabulary[w])} points past the last entry`);
    }
  }
  if (nameOrder.some((id) => !entries[id]?.nameLower)) throw new SearchPackError('search index: the name order lists an entry without a name');
  return createIndexFromSource(entries, commonUses ?? [], { vocabulary, postings, nameOrder });
}
