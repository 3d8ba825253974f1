// The popup searches records decoded straight from data/registry.json; they must be the registry's own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPopupSource, searchRecordsFromData } from '../lib/search-source';
import { createSearchIndex, search } from '../lib/search';
import { createRegistry, type RegistryData } from '../lib/registry';
import { MAX_PORT } from '../lib/range-classes';

const data = JSON.parse(readFileSync(new URL('../data/registry.json', import.meta.url), 'utf8')) as RegistryData;

describe('search over the packaged registry', () => {
  it('reads the same port, protocol, status, name and description as the registry module', () => {
    const fromRegistry = createRegistry(data)
      .lookupRange(0, MAX_PORT)
      .map(({ port, portEnd, protocol, status, name, description }) => ({ port, portEnd, protocol, status, name, description }));
    const key = (r: { port: number; portEnd: number; protocol: string; name: string | null; status: string }) =>
      `${r.port}-${r.portEnd}/${r.protocol}/${r.status}/${r.name}`;
    const sort = <T extends Parameters<typeof key>[0]>(list: T[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
    // lookupRange lists a range record once per stretch it covers; the set of records is what must agree.
    const unique = [...new Map(fromRegistry.map((r) => [key(r), r])).values()];
    expect(sort(searchRecordsFromData(data))).toEqual(sort(unique));
  });

  it('answers the issue\'s examples from the real data', () => {
    const source = createPopupSource(data);
    expect(source.search('3717')!.results[0]).toMatchObject({ port: 3717, name: 'wv-csp-udp-cir' });
    expect(source.search('x11')!.results[0]).toMatchObject({ port: 6000, portEnd: 6063, name: 'x11' });
    expect(source.search('postgrsql')!.results[0]).toMatchObject({ port: 5432, name: 'postgresql' });
    expect(source.search('53/udp')!.results[0]).toMatchObject({ port: 53, name: 'domain', protocols: ['udp'] });
    expect(source.info(3717).records.some((r) => r.name === 'wv-csp-udp-cir')).toBe(true);
  });

  it('answers port queries while curated data loads, and text queries once it is in', async () => {
    let deliver!: (curated: { commonUses: []; stories: [] }) => void;
    const source = createPopupSource(data, new Promise((resolve) => (deliver = resolve)));
    expect(source.search('3717')?.results[0]).toMatchObject({ name: 'wv-csp-udp-cir' });
    expect(source.search('x11')).toBeNull();
    deliver({ commonUses: [], stories: [] });
    await source.complete;
    expect(source.search('x11')?.results[0]).toMatchObject({ name: 'x11' });
  });

  it('searches the registry alone when curated data fails to load', async () => {
    const source = createPopupSource(data, Promise.reject(new Error('bad file')));
    await source.complete;
    expect(source.search('x11')?.results[0]).toMatchObject({ name: 'x11' });
  });

  it('answers a port query the same before the whole index exists as after', () => {
    const full = createSearchIndex(searchRecordsFromData(data));
    for (const query of ['3717', '6003', '0', '65535', '4', '53/udp', 'tcp/443', '6000-6010', '1000-1030', '11431-11500', '49151-49152']) {
      const early = createPopupSource(data); // fresh: no index built yet
      expect(early.search(query, 500), query).toEqual(search(full, query, 500));
    }
  });
});
