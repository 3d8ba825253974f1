// A range as one thing: both ends included, range records and curated range uses, unassigned ports counted.
import { describe, expect, it } from 'vitest';
import { countRange, describeCounts, rangeInfo, RANGE_GAPS_LISTED, type RangeRecord } from '../lib/range-info';
import { readPackagedData } from '../scripts/packaged-data';
import type { CommonUse } from '../lib/types';

const { registry, curated } = readPackagedData();
const real = (from: number, to: number) =>
  rangeInfo(from, to, registry.lookupRange(from, to), curated.uses, registry.meta.snapshots);

/** Ports from..to that no record assigns or reserves on any protocol, worked out port by port. */
function unassignedByLookup(from: number, to: number): number {
  let count = 0;
  for (let port = from; port <= to; port++)
    if (registry.lookupPort(port).every((r) => r.status === 'unassigned')) count++;
  return count;
}

describe('rangeInfo on the shipped registry', () => {
  it('8000–8010: every port counted, both ends included, the unassigned ones said, curated uses of ports inside', () => {
    const info = real(8000, 8010);
    const { assigned, reserved, unassigned } = info.counts;
    expect(assigned + reserved + unassigned).toBe(11);
    expect(unassigned).toBe(unassignedByLookup(8000, 8010));
    const listed = new Set([...info.ports.map((s) => s.from), ...info.gaps.flatMap((g) => [g.from, g.to])]);
    expect(listed.has(8000)).toBe(true);
    expect(listed.has(8010)).toBe(true);
    expect(info.portUses.some((use) => use.port === 8000 && /django/i.test(use.software))).toBe(true);
    expect(info.portUses.every((use) => use.port >= 8000 && use.port <= 8010)).toBe(true);
    expect(describeCounts(8000, 8010, info.counts)).toBe(
      `11 ports (8000–8010, both ends included): ${assigned} assigned, ${reserved ? `${reserved} reserved, ` : ''}${unassigned} unassigned`,
    );
  });

  it('6000–6063: the x11 range record once, on tcp and udp, with its curated use', () => {
    const info = real(6000, 6063);
    expect(info.rangeRecords.map((s) => [s.name, s.from, s.to, s.protocols])).toEqual([
      ['x11', 6000, 6063, ['tcp', 'udp']],
    ]);
    expect(info.counts).toEqual({ assigned: 64, reserved: 0, unassigned: 0 });
    expect(info.rangeUses.map((use) => use.software)).toEqual([expect.stringMatching(/X Window System/)]);
  });

  it('30000–32767: Kubernetes NodePorts and the passive-FTP ranges that overlap it, not Linux’s ephemeral range, which starts one port later', () => {
    const info = real(30000, 32767);
    expect(info.rangeUses.map((use) => use.software)).toEqual([
      expect.stringMatching(/Kubernetes NodePort/),
      expect.stringMatching(/^vsftpd passive data ports/),
      expect.stringMatching(/^Pure-FTPd passive data ports/),
    ]);
    expect(info.classes).toEqual([{ id: 'user', from: 30000, to: 32767 }]);
    expect(info.counts.unassigned).toBe(unassignedByLookup(30000, 32767));
    expect(info.gapsTotal).toBeGreaterThan(RANGE_GAPS_LISTED);
    expect(info.gaps).toHaveLength(RANGE_GAPS_LISTED);
    const both = real(32767, 32768);
    expect(both.rangeUses.map((use) => use.software)).toEqual([
      expect.stringMatching(/Kubernetes/),
      expect.stringMatching(/^Pure-FTPd passive/),
      expect.stringMatching(/Linux ephemeral/),
    ]);
  });

  it('spans the range classes it crosses, each clipped', () => {
    expect(real(1000, 50000).classes).toEqual([
      { id: 'system', from: 1000, to: 1023 },
      { id: 'user', from: 1024, to: 49151 },
      { id: 'dynamic', from: 49152, to: 50000 },
    ]);
  });
});

