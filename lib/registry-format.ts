// The shape of data/registry.json: written by scripts/build-data.ts, read by lib/registry.ts.
// Compact on purpose (the popup and background load it whole): strings live once in a table, records are
// tuples of string-table indexes, and per-field provenance is a shared bit-mask pattern.

import type { PortRecord } from './types';

export const REGISTRY_FORMAT = 1;

/** The IANA details of a record that no snapshot gave: spread into each new record (a fresh array each time). */
export function noIanaDetails(): Pick<
  PortRecord,
  'assignee' | 'contact' | 'registered' | 'modified' | 'references' | 'notes' | 'unauthorizedUse'
> {
  return {
    assignee: null,
    contact: null,
    registered: null,
    modified: null,
    references: [],
    notes: null,
    unauthorizedUse: null,
  };
}

/** Record fields whose source is tracked, in bit order (bit i of a mask = RECORD_FIELDS[i]). */
export const RECORD_FIELDS = [
  'name',
  'description',
  'status',
  'assignee',
  'contact',
  'registered',
  'modified',
  'references',
  'notes',
  'unauthorizedUse',
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

export const PROTOCOL_ORDER = ['tcp', 'udp', 'sctp', 'dccp'] as const;
export const STATUS_ORDER = ['assigned', 'reserved', 'unassigned'] as const;

/** Kinds of dated change between two snapshots; `a`/`b` are string-table indexes (0 = none). */
export const HISTORY_KINDS = [
  'renamed', // a: old name, b: new name
  'description', // a: old description, b: new description
  'assignee', // a: old assignee, b: new assignee
  'deassigned', // a: old "name — description", b: new status word ("Reserved", "Unassigned")
  'assigned', // a: old status word, b: new "name — description"
  'removed', // a: "name — description" that is no longer listed, b: the last snapshot id listing it
  'protocol-added', // a: protocols listed before, b: unused
  'status', // a: old status, b: new status
  'replaced', // a: old "name — description", b: new "name — description" (the slot given to another service)
  'added', // a: the id of the snapshot before, which did not list it; b: unused
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export interface SnapshotMeta {
  id: string;
  source: string;
  asOf: string;
  note: string;
}

/**
 * One record: [port, span, protocolStatus, name, description, assignee, contact, registered, modified,
 * references, notes, unauthorizedUse, sourcePattern, history].
 * span = portEnd - port; protocolStatus = protocolIndex * 3 + statusIndex; string fields are string-table
 * indexes with 0 for null; references is the index of the references joined by a line break (a reference may hold spaces); history is a flat
 * array of [snapshotIndex, kindIndex, a, b] quadruples. Trailing zero / empty elements are dropped.
 */
export type PackedRecord = (number | number[])[];

export interface RegistryData {
  about: string;
  format: number;
  snapshots: SnapshotMeta[]; // newest first; snapshot indexes in sourcePatterns and history point here
  strings: (string | null)[]; // strings[0] === null
  /** Each pattern: flat [snapshotIndex, fieldMask, ...] pairs, newest snapshot first. */
  sourcePatterns: number[][];
  records: PackedRecord[]; // sorted by port, portEnd, protocol, name
}
