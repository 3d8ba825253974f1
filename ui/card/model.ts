// What the card shows, derived from PortInfo: records grouped across protocols, each fact with its date.
import { compareAsOf, newestAsOf, staleAsOf, type RecordField } from '../../lib/format';
import { PROTOCOLS, type HistoryEntry, type PortInfo, type PortRecord, type Protocol } from '../../lib/types';

/** Records identical in all but protocol, shown once as e.g. "tcp, udp". */
export interface AssignmentGroup {
  key: string;
  protocols: Protocol[];
  record: PortRecord;
  history: HistoryEntry[];
}

function groupKey(record: PortRecord): string {
  const { protocol: _protocol, history: _history, sources, ...facts } = record;
  const sourceKey = sources.map((s) => [s.source, s.asOf, [...(s.fields ?? [])].sort()]);
  return JSON.stringify([facts, sourceKey]);
}

export function groupRecords(records: readonly PortRecord[]): AssignmentGroup[] {
  const groups = new Map<string, AssignmentGroup>();
  for (const record of records) {
    const key = groupKey(record);
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { key, protocols: [record.protocol], record, history: [...record.history] });
      continue;
    }
    if (!group.protocols.includes(record.protocol)) group.protocols.push(record.protocol);
    for (const entry of record.history) {
      if (!group.history.some((h) => h.asOf === entry.asOf && h.change === entry.change)) group.history.push(entry);
    }
  }
  const result = [...groups.values()];
  for (const group of result) {
    group.protocols.sort((a, b) => PROTOCOLS.indexOf(a) - PROTOCOLS.indexOf(b));
    group.history.sort((a, b) => compareAsOf(a.asOf, b.asOf));
  }
  return result;
}

/** Protocols with an assignment, in the usual order. */
export function assignedProtocols(records: readonly PortRecord[]): Protocol[] {
  const assigned = new Set(records.filter((r) => r.status === 'assigned').map((r) => r.protocol));
  return PROTOCOLS.filter((p) => assigned.has(p));
}

/** The protocol to tailor check commands to: only when every assignment agrees on one. */
export function commandProtocol(records: readonly PortRecord[]): Protocol | undefined {
  const assigned = assignedProtocols(records);
  return assigned.length === 1 && (assigned[0] === 'tcp' || assigned[0] === 'udp') ? assigned[0] : undefined;
}

export interface Dating {
  newest: string;
  oldest: string;
}

export function datingOf(info: PortInfo): Dating {
  const newest = newestAsOf(info.snapshots);
  const oldest = info.snapshots.reduce((min, s) => (compareAsOf(s.asOf, min) < 0 ? s.asOf : min), newest);
  return { newest, oldest };
}

/** Fields a group shows, so its dating covers exactly what the reader sees. */
export function shownFields(record: PortRecord): RecordField[] {
  const fields: RecordField[] = ['status'];
  for (const field of ['name', 'description', 'assignee', 'contact', 'registered', 'modified', 'notes', 'unauthorizedUse'] as const) {
    if (record[field]) fields.push(field);
  }
  if (record.references.length > 0) fields.push('references');
  return fields;
}

/**
 * The date to put on a whole group when every fact it shows comes from the same older snapshot
 * (then per-fact labels would only repeat it); null when facts are current or differ in date.
 */
export function groupAsOf(record: PortRecord, dating: Dating): string | null {
  const dates = new Set(shownFields(record).map((field) => staleAsOf(record, field, dating.newest, dating.oldest)));
  if (dates.size !== 1) return null;
  return [...dates][0] ?? null;
}

export function factAsOf(record: PortRecord, field: RecordField, dating: Dating): string | null {
  return staleAsOf(record, field, dating.newest, dating.oldest);
}