describe('rangeInfo on hand-made records', () => {
  const record = (
    port: number,
    protocol: RangeRecord['protocol'],
    status: RangeRecord['status'],
    name: string | null,
    portEnd = port,
  ): RangeRecord => ({
    port,
    portEnd,
    protocol,
    status,
    name,
    description: name ? `${name} service` : null,
  });
  const source = { title: 'Docs', url: 'https://example.org/', checked: '2026-11-01' };

  it('merges protocols, drops a reserved half beside an assignment, and lists the gaps in order', () => {
    const info = rangeInfo(
      10,
      20,
      [
        record(10, 'tcp', 'assigned', 'ten'),
        record(10, 'udp', 'assigned', 'ten'),
        record(12, 'tcp', 'assigned', 'twelve'),
        record(12, 'udp', 'reserved', null),
        record(15, 'udp', 'reserved', null),
        record(18, 'tcp', 'assigned', 'span', 25),
      ],
      [],
    );
    expect(info.ports.map((s) => [s.from, s.name, s.status, s.protocols])).toEqual([
      [10, 'ten', 'assigned', ['tcp', 'udp']],
      [12, 'twelve', 'assigned', ['tcp']],
      [15, null, 'reserved', ['udp']],
    ]);
    expect(info.rangeRecords.map((s) => [s.name, s.from, s.to])).toEqual([['span', 18, 25]]);
    expect(info.counts).toEqual({ assigned: 5, reserved: 1, unassigned: 5 });
    expect(info.gaps).toEqual([
      { from: 11, to: 11 },
      { from: 13, to: 14 },
      { from: 16, to: 17 },
    ]);
  });

  it('takes curated range uses that overlap and single-port uses inside, nothing else', () => {
    const use = (port: number, portEnd?: number): CommonUse => ({
      software: `s${port}`,
      kind: 'default',
      port,
      ...(portEnd ? { portEnd } : {}),
      source,
    });
    const info = rangeInfo(
      100,
      200,
      [],
      [use(99), use(100), use(200), use(201), use(50, 100), use(201, 300), use(150, 160)],
    );
    expect(info.portUses.map((u) => u.software)).toEqual(['s100', 's200']);
    expect(info.rangeUses.map((u) => u.software)).toEqual(['s50', 's150']);
    expect(info.counts.unassigned).toBe(101);
  });

  it('refuses a range that is not one', () => {
    expect(() => rangeInfo(10, 5, [], [])).toThrow(RangeError);
    expect(() => rangeInfo(0, 70000, [], [])).toThrow(RangeError);
    expect(() => rangeInfo(-1, 4, [], [])).toThrow(RangeError);
  });

  it('counts a range with nothing in it as unassigned, one gap end to end', () => {
    const gaps: [number, number][] = [];
    expect(countRange(65000, 65535, [], (a, b) => gaps.push([a, b]))).toEqual({
      assigned: 0,
      reserved: 0,
      unassigned: 536,
    });
    expect(gaps).toEqual([[65000, 65535]]);
  });
});

describe('portolan/range-info', () => {
  it('parses only a well-formed range request', async () => {
    const { parseMessageOf } = await import('../lib/messages');
    const parse = (raw: unknown) => parseMessageOf('portolan/range-info', raw);
    expect(parse({ type: 'portolan/range-info', from: 6000, to: 6063 })).toEqual({
      type: 'portolan/range-info',
      from: 6000,
      to: 6063,
    });
    for (const bad of [
      { type: 'portolan/range-info', from: 6063, to: 6000 },
      { type: 'portolan/range-info', from: '1', to: 2 },
      { type: 'portolan/range-info', from: 1, to: 70000 },
      { type: 'portolan/info', port: 1 },
      null,
    ]) {
      expect(parse(bad)).toBeNull();
    }
  });

  it('is answered with the range card’s data, or the error that kept it from loading', async () => {
    const { answerRangeInfo } = await import('../ext/background');
    expect(await answerRangeInfo(async (from, to) => real(from, to), 8000, 8010)).toMatchObject({
      ok: true,
      info: { from: 8000, to: 8010 },
    });
    expect(await answerRangeInfo(async () => Promise.reject(new Error('registry.json: HTTP 404')), 8000, 8010)).toEqual(
      {
        ok: false,
        error: 'registry.json: HTTP 404',
      },
    );
  });
});

describe('passive-FTP ranges (curated)', () => {
  const passive = curated.uses.filter((use) => /\bpassive data ports\b/i.test(use.software));

  it('each names its server and a source, and none claims a default range a server does not ship', () => {
    expect(new Set(passive.map((use) => use.software.split(' ')[0]))).toEqual(
      new Set(['vsftpd', 'Pure-FTPd', 'ProFTPD', 'FileZilla']),
    );
    for (const use of passive) {
      expect(use.portEnd, use.software).toBeGreaterThan(use.port);
      expect(use.protocol, use.software).toBe('tcp');
      expect(use.source.url, use.software).toMatch(/^https:\/\//);
      // vsftpd, ProFTPD, Pure-FTPd and FileZilla Server ship no passive range: each is a range people configure.
      expect(use.kind, use.software).toBe('convention');
    }
  });

  it('49152–65535 shows ProFTPD’s and FileZilla Server’s ranges and the NAT how-to’s; 30000–30100 the openSUSE and Pure-FTPd ones', () => {
    const dynamic = real(49152, 65535).rangeUses.map((use) => `${use.software} ${use.port}-${use.portEnd}`);
    expect(dynamic).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ProFTPD passive data ports \(PassivePorts example\) 49152-65534$/),
        expect.stringMatching(/^FileZilla Server passive data ports .* 49152-65534$/),
        expect.stringMatching(/^ProFTPD passive data ports behind NAT .* 60000-65535$/),
      ]),
    );
    const low = real(30000, 30100).rangeUses.map((use) => use.software);
    expect(low).toEqual(
      expect.arrayContaining([expect.stringMatching(/^vsftpd .*openSUSE/), expect.stringMatching(/^Pure-FTPd /)]),
    );
    expect(low).toContain('Kubernetes NodePort Services (default range)');
  });
});
