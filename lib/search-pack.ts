// The popup's search index as a packaged file. The build writes it (wxt.config.ts) from data/registry.json and
// the curated data; the popup reads it back instead of extracting 9,000-odd words and sorting 6,000 names at
// every opening, which cost more than its first-answer budget. Pure: callers do the file reading.
//
// Column by column, not entry by entry: the popup parses this on the way to its first answer, and JSON.parse
// reads a few long arrays of numbers and strings in about a third of the time it takes for 7,000 small arrays.
import type { Registry } from './registry';
import { MAX_PORT } from './range-classes';
import { PROTOCOL_ORDER, STATUS_ORDER } from './registry-format';
import { createIndexFromSource, createSearchIndex, type SearchEntry, type SearchIndex, type SearchUse } from './search';
import type { PortStory, Protocol } from './types';

export const SEARCH_PACK_FORMAT = 'portolan-search/2';
/** Where the build puts the file, relative to the extension's root. */
export const SEARCH_PACK_PATH = '/search-index.json';

/** Bits 0-3 of an entry's kind: its protocols (PROTOCOL_ORDER); the bits above: its STATUS_ORDER index. */
const STATUS_SHIFT = PROTOCOL_ORDER.length;

export interface SearchPack {
  format: typeof SEARCH_PACK_FORMAT;
  /** Aligned arrays, one item per entry: */
  /** first port, as the gap from the entry before (entries are in port order) */
  ports: number[];
  /** protocol bits | status index << STATUS_SHIFT */
  kinds: number[];
  names: (string | null)[];
  descriptions: (string | null)[];
  /** The few entries spanning several ports, as pairs: entry id, portEnd - port. */
  spans: number[];
  vocabulary: string[];
  /** Aligned with vocabulary: how many entry ids of `postings` hold each word. */
  postingCounts: number[];
  /** Every word's entry ids one after the other, each word's as gaps from the id before (its first from 0). */
  postings: number[];
  /** Ids of the entries with a name, by lowercase name. */
  nameOrder: number[];
  /** The curated uses, with what search reads of them (their sources are for the card). */
  commonUses: SearchUse[];
}

export class SearchPackError extends Error {}

/** The whole registry as one search index, with curated software and stories: what the build packs and the CLI searches. */
export function registrySearchIndex(
  registry: Registry,
  commonUses: readonly SearchUse[],
  stories: readonly PortStory[],
): SearchIndex {
  // A range record comes back once per stretch it covers; the index merges identical records into one entry.
  return createSearchIndex(registry.lookupRange(0, MAX_PORT), commonUses, stories);
}

/** What the build writes: an index with its words worked out (see registrySearchIndex). */
export function buildSearchPack(index: SearchIndex): SearchPack {
  const { vocabulary, postings, nameOrder } = index.textSource();
  const { entries } = index;
  const spans: number[] = [];
  entries.forEach((entry, id) => {
    if (entry.portEnd > entry.port) spans.push(id, entry.portEnd - entry.port);
  });
  return {
    format: SEARCH_PACK_FORMAT,
    ports: entries.map((entry, id) => (id === 0 ? entry.port : entry.port - entries[id - 1].port)),
    kinds: entries.map(
      (entry) =>
        entry.protocols.reduce((bits, protocol) => bits | (1 << PROTOCOL_ORDER.indexOf(protocol)), 0) |
        (STATUS_ORDER.indexOf(entry.status) << STATUS_SHIFT),
    ),
    names: entries.map((entry) => entry.name),
    descriptions: entries.map((entry) => entry.description),
    spans,
    vocabulary,
    postingCounts: postings.map((ids) => ids.length),
    postings: postings.flatMap((ids) => Array.from(ids, (id, i) => (i === 0 ? id : id - ids[i - 1]))),
    nameOrder: Array.from(nameOrder),
    commonUses: index.commonUses.map(({ software, kind, protocol, port, portEnd, note }) => ({
      software,
      kind,
      ...(protocol !== undefined ? { protocol } : {}),
      port,
      ...(portEnd !== undefined ? { portEnd } : {}),
      ...(note !== undefined ? { note } : {}),
    })),
  };
}

/** The protocols of every protocol-bits value, worked out once. */
const PROTOCOLS_OF_BITS = Array.from(
  { length: 1 << STATUS_SHIFT },
  (_, bits) => PROTOCOL_ORDER.filter((_, bit) => bits & (1 << bit)) as Protocol[],
);

const isArray = Array.isArray;

/** The index the popup searches, read back from the packaged file. */
export function unpackSearchIndex(pack: unknown): SearchIndex {
  const {
    format,
    ports,
    kinds,
    names,
    descriptions,
    spans,
    vocabulary,
    postingCounts,
    postings,
    nameOrder,
    commonUses,
  } = (pack ?? {}) as Partial<SearchPack>;
  if (format !== SEARCH_PACK_FORMAT) {
    throw new SearchPackError(
      `search index: format ${JSON.stringify(format)}, expected ${SEARCH_PACK_FORMAT} (rebuild the extension)`,
    );
  }
  if (
    !isArray(ports) ||
    !isArray(kinds) ||
    !isArray(names) ||
    !isArray(descriptions) ||
    !isArray(spans) ||
    !isArray(vocabulary) ||
    !isArray(postingCounts) ||
    !isArray(postings) ||
    !isArray(nameOrder) ||
    kinds.length !== ports.length ||
    names.length !== ports.length ||
    descriptions.length !== ports.length ||
    postingCounts.length !== vocabulary.length
  ) {
    throw new SearchPackError(
      'search index: entries, vocabulary, postings or names missing or misaligned (rebuild the extension)',
    );
  }
  const count = ports.length;
  const entries = new Array<SearchEntry>(count);
  let port = 0;
  for (let id = 0; id < count; id++) {
    port += ports[id];
    const kind = kinds[id];
    const name = names[id];
    entries[id] = {
      port,
      portEnd: port,
      protocols: PROTOCOLS_OF_BITS[kind & ((1 << STATUS_SHIFT) - 1)].slice(),
      status: STATUS_ORDER[kind >> STATUS_SHIFT],
      name,
      nameLower: name?.toLowerCase() ?? '',
      description: descriptions[id],
    };
  }
  for (let i = 0; i + 1 < spans.length; i += 2) {
    const entry = entries[spans[i]];
    if (!entry) throw new SearchPackError('search index: a span names an entry past the last');
    entry.portEnd = entry.port + spans[i + 1];
  }
  // Gaps to ids: each word's ids a view of one typed array, no copy per word.
  const ids = new Int32Array(postings.length);
  const wordIds = new Array<Int32Array>(postingCounts.length);
  let at = 0;
  for (let w = 0; w < postingCounts.length; w++) {
    const end = at + postingCounts[w];
    if (end > ids.length)
      throw new SearchPackError('search index: the word lists run past their ids (rebuild the extension)');
    let id = 0;
    for (let i = at; i < end; i++) ids[i] = id += postings[i];
    if (end > at && ids[end - 1] >= count) {
      throw new SearchPackError(`search index: word ${JSON.stringify(vocabulary[w])} points past the last entry`);
    }
    wordIds[w] = ids.subarray(at, end);
    at = end;
  }
  if (nameOrder.some((id) => !entries[id]?.nameLower))
    throw new SearchPackError('search index: the name order lists an entry without a name');
  return createIndexFromSource(entries, commonUses ?? [], { vocabulary, postings: wordIds, nameOrder });
}
