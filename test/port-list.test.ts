import { describe, expect, it } from 'vitest';
import {
  EXCERPT_CHARS,
  createPortTally,
  describeBySearch,
  lineAround,
  locateMention,
  mergeFrames,
  portListRows,
  rowPortText,
  visibleText,
  type Describe,
} from '../lib/port-list';
import { findPorts } from '../lib/detect';
import { search } from '../lib/search';
import { unpackSearchIndex } from '../lib/search-pack';
import type { PortMatch } from '../lib/types';
import { readPackagedData, searchPackOf } from '../scripts/packaged-data';

const match = (port: number, extra: Partial<PortMatch> = {}): PortMatch => ({ start: 0, end: 1, port, ...extra });

// A look-up that records what it was asked, so the tests see the protocol narrowing.
function recordingDescribe() {
  const asked: string[] = [];
  const describe: Describe = (port, portEnd, protocol) => {
    asked.push(`${port}-${portEnd}/${protocol ?? '*'}`);
    return {
      service: port === 53 ? 'domain' : port === 5432 ? 'postgresql' : null,
      description: null,
      software: port === 5432 ? 'PostgreSQL' : null,
    };
  };
  return { asked, describe };
}

describe('port tally', () => {
  it('counts mentions per port, keeps the protocols the text named, and sorts by port', () => {
    const tally = createPortTally();
    tally.addMatches([
      match(5432),
      match(53, { protocol: 'udp' }),
      match(5432),
      match(53, { protocol: 'tcp' }),
      match(22),
    ]);
    expect(tally.found()).toEqual([
      { port: 22, portEnd: 22, protocols: [], mentions: 1 },
      { port: 53, portEnd: 53, protocols: ['tcp', 'udp'], mentions: 2 },
      { port: 5432, portEnd: 5432, protocols: [], mentions: 2 },
    ]);
  });

  it('counts a range mention once, as the range, not as its two ends', () => {
    const tally = createPortTally();
    const range = { from: 30000, to: 32767 };
    tally.addMatches([match(30000, { range }), match(32767, { range }), match(30000)]);
    expect(tally.found()).toEqual([
      { port: 30000, portEnd: 30000, protocols: [], mentions: 1 },
      { port: 30000, portEnd: 32767, protocols: [], mentions: 1 },
    ]);
  });

  it('counts two separate mentions of the same range twice', () => {
    const tally = createPortTally();
    const range = { from: 6000, to: 6063 };
    tally.addMatches([match(6000, { range }), match(6063, { range }), match(6000, { range }), match(6063, { range })]);
    expect(tally.found()).toEqual([{ port: 6000, portEnd: 6063, protocols: [], mentions: 2 }]);
  });

  it('reads real socket output through the detector', () => {
    const ss = [
      'State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process',
      'LISTEN 0      128          0.0.0.0:22         0.0.0.0:*     users:(("sshd",pid=812,fd=3))',
      'LISTEN 0      244        127.0.0.1:5432       0.0.0.0:*     users:(("postgres",pid=977,fd=6))',
      'LISTEN 0      128             [::]:22            [::]:*     users:(("sshd",pid=812,fd=4))',
    ].join('\n');
    const tally = createPortTally();
    tally.addMatches(findPorts(ss));
    const found = tally.found();
    expect(found.map((f) => [f.port, f.mentions])).toEqual([
      [22, 2],
      [5432, 1],
    ]);
  });
});

describe('port list rows', () => {
  it('asks the look-up once per row, narrowed to a protocol only when the text named exactly one', () => {
    const { asked, describe } = recordingDescribe();
    const rows = portListRows(
      [
        { port: 53, portEnd: 53, protocols: ['udp'], mentions: 3 },
        { port: 5432, portEnd: 5432, protocols: ['tcp', 'udp'], mentions: 1 },
        { port: 30000, portEnd: 32767, protocols: [], mentions: 1 },
      ],
      describe,
    );
    expect(asked).toEqual(['53-53/udp', '5432-5432/*', '30000-32767/*']);
    expect(rows.map((r) => [r.key, r.service, r.software, r.mentions])).toEqual([
      ['53', 'domain', null, 3],
      ['5432', 'postgresql', 'PostgreSQL', 1],
      ['30000-32767', null, null, 1],
    ]);
    expect(rowPortText(rows[2])).toBe('30000\u201332767');
    expect(rowPortText(rows[0])).toBe('53');
  });
});

