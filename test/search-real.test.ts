// Popup search on the shipped registry and curated data, as a person would type it.
import { describe, expect, it } from 'vitest';
import { search } from '../lib/search';
import { unpackSearchIndex } from '../lib/search-pack';
import { readPackagedData, searchPackOf } from '../scripts/packaged-data';

const packaged = readPackagedData();
const index = unpackSearchIndex(JSON.parse(JSON.stringify(searchPackOf(packaged))));
const { registry } = packaged;

describe('range queries', () => {
  it('8000-8010: a row for the range with both ends counted, each port’s curated uses, no reserved halves', () => {
    const answer = search(index, '8000-8010');
    const [span, ...ports] = answer.results;
    expect(span).toMatchObject({ match: 'span', port: 8000, portEnd: 8010 });
    let unassigned = 0;
    for (let port = 8000; port <= 8010; port++)
      if (registry.lookupPort(port).every((r) => r.status === 'unassigned')) unassigned++;
    expect(span.range?.counts.unassigned).toBe(unassigned);
    expect(span.range!.counts.assigned + span.range!.counts.reserved + span.range!.counts.unassigned).toBe(11);
    expect(span.description).toContain(`${unassigned} unassigned`);
    expect(span.range?.portUses).toBe(
      packaged.curated.uses.filter((u) => u.portEnd === undefined && u.port >= 8000 && u.port <= 8010).length,
    );
    expect(ports.find((r) => r.port === 8000)?.usedBy).toEqual(
      expect.arrayContaining([expect.stringMatching(/Django/)]),
    );
    // 8004 is assigned on tcp and reserved on udp: one row, not two.
    expect(ports.filter((r) => r.port === 8004)).toHaveLength(1);
    expect(ports.every((r) => r.port >= 8000 && r.port <= 8010)).toBe(true);
  });

  it('30000-32767 names Kubernetes NodePorts on the range’s row', () => {
    const [span] = search(index, '30000-32767').results;
    expect(span.usedBy).toEqual([
      expect.stringMatching(/Kubernetes NodePort/),
      expect.stringMatching(/^vsftpd passive/),
      expect.stringMatching(/^Pure-FTPd passive/),
    ]);
  });
});

describe('ranking like a person', () => {
  const ports = (query: string) => search(index, query).results.map((r) => r.port);

  it('a typo prefers the well-known service among equally close names: postgrse → 5432 first', () => {
    expect(ports('postgrse')[0]).toBe(5432);
    expect(ports('postgrsql')[0]).toBe(5432);
    expect(ports('htpp')[0]).toBe(80);
  });

  it('ssh lists names and descriptions, never a port only because its story mentions ssh', () => {
    const results = search(index, 'ssh').results;
    expect(results[0]).toMatchObject({ port: 22, name: 'ssh' });
    expect(results.some((r) => r.port === 6379)).toBe(false);
    expect(results.filter((r) => /story/.test(r.why))).toEqual([]);
  });
});
