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
  search(query: string, limit?: number): SearchAnswer;
  info(port: number): PortInfo;
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
 * The popup's source over the packaged registry. Until the whole index exists (built on the first text query,
 * or by `prepare()` once the popup has painted), a port query is answered from an index of just the records
 * it touches, with the same code and so the same answer. The full registry (for the card) is built only
 * when a result is opened.
 */
export function createPopupSource(
  data: RegistryData,
  curated: { commonUses: readonly CommonUse[]; stories: readonly PortStory[] } = { commonUses: [], stories: [] },
): SearchSource & { index(): SearchIndex; prepare(): void } {
  let index: SearchIndex | undefined;
  let registry: Registry | undefined;
  const fullIndex = () =>
    (index ??= createSearchIndex(searchRecordsFromData(data), curated.commonUses, curated.stories));
  return {
    index: fullIndex,
    prepare: () => void prepareText(fullIndex()),
    search(query, limit) {
      if (!index) {
        const ports = parseQuery(query).ports;
        if (ports && ports.to - ports.from < QUICK_SPAN) {
          return search(createSearchIndex(searchRecordsOverlapping(data, ports.from, ports.to)), query, limit);
        }
      }
      return search(fullIndex(), query, limit);
    },
    info: (port) => (registry ??= createRegistry(data, curated)).info(port),
  };
}
