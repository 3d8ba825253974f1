import { describe, expect, it } from 'vitest';
import { createSearchIndex, editDistance, MAX_QUERY_CHARS, parseQuery, search } from '../lib/search';
import type { CommonUse, PortRecord, PortStory, Protocol } from '../lib/types';
import { record as makeRecord } from './fixtures/port-info/make';

function record(
  port: number,
  protocol: Protocol,
  name: string | null,
  description: string,
  portEnd = port,
): PortRecord {
  return makeRecord({
    port,
    portEnd,
    protocol,
    status: name ? 'assigned' : /unassigned/i.test(description) ? 'unassigned' : 'reserved',
    name,
    description,
    sources: [],
  });
}

const both = (port: number, name: string | null, description: string, portEnd = port) => [
  record(port, 'tcp', name, description, portEnd),
  record(port, 'udp', name, description, portEnd),
];

// A slice of the real registry, spelled as IANA spells it.
const RECORDS: PortRecord[] = [
  ...both(0, null, 'Reserved'),
  ...both(22, 'ssh', 'The Secure Shell (SSH) Protocol'),
  ...both(53, 'domain', 'Domain Name Server'),
  ...both(80, 'http', 'World Wide Web HTTP'),
  ...both(443, 'https', 'http protocol over TLS/SSL'),
  record(443, 'sctp', 'https', 'HTTPS'),
  ...both(591, 'http-alt', 'FileMaker, Inc. - HTTP Alternate (see Port 80)'),
  ...both(3000, 'hbci', 'HBCI'),
  ...both(3716, 'wv-csp-sms', 'WV CSP SMS Binding'),
  ...both(3717, 'wv-csp-udp-cir', 'WV CSP UDP/IP CIR Channel'),
  ...both(4, null, 'Unassigned'),
  ...both(5432, 'postgresql', 'PostgreSQL Database'),
  ...both(5433, 'pyrrho', 'Pyrrho DBMS'),
  ...both(6000, 'x11', 'X Window System', 6063),
  ...both(8080, 'http-alt', 'HTTP Alternate (see port 80)'),
  record(9999, 'udp', 'distinct', 'Distinct'),
];

const source = { title: 'fixture', url: 'https://example.org/', checked: '2026-11-01' };
const USES: CommonUse[] = [
  { software: 'Grafana', kind: 'default', protocol: 'tcp', port: 3000, source },
  { software: 'Minecraft', kind: 'default', protocol: 'tcp', port: 25565, source },
  { software: 'PostgreSQL', kind: 'default', protocol: 'tcp', port: 5432, source },
];
const STORIES: PortStory[] = [
  {
    port: 3717,
    title: 'Wireless Village',
    paragraphs: ['WV stands for Wireless Village, the instant-messaging consortium behind CSP.'],
    sources: [source],
  },
];

const index = createSearchIndex(RECORDS, USES, STORIES);
const top = (query: string) => search(index, query).results[0];
const names = (query: string) => search(index, query).results.map((result) => result.name);

describe('parseQuery', () => {
  it.each([
    ['3717', { from: 3717, to: 3717 }, null],
    ['6000-6010', { from: 6000, to: 6010 }, null],
    ['6000\u20136063', { from: 6000, to: 6063 }, null],
    ['6000:6010', { from: 6000, to: 6010 }, null],
    ['6000 to 6010', { from: 6000, to: 6010 }, null],
    ['53/udp', { from: 53, to: 53 }, 'udp'],
    ['udp 53', { from: 53, to: 53 }, 'udp'],
    ['tcp/443', { from: 443, to: 443 }, 'tcp'],
    ['TCP:443', { from: 443, to: 443 }, 'tcp'],
    ['port 22', { from: 22, to: 22 }, null],
  ])('%s', (query, ports, protocol) => {
    expect(parseQuery(query)).toMatchObject({ ports, protocol });
  });

  it('reads a range whose end is still being typed as its first port', () => {
    expect(parseQuery('6000-60').ports).toEqual({ from: 6000, to: 6000 });
  });

  it('keeps a lone protocol as a word to look for', () => {
    expect(parseQuery('udp')).toEqual({ ports: null, protocol: null, terms: ['udp'] });
  });

  it('does not take numbers above 65535 as ports', () => {
    expect(parseQuery('70000').ports).toBeNull();
  });

  it('reads at most MAX_QUERY_CHARS of a paste', () => {
    const parsed = parseQuery(`${'a'.repeat(MAX_QUERY_CHARS)} 22`);
    expect(parsed.ports).toBeNull();
  });
});

