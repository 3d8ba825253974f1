// The popup searches the index the build packs from data/registry.json and the curated files: it must hold the
// registry's own records, and answer exactly as an index built in place from the same data would.
import { describe, expect, it } from 'vitest';
import { registrySearchIndex, SearchPackError, unpackSearchIndex, type SearchPack } from '../lib/search-pack';
import { prepareText, search, type SearchEntry } from '../lib/search';
import { MAX_PORT } from '../lib/range-classes';
import { readPackagedData, searchPackOf } from '../scripts/packaged-data';

const packaged = readPackagedData();
const { registry, curated } = packaged;
const pack = searchPackOf(packaged);
// Through JSON text, as the popup gets it.
const unpacked = unpackSearchIndex(JSON.parse(JSON.stringify(pack)));
const indexInPlace = () => registrySearchIndex(registry, curated.uses, curated.stories);

/** Every prefix of each, as typed: numbers, ranges, names, words, story words, filters, software, typos, junk. */
const QUERIES = [
  '3717',
  '8080',
  '443',
  '0',
  '65535',
  '70000',
  '6000-6010',
  '6000\u20136063',
  '49151-49152',
  'x11',
  'ssh',
  'postgresql',
  'microsoft-ds',
  'wireless village',
  'network time protocol',
  '53/udp',
  'udp 53',
  'tcp/443',
  'grafana',
  'minecraft',
  'redis',
  'postgrsql',
  'minecarft',
  'kuberntes',
  'zzqx',
  'the port',
  '3717 x11',
].flatMap((query) => Array.from(query, (_, i) => query.slice(0, i + 1)));

describe('search over the packaged registry', () => {
  it('holds every assigned and reserved record of the registry module, each in exactly one entry', () => {
    const key = (port: number, portEnd: number, protocol: string, status: string, name: string | null) =>
      `${port}-${portEnd}/${protocol}/${status}/${name}`;
    const entriesByKey = new Map<string, number>();
    for (const entry of unpacked.entries) {
      for (const protocol of entry.protocols) {
        const k = key(entry.port, entry.portEnd, protocol, entry.status, entry.name);
        entriesByKey.set(k, (entriesByKey.get(k) ?? 0) + 1);
      }
    }
    const records = registry.lookupRange(0, MAX_PORT).filter((record) => record.status !== 'unassigned');
    expect(records.length).toBeGreaterThan(10_000);
    for (const r of records)
      expect(
        entriesByKey.get(key(r.port, r.portEnd, r.protocol, r.status, r.name)),
        `${r.port}/${r.protocol} ${r.name}`,
      ).toBe(1);
    const recordKeys = new Set(records.map((r) => key(r.port, r.portEnd, r.protocol, r.status, r.name)));
    expect([...entriesByKey.keys()].filter((k) => !recordKeys.has(k))).toEqual([]);
  });

  it('answers every query exactly as an index built in place from the same data', () => {
    const inPlace = indexInPlace();
    for (const query of QUERIES) expect(search(unpacked, query, 500), query).toEqual(search(inPlace, query, 500));
  });

  it('holds the same entries, names and word lists, story words included, as an index built in place', () => {
    const inPlace = indexInPlace();
    const text = prepareText(inPlace);
    const read = prepareText(unpacked);
    const withoutWords = ({ words: _, ...entry }: SearchEntry) => entry; // worked out on demand, not stored
    expect(unpacked.entries.map(withoutWords)).toEqual(inPlace.entries.map(withoutWords));
    expect(read.names).toEqual(text.names);
    expect(read.nameIds).toEqual(text.nameIds);
    expect(read.names.length).toBeGreaterThan(6000);
    expect(read.vocabulary).toEqual(text.vocabulary);
    expect(read.postings.map((ids) => Array.from(ids))).toEqual(text.postings.map((ids) => Array.from(ids)));
    // The curated uses, without their sources (the card's, not search's).
    expect(unpacked.commonUses).toEqual(inPlace.commonUses.map(({ source: _, ...use }) => use));
    expect(unpacked.commonUses.length).toBeGreaterThan(300);
    // Story words are in the file: "wireless village" is only in 3717's story, not in its IANA description.
    expect(text.vocabulary).toContain('village');
  });

  it("answers the issue's examples from the real data", () => {
    expect(search(unpacked, '3717').results[0]).toMatchObject({ port: 3717, name: 'wv-csp-udp-cir' });
    expect(search(unpacked, 'x11').results[0]).toMatchObject({ port: 6000, portEnd: 6063, name: 'x11' });
    expect(search(unpacked, 'postgrsql').results[0]).toMatchObject({ port: 5432, name: 'postgresql' });
    expect(search(unpacked, '53/udp').results[0]).toMatchObject({ port: 53, name: 'domain', protocols: ['udp'] });
    expect(search(unpacked, 'grafana').results[0]).toMatchObject({ port: 3000, software: 'Grafana' });
    expect(search(unpacked, 'wireless village').results.map((r) => r.port)).toContain(3717);
  });

  it('refuses a file of another format or with postings out of step, saying what is wrong', () => {
    const tampered = (change: (copy: SearchPack) => void) => {
      const copy = JSON.parse(JSON.stringify(pack)) as SearchPack;
      change(copy);
      return () => unpackSearchIndex(copy);
    };
    expect(() => unpackSearchIndex(null)).toThrow(SearchPackError);
    expect(tampered((p) => ((p as { format: string }).format = 'portolan-search/1'))).toThrow(
      /format "portolan-search\/1", expected portolan-search\/2/,
    );
    expect(tampered((p) => p.postingCounts.pop())).toThrow(/misaligned/);
    expect(tampered((p) => p.names.pop())).toThrow(/misaligned/);
    expect(tampered((p) => p.kinds.push(0))).toThrow(/misaligned/);
    expect(tampered((p) => (p.postingCounts[p.postingCounts.length - 1] += 1))).toThrow(/run past their ids/);
    // A word's first id is given from 0: this one now names the entry after the last.
    expect(tampered((p) => (p.postings[0] = p.ports.length))).toThrow(/points past the last entry/);
    expect(tampered((p) => (p.spans[0] = p.ports.length))).toThrow(/span names an entry past the last/);
    expect(tampered((p) => p.nameOrder.push(p.ports.length))).toThrow(/name order lists an entry without a name/);
  });
});
