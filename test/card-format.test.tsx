// Formatting and dating rules behind the card: references, names, and which facts must say "as of".
import { describe, expect, it } from 'vitest';
import {
  compareAsOf,
  formatReference,
  formatReferences,
  ianaEntryUrl,
  newestAsOf,
  personName,
  staleAsOf,
} from '../lib/format';
import { RANGE_CLASSES, rangeClass, STATUS_EXPLANATIONS } from '../lib/range-classes';
import { groupRecords, commandProtocol } from '../ui/card/model';
import { CSV_2015, CURRENT, record } from './fixtures/port-info/make';

describe('formatReference', () => {
  it('links RFCs to the RFC Editor in every spelling IANA uses', () => {
    for (const ref of ['RFC1035', '[RFC1035]', 'RFC 1035', 'rfc-1035', 'RFC01035']) {
      expect(formatReference(ref)).toEqual({ text: 'RFC 1035', url: 'https://www.rfc-editor.org/rfc/rfc1035' });
    }
    expect(formatReference('[RFC6335, Section 6]')).toEqual({
      text: 'RFC 6335, Section 6',
      url: 'https://www.rfc-editor.org/rfc/rfc6335',
    });
  });

  it('links drafts, and RFC-queue names to their draft, on the datatracker', () => {
    expect(formatReference('draft-ietf-quic-transport-34').url).toBe(
      'https://datatracker.ietf.org/doc/draft-ietf-quic-transport-34/',
    );
    expect(formatReference('[RFC-ietf-tsvwg-sctp-dtls-encaps-09]').url).toBe(
      'https://datatracker.ietf.org/doc/draft-ietf-tsvwg-sctp-dtls-encaps-09/',
    );
  });

  it('keeps people as names and never links other schemes', () => {
    expect(formatReference('[Jon_Postel]')).toEqual({ text: 'Jon Postel' });
    expect(formatReference('javascript:alert(1)')).toEqual({ text: 'javascript:alert(1)' });
    expect(formatReference('http://example.com/spec').url).toBe('https://example.com/spec');
  });

  it('splits IANA cells that hold several references and drops repeats', () => {
    expect(formatReferences(['[RFC1078][Mark_Lottor]', 'RFC1078']).map((r) => r.text)).toEqual([
      'RFC 1078',
      'Mark Lottor',
    ]);
  });
});

describe('personName', () => {
  it('turns IANA handles into names and drops every address', () => {
    expect(personName('[Paul_Mockapetris]')).toBe('Paul Mockapetris');
    expect(personName('[Jon_Postel][Joe_Touch]')).toBe('Jon Postel, Joe Touch');
    expect(personName('Jane Doe <jane@example.com>')).toBe('Jane Doe');
    expect(personName('jane@example.com')).toBe('');
    expect(personName('Jane Doe (mailto:jane@example.com)')).toBe('Jane Doe');
  });
});

describe('dating facts', () => {
  it('compares ISO dates of any precision', () => {
    expect(compareAsOf('2015-06', '2026-10-02')).toBeLessThan(0);
    expect(compareAsOf('2015-06-01', '2015-06')).toBeGreaterThan(0);
    expect(newestAsOf([CSV_2015, CURRENT])).toBe('2026-10-02');
  });

  it('dates a field by the freshest source that supplied it', () => {
    const mixed = record({
      port: 53,
      protocol: 'tcp',
      sources: [
        { ...CURRENT, fields: ['name', 'description'] },
        { ...CSV_2015, fields: ['name', 'description', 'assignee'] },
      ],
    });
    expect(staleAsOf(mixed, 'name', CURRENT.asOf)).toBeNull();
    expect(staleAsOf(mixed, 'assignee', CURRENT.asOf)).toBe('2015-06');
    // A source without a field list supplied everything.
    const old = record({ port: 6000, protocol: 'tcp', sources: [CSV_2015] });
    expect(staleAsOf(old, 'name', CURRENT.asOf)).toBe('2015-06');
    // Unknown provenance is read cautiously, as the oldest snapshot.
    const unknown = record({ port: 1, protocol: 'tcp', sources: [] });
    expect(staleAsOf(unknown, 'name', CURRENT.asOf, CSV_2015.asOf)).toBe('2015-06');
  });
});

describe('grouping records', () => {
  it('merges protocols only when every fact and its provenance agree', () => {
    const tcp = record({ port: 1110, protocol: 'tcp', name: 'webadmstart' });
    const udp = record({ port: 1110, protocol: 'udp', name: 'nfsd-keepalive' });
    const udpSame = record({ port: 1110, protocol: 'udp', name: 'webadmstart' });
    const udpOlder = record({ port: 1110, protocol: 'udp', name: 'webadmstart', sources: [CSV_2015] });
    expect(groupRecords([tcp, udp]).map((g) => g.protocols)).toEqual([['tcp'], ['udp']]);
    expect(groupRecords([udpSame, tcp]).map((g) => g.protocols)).toEqual([['tcp', 'udp']]);
    expect(groupRecords([tcp, udpOlder])).toHaveLength(2);
  });

  it('tailors commands to a single assigned protocol only', () => {
    expect(commandProtocol([record({ port: 161, protocol: 'udp' })])).toBe('udp');
    expect(
      commandProtocol([record({ port: 53, protocol: 'tcp' }), record({ port: 53, protocol: 'udp' })]),
    ).toBeUndefined();
    expect(commandProtocol([record({ port: 9, protocol: 'sctp' })])).toBeUndefined();
  });
});

describe('range classes', () => {
  it('classifies the boundaries and explains every class and status', () => {
    expect([0, 1023, 1024, 49151, 49152, 65535].map(rangeClass)).toEqual([
      'system',
      'system',
      'user',
      'user',
      'dynamic',
      'dynamic',
    ]);
    expect(() => rangeClass(65536)).toThrow(RangeError);
    for (const info of Object.values(RANGE_CLASSES)) expect(info.explanation).toContain(`${info.first}–${info.last}`);
    expect(STATUS_EXPLANATIONS.reserved).toMatch(/^Reserved:/);
    expect(STATUS_EXPLANATIONS.unassigned).toMatch(/^Unassigned:/);
  });

  it('links the official registry search for the port', () => {
    expect(ianaEntryUrl(3716)).toBe(
      'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml?search=3716',
    );
  });
});