describe('search by number', () => {
  it('answers an assigned port with its assignment on every protocol', () => {
    const result = top('3717');
    expect(result).toMatchObject({ port: 3717, name: 'wv-csp-udp-cir', match: 'port', protocols: ['tcp', 'udp'] });
  });

  it('answers a port inside a range record with the range', () => {
    expect(search(index, '6003').results).toEqual([
      expect.objectContaining({
        port: 6000,
        portEnd: 6063,
        name: 'x11',
        match: 'range',
        why: 'Part of range 6000\u20136063',
      }),
    ]);
  });

  it('answers an unassigned number with "unassigned" and its range class', () => {
    const answer = search(index, '4');
    expect(answer.total).toBe(1);
    expect(answer.results[0]).toMatchObject({
      port: 4,
      status: 'unassigned',
      rangeClass: 'system',
      match: 'unassigned',
    });
    expect(answer.results[0].why).toMatch(/^Unassigned .*System/);
    expect(top('50000')).toMatchObject({ status: 'unassigned', rangeClass: 'dynamic' });
    expect(top('25565')).toMatchObject({ status: 'unassigned', rangeClass: 'user' });
  });

  it('names the software known to use the port on its first row', () => {
    const adb: CommonUse = {
      software: 'Android Debug Bridge',
      kind: 'convention',
      protocol: 'tcp',
      port: 5432,
      source,
    };
    const withAdb = createSearchIndex(RECORDS, [...USES, adb]);
    expect(search(withAdb, '5432').results[0].usedBy).toEqual(['PostgreSQL', 'Android Debug Bridge']);
    expect(search(withAdb, '5432/udp').results[0].usedBy).toBeUndefined();
    expect(search(withAdb, '25565').results[0]).toMatchObject({ status: 'unassigned', usedBy: ['Minecraft'] });
    expect(search(withAdb, '3717').results[0].usedBy).toBeUndefined();
  });

  it('shows a reserved port as reserved, not unassigned', () => {
    expect(search(index, '0').results).toEqual([expect.objectContaining({ port: 0, status: 'reserved' })]);
  });

  it('lists every assignment a range of numbers overlaps, in port order, after a row for the range itself', () => {
    const answer = search(index, '5000-6010');
    expect(answer.results.map((result) => [result.port, result.name, result.match])).toEqual([
      [5000, null, 'span'],
      [6000, 'x11', 'port'],
      [5432, 'postgresql', 'port'],
      [5433, 'pyrrho', 'port'],
    ]);
    expect(answer.total).toBe(4);
  });

  it('counts a range’s ports, both ends included, and says how many are unassigned', () => {
    const [span] = search(index, '5432-5433').results;
    expect(span).toMatchObject({
      port: 5432,
      portEnd: 5433,
      match: 'span',
      range: { counts: { assigned: 2, reserved: 0, unassigned: 0 } },
    });
    expect(span.description).toBe('2 ports (5432–5433, both ends included): 2 assigned, 0 unassigned');
    expect(search(index, '5430-5440').results[0].range?.counts).toEqual({ assigned: 2, reserved: 0, unassigned: 9 });
    // x11's range record covers 6000–6010 in full, and the range's row names it.
    expect(search(index, '6000-6010').results[0].range).toMatchObject({
      counts: { assigned: 11, reserved: 0, unassigned: 0 },
      records: ['x11'],
    });
  });

  it('says a range without assignments is all unassigned', () => {
    expect(search(index, '40000-40010').results).toEqual([
      expect.objectContaining({
        port: 40000,
        portEnd: 40010,
        match: 'span',
        range: { counts: { assigned: 0, reserved: 0, unassigned: 11 }, portUses: 0, records: [] },
      }),
    ]);
  });

  it('filters by protocol in every spelling', () => {
    for (const query of ['53/udp', 'udp 53', 'udp/53']) {
      expect(search(index, query).results).toEqual([expect.objectContaining({ port: 53, protocols: ['udp'] })]);
    }
    expect(top('tcp/443')).toMatchObject({ port: 443, protocols: ['tcp'] });
    expect(top('443')).toMatchObject({ protocols: ['tcp', 'udp', 'sctp'] });
  });

  it('says unassigned on a protocol the port has no assignment on', () => {
    expect(top('9999/tcp')).toMatchObject({ status: 'unassigned', why: expect.stringContaining('TCP') });
    expect(top('9999/udp')).toMatchObject({ name: 'distinct' });
  });

  it('explains a number that cannot be a port', () => {
    expect(search(index, '70000')).toEqual({ total: 0, results: [], notice: 'Port numbers run from 0 to 65535.' });
  });
});