describe('the likely software, on the shipped data', () => {
  const index = unpackSearchIndex(JSON.parse(JSON.stringify(searchPackOf(readPackagedData()))));
  const describe = describeBySearch((query, limit) => search(index, query, limit));
  const software = (port: number, protocol?: 'tcp' | 'udp') => describe(port, port, protocol).software;

  it('is the use of that one port, not a broad range holding it: 27017 is MongoDB, not Steam 27015–27030', () => {
    expect(software(27017)).toMatch(/^MongoDB/);
    expect(software(27017, 'tcp')).toMatch(/^MongoDB/);
    expect(software(27019)).toMatch(/^MongoDB config server/);
    expect(software(27020)).toMatch(/^Steam/); // no use of its own: the range's
    expect(software(32400)).toMatch(/^Plex/); // inside Kubernetes NodePorts 30000–32767
  });

  it('is software that listens there, before what scanners look for', () => {
    // 137: NetBIOS (a 137–139 range) rather than the reflection attack on 137/udp alone.
    expect(software(137)).toMatch(/^NetBIOS over TCP\/IP/);
    expect(software(514)).toMatch(/^Syslog/); // not rsh, deprecated
  });
});

describe('frames of a page', () => {
  const frames = [
    {
      frameId: 0,
      ports: [
        { port: 22, count: 2 },
        { port: 443, count: 1 },
      ],
    },
    { frameId: 7, ports: [{ port: 22, count: 3 }] },
    { frameId: 9, ports: [] },
  ];

  it('merges the frames into one list with summed mentions', () => {
    const { found } = mergeFrames(frames);
    expect(found.map((f) => [f.port, f.mentions])).toEqual([
      [22, 5],
      [443, 1],
    ]);
  });

  it('finds the nth mention in the frame that holds it, top frame first, and wraps around', () => {
    const { places } = mergeFrames(frames);
    expect([0, 1, 2, 3, 4, 5].map((n) => locateMention(places, 22, n))).toEqual([
      { frameId: 0, index: 0 },
      { frameId: 0, index: 1 },
      { frameId: 7, index: 0 },
      { frameId: 7, index: 1 },
      { frameId: 7, index: 2 },
      { frameId: 0, index: 0 },
    ]);
    expect(locateMention(places, 8080, 0)).toBeNull();
  });
});

describe('what a row shows of the text', () => {
  it('shows the whole line of a mention when it fits, a window around it when not', () => {
    const text = 'first line\nLISTEN 0 128 0.0.0.0:22 0.0.0.0:*\nlast';
    const at = text.indexOf('22 ');
    expect(lineAround(text, at, at + 2)).toBe('LISTEN 0 128 0.0.0.0:22 0.0.0.0:*');
    const long = `${'a'.repeat(300)} port 8080 ${'b'.repeat(300)}`;
    const mid = long.indexOf('8080');
    const excerpt = lineAround(long, mid, mid + 4);
    expect(excerpt).toMatch(/^…a+ port 8080 b+…$/);
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_CHARS + 2);
  });

  it('makes control and bidi characters visible instead of letting them act', () => {
    expect(visibleText('a\u202Eb\u2066c\u200Fd')).toBe('a⟨U+202E⟩b⟨U+2066⟩c⟨U+200F⟩d');
    expect(visibleText('bell\u0007 esc\u001b nul\u0000 del\u007f c1\u0085')).toBe('bell␇ esc␛ nul␀ del␡ c1\ufffd');
    expect(visibleText('tab\tand <b>markup</b> stay')).toBe('tab\tand <b>markup</b> stay');
  });
});
