import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, exportRows, markdownText, neutraliseFormula, toCsv, toJson, toMarkdown } from '../lib/export';
import type { PortListRow } from '../lib/port-list';

const row = (over: Partial<PortListRow>): PortListRow => ({
  key: String(over.port ?? 1),
  port: 1,
  portEnd: over.port ?? 1,
  protocols: [],
  mentions: 1,
  service: null,
  description: null,
  software: null,
  ...over,
});

const ROWS: PortListRow[] = [
  row({ port: 53, protocols: ['tcp', 'udp'], service: 'domain', mentions: 4 }),
  row({ port: 5432, service: 'postgresql', software: 'PostgreSQL', mentions: 2 }),
  row({ key: '30000-32767', port: 30000, portEnd: 32767, software: 'Kubernetes NodePort services' }),
];
const META = { pageUrl: 'https://example.com/runbook?a=1,b="2"', date: new Date('2026-12-02T16:05:09.123Z') };

/** A small RFC 4180 reader, written for the test: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      (record = []), (field = ''), i++;
    } else field += c;
  }
  expect(field).toBe('');
  expect(record).toEqual([]);
  return records;
}

describe('CSV export', () => {
  it('has a header and one CRLF record per row, and reads back to the same cells', () => {
    const records = parseCsv(toCsv(ROWS, META));
    expect(records[0]).toEqual([...EXPORT_COLUMNS]);
    expect(records.slice(1)).toEqual([
      ['53', 'tcp/udp', 'domain', '', '4', META.pageUrl, '2026-12-02T16:05:09Z'],
      ['5432', '', 'postgresql', 'PostgreSQL', '2', META.pageUrl, '2026-12-02T16:05:09Z'],
      ['30000-32767', '', '', 'Kubernetes NodePort services', '1', META.pageUrl, '2026-12-02T16:05:09Z'],
    ]);
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    const text = toCsv([row({ port: 7, software: 'a "quoted", multi\nline name' })], {
      pageUrl: null,
      date: META.date,
    });
    expect(text.split('\r\n')[1]).toBe('7,,,"a ""quoted"", multi\nline name",1,,2026-12-02T16:05:09Z');
  });

  it('neutralises cells a spreadsheet would run as formulas, and only those', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutraliseFormula(evil)).toBe(`'${evil}`);
    }
    for (const fine of ['5432', 'PostgreSQL', 'a=b', '6000-6063', '']) expect(neutraliseFormula(fine)).toBe(fine);
    const records = parseCsv(
      toCsv([row({ port: 9, software: "=cmd|' /C calc'!A0" })], { pageUrl: '@evil', date: META.date }),
    );
    expect(records[1][3]).toBe("'=cmd|' /C calc'!A0");
    expect(records[1][5]).toBe("'@evil");
  });
});

describe('Markdown export', () => {
  it('is a table with the page and date above it and where the names come from below', () => {
    const text = toMarkdown(ROWS, { ...META, registryAsOf: '2026-08-17' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Ports on https://example.com/runbook?a=1,b="2" (2026-12-02T16:05:09Z)');
    expect(lines[2]).toBe('| Port | Protocol | IANA service | Likely software | Mentions |');
    expect(lines[4]).toBe('| 53 | tcp/udp | domain |  | 4 |');
    expect(lines[6]).toBe('| 30000-32767 |  |  | Kubernetes NodePort services | 1 |');
    expect(text).toContain('as of 2026-08-17');
    expect(toMarkdown([], { pageUrl: null, date: META.date })).toMatch(/^Ports in pasted text \(/);
  });

  it('keeps each row on one line and takes pipes, markup and emphasis literally', () => {
    expect(markdownText('a | b\nc <img src=x onerror=alert(1)> *d* [l](j)')).toBe(
      'a \\| b c \\<img src=x onerror=alert(1)\\> \\*d\\* \\[l\\](j)',
    );
    const text = toMarkdown([row({ port: 8, software: 'x|y\nz' })], { pageUrl: 'https://h/<b>', date: META.date });
    expect(text.split('\n')[0]).toBe('Ports on https://h/\\<b\\> (2026-12-02T16:05:09Z)');
    expect(text).toContain('| 8 |  |  | x\\|y z | 1 |');
  });
});

describe('JSON export', () => {
  it('round-trips: ports with protocols, names, mentions, the page and the date', () => {
    const parsed = JSON.parse(toJson(ROWS, META));
    expect(parsed.pageUrl).toBe(META.pageUrl);
    expect(parsed.date).toBe('2026-12-02T16:05:09Z');
    expect(parsed.ports[0]).toEqual({
      port: 53,
      protocols: ['tcp', 'udp'],
      ianaService: 'domain',
      likelySoftware: null,
      mentions: 4,
    });
    expect(parsed.ports[2]).toMatchObject({ port: 30000, portEnd: 32767 });
    expect(JSON.parse(exportRows('json', [], { pageUrl: null, date: META.date }))).toMatchObject({
      pageUrl: null,
      ports: [],
    });
  });

  it('picks the format by name', () => {
    expect(exportRows('csv', ROWS, META)).toBe(toCsv(ROWS, META));
    expect(exportRows('markdown', ROWS, META)).toBe(toMarkdown(ROWS, META));
  });
});