describe('search by text', () => {
  it('finds a service name, case-insensitive, as the first result', () => {
    expect(top('x11')).toMatchObject({ port: 6000, portEnd: 6063, match: 'name' });
    expect(top('PostgreSQL')).toMatchObject({ port: 5432, name: 'postgresql', match: 'name' });
  });

  it('ranks exact name, then prefix (shorter first), then description words', () => {
    const answer = search(index, 'http');
    expect(answer.results.map((result) => [result.name, result.match])).toEqual([
      ['http', 'name'],
      ['https', 'name-prefix'],
      ['http-alt', 'name-prefix'],
      ['http-alt', 'name-prefix'],
    ]);
  });

  it('finds words of descriptions, each word by prefix as it is typed', () => {
    expect(names('window system')).toEqual(['x11']);
    expect(names('window sys')).toEqual(['x11']);
    expect(names('database')).toEqual(['postgresql']);
  });

  it('finds words of a curated story and says so', () => {
    expect(search(index, 'wireless village').results).toEqual([
      expect.objectContaining({ port: 3717, match: 'words', why: expect.stringContaining('story') }),
    ]);
  });

  it('lists a story-only match only when no name, software or description matched', () => {
    const withStory = createSearchIndex(
      [
        record(22, 'tcp', 'ssh', 'The Secure Shell (SSH) Protocol'),
        record(6379, 'tcp', 'redis', 'An advanced key-value cache and store'),
      ],
      [],
      [
        {
          port: 6379,
          title: 'Redis',
          paragraphs: ['Attackers write an ssh key into an open Redis, then log in over ssh.'],
          sources: [source],
        },
      ],
    );
    expect(search(withStory, 'ssh').results.map((r) => r.name)).toEqual(['ssh']);
    expect(search(withStory, 'attackers').results).toEqual([
      expect.objectContaining({ name: 'redis', why: expect.stringContaining('story') }),
    ]);
  });

  it("gives a story to the port's assignment, not to a reserved protocol beside it", () => {
    const withReserved = createSearchIndex(
      [record(6379, 'tcp', 'redis', 'An advanced key-value cache and store'), record(6379, 'udp', null, 'Reserved')],
      [],
      [{ port: 6379, title: 'Redis', paragraphs: ['Redis listens here.'], sources: [source] }],
    );
    expect(search(withReserved, 'listens').results).toEqual([expect.objectContaining({ name: 'redis' })]);
    const onlyReserved = createSearchIndex(
      [record(0, 'tcp', null, 'Reserved')],
      [],
      [{ port: 0, title: 'Port zero', paragraphs: ['A wildcard for programmers.'], sources: [source] }],
    );
    expect(search(onlyReserved, 'wildcard').results).toEqual([
      expect.objectContaining({ port: 0, status: 'reserved' }),
    ]);
  });

  it('finds common-use software from curated data', () => {
    expect(top('grafana')).toMatchObject({ port: 3000, software: 'Grafana', match: 'software', status: null });
    expect(top('minecraft')).toMatchObject({ port: 25565, software: 'Minecraft' });
  });

  it('does not list software again when its port is already an exact match', () => {
    expect(search(index, 'postgresql').results.filter((result) => result.port === 5432)).toHaveLength(1);
  });

  it('tolerates typos in names and software', () => {
    expect(top('postgrsql')).toMatchObject({ name: 'postgresql', match: 'fuzzy' });
    expect(top('minecarft')).toMatchObject({ software: 'Minecraft', match: 'fuzzy' });
    expect(top('wireles vilage')).toMatchObject({ port: 3717, match: 'fuzzy' });
  });

  it('guesses typos only when exact and prefix matching found little', () => {
    // "https" is a name; "http" (one edit away) must not be promoted as a typo match.
    expect(search(index, 'https').results.map((result) => result.match)).not.toContain('fuzzy');
  });

  it('does not guess at short words', () => {
    expect(search(index, 'sxh').total).toBe(0);
  });

  it('applies a protocol filter to text matches', () => {
    expect(search(index, 'https sctp').results).toEqual([
      expect.objectContaining({ name: 'https', protocols: ['sctp'] }),
    ]);
  });
});

