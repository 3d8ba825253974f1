// The popup's search source over the packaged registry file. Pure: the caller fetches the JSON.
import { createRegistry, type Registry, type RegistryData } from './registry';
import { PROTOCOL_ORDER, STATUS_ORDER } from './registry-format';
import {
  createSearchIndex,
  parseQuery,
  prepareText,
  search,
  type SearchAnswer,
  type SearchIndex,
  type SearchRecord,
} from './search';
import type { CommonUse, PortInfo, PortStory } from './types';

/** What the popup searches and opens. */
export interface SearchSource {
  /** The answer, or null while what this query needs is still loading (ask again after `complete`). */
  search(query: string, limit?: number): SearchAnswer | null;
  info(port: number): PortInfo;
  /** Settles when every query can be answered; absent when that is already so. */
  complete?: Promise<void>;
}

export interface CuratedForSearch {
  commonUses: readonly CommonUse[];
  stories: readonly PortStory[];
}

/**
 * The fields search needs, read straight from the packed registry file. Decoding whole PortRecords (history,
 * provenance) for all 12,000-odd records costs more than the popup's first-answer budget; this costs a few ms.
 */
export function searchRecordsFromData(data: RegistryData): SearchRecord[] {
  const { strings } = data;
  return data.records.map((packed) => {
    const at = (i: number) => (packed[i] as number | undefined) ?? 0;
    const port = at(0);
    const protocolStatus = at(2);
    return {
      port,
      portEnd: port + at(1),
      protocol: PROTOCOL_ORDER[Math.floor(protocolStatus / 3)],
      status: STATUS_ORDER[protocolStatus % 3],
      name: strings[at(3)] ?? null,
      description: strings[at(4)] ?? null,
    };
  });
}

/** The records overlapping from..to, found without decoding the rest (records are sorted by port). */
export function searchRecordsOverlapping(data: RegistryData, from: number, to: number): SearchRecord[] {
  const records = data.records;
  const portOf = (i: number) => records[i][0] as number;
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (portOf(mid) < from) lo = mid + 1;
    else hi = mid;
  }
  const picked: RegistryData['records'] = [];
  for (let i = lo; i < records.length && portOf(i) <= to; i++) picked.push(records[i]);
  // Ranges that start before `from` and reach into it.
  for (let i = 0; i < lo; i++) {
    const span = (records[i][1] as number | undefined) ?? 0;
    if (span > 0 && portOf(i) + span >= from) picked.push(records[i]);
  }
  return searchRecordsFromData({ ...data, records: picked });
}

/** Port queries spanning at most this many numbers are answered before the whole index exists. */
const QUICK_SPAN = 1024;

/**
 * The popup's source over the packaged registry. A port query is answered at once, even before the whole
 * index exists, from an index of just the records it touches (same code, so the same answer). Text queries
 * need the whole index and the curated data (software names, stories): given as a promise, they answer null
 * until it settles. The text part of the index is built on the first text query or by `prepare()`; the full
 * registry (for the card) when a result is first opened.
 */
export function createPopupSource(
  data: RegistryData,
  curatedInput: CuratedForSearch | Promise<CuratedForSearch> = { commonUses: [], stories: [] },
): SearchSource & { index(): SearchIndex | null; prepare(): void } {
  let curated: CuratedForSearch | null = curatedInput instanceof Promise ? null : curatedInput;
  let index: SearchIndex | undefined;
  let registry: Registry | undefined;
  const fullIndex = (): SearchIndex | null => {
    if (!curated) return null;
    return (index ??= createSearchIndex(searchRecordsFromData(data), curated.commonUses, curated.stories));
  };
  const complete =
    curatedInput instanceof Promise
      ? curatedInput.then(
          (value) => void (curated = value),
          // Curated facts are extra: without them, search the IANA registry alone.
          () => void (curated = { commonUses: [], stories: [] }),
        )
      : undefined;
  return {
    complete,
    index: fullIndex,
    prepare() {
      const full = fullIndex();
      if (full) prepareText(full);
    },
    search(query, limit) {
      if (!index) {
        const ports = parseQuery(query).ports;
        if (ports && ports.to - ports.from < QUICK_SPAN) {
          const partial = createSearchIndex(searchRecordsOverlapping(data, ports.from, ports.to), curated?.commonUses);
          return search(partial, query, limit);
        }
      }
      const full = fullIndex();
      return full ? search(full, query, limit) : null;
    },
    info(port) {
      // Opened before the curated data arrived: answer without it, and do not keep that registry.
      if (!curated) return createRegistry(data).info(port);
      return (registry ??= createRegistry(data, curated)).info(port);
    },
  };
}