describe('search on bad input', () => {
  it.each(['', '   ', '!!!', '-', '/', '//udp', ':', '\u0000\u0001', '\ud83d\ude00', '-1', '1e5', 'NaN', '0x50'])(
    'answers %j without throwing',
    (query) => {
      const answer = search(index, query);
      expect(answer.total).toBeGreaterThanOrEqual(0);
      expect(answer.results.length).toBeLessThanOrEqual(answer.total);
    },
  );

  it('answers 10 KB of pasted text quickly and within the limit', () => {
    const paste = 'Lorem ipsum dolor sit amet, http consectetur 8080 adipiscing; '.repeat(170);
    expect(paste.length).toBeGreaterThan(10_000);
    const started = performance.now();
    const answer = search(index, paste, 20);
    expect(performance.now() - started).toBeLessThan(200); // generous: guards against unbounded work, not speed
    expect(answer.results.length).toBeLessThanOrEqual(20);
  });

  it('counts matches beyond the scoring cap without ranking them all', () => {
    const many = Array.from({ length: 2500 }, (_, i) => record(10000 + i, 'tcp', `svc${i}`, `Service number ${i}`));
    const big = createSearchIndex(many);
    expect(search(big, 'svc', 10)).toMatchObject({ total: 2500, results: expect.any(Array) });
    expect(search(big, 'service', 10).total).toBe(2500);
  });

  it('caps the list at the limit but counts every match', () => {
    const answer = search(index, '0-65535', 2);
    expect(answer.results).toHaveLength(2);
    expect(answer.total).toBe(15); // 14 entries and the row for the range
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('minecarft', 'minecraft', 2).whole).toBe(1);
  });

  it('measures against the closest start of the target', () => {
    expect(editDistance('postgrs', 'postgresql', 1)).toEqual({ whole: 2, prefix: 1 });
  });

  it('gives what the full table gives, up to max, on seeded random strings (it computes only a band)', () => {
    // Every cell of the optimal-string-alignment table, no shortcuts: what the banded version must agree with.
    const full = (query: string, target: string, max: number) => {
      const d = Array.from({ length: query.length + 1 }, (_, i) =>
        Array.from({ length: target.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
      );
      for (let i = 1; i <= query.length; i++) {
        for (let j = 1; j <= target.length; j++) {
          d[i][j] = Math.min(
            d[i - 1][j] + 1,
            d[i][j - 1] + 1,
            d[i - 1][j - 1] + (query[i - 1] === target[j - 1] ? 0 : 1),
          );
          if (i > 1 && j > 1 && query[i - 1] === target[j - 2] && query[i - 2] === target[j - 1])
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
      const prefix = Math.min(...d[query.length]);
      return { whole: Math.min(d[query.length][target.length], max + 1), prefix: Math.min(prefix, max + 1) };
    };
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = () => Array.from({ length: random(14) }, () => 'abcs'[random(4)]).join('');
    for (let i = 0; i < 4000; i++) {
      const query = word();
      const target = random(3) === 0 ? query.slice(0, random(query.length + 1)) + word() : word();
      const max = random(4);
      expect(editDistance(query, target, max), `${query} / ${target} / ${max}`).toEqual(full(query, target, max));
    }
  });
});
