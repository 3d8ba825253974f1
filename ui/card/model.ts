// What the card shows, derived from PortInfo: records grouped across protocols, each fact with its date.
import { compareAsOf, newestAsOf, staleAsOf, type RecordField } from '../../lib/format';
import {
  PROTOCOLS,
  type CommonUse,
  type CommonUseKind,
  type HistoryEntry,
  type PortInfo,
  type PortRecord,
  type Protocol,
  type Status,
} from '../../lib/types';

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
  for (const field of [
    'name',
    'description',
    'assignee',
    'contact',
    'registered',
    'modified',
    'notes',
    'unauthorizedUse',
  ] as const) {
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

/** Curated entries that describe an OS's ephemeral (client-side) port range rather than a service. */
export function isEphemeralRange(use: CommonUse): boolean {
  return use.portEnd !== undefined && use.portEnd > use.port && /\bephemeral\b/i.test(use.software);
}

/**
 * Curated passive-FTP ranges: pools a server picks one transient data port from per transfer. A port inside one
 * says little about what listens on it, so they stay in the common-use list and never lead the answer.
 */
export function isPassivePool(use: CommonUse): boolean {
  return use.portEnd !== undefined && use.portEnd > use.port && /\bpassive data ports\b/i.test(use.software);
}

/** Which OS (or standard) an ephemeral-range entry is about: "Windows (Vista, Server 2008 and later)". */
export function ephemeralOwner(use: CommonUse): string {
  return use.software
    .replace(/\s*\bephemeral(?: client)? ports\b:?\s*/i, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// What is most likely listening, first: a default beats a convention, a hazard follows, history comes last.
const KIND_ORDER: Readonly<Record<CommonUseKind, number>> = {
  default: 0,
  convention: 1,
  'scanner-target': 2,
  malware: 3,
  deprecated: 4,
};

/** The card's first lines: what is most likely on the port, beside what IANA assigned it to. */
export interface CardAnswer {
  /** The top curated uses, most likely first (at most ANSWER_USES). */
  uses: CommonUse[];
  /** Curated uses not in `uses` (they follow in the common-use section). */
  moreUses: number;
  /** OS ephemeral ranges covering the port. */
  ephemeral: CommonUse[];
  /** Whether the ephemeral reading is the lead: a dynamic or unassigned port no curated service use knows. */
  ephemeralFirst: boolean;
  /** IANA's assignments as the answer names them (at most ANSWER_ASSIGNMENTS). */
  assignments: AnswerAssignment[];
  moreAssignments: number;
  /** The port's IANA status over every protocol. */
  status: Status;
}

/** One line of IANA's side of the answer: names sharing one description ("http, www, www-http"). */
export interface AnswerAssignment {
  /** Each name with the snapshot date it is from, when older than the newest snapshot (null: current). */
  names: { name: string; asOf: string | null }[];
  description: string | null;
  /** The range record the port is part of, when it is one (x11 6000–6063). */
  span: { from: number; to: number } | null;
  /** The date every name shares, so the line says it once; null when they are current or differ. */
  asOf: string | null;
}

/** A name listed on several protocols is as fresh as its freshest listing (null: current). */
function fresher(a: string | null, b: string | null): string | null {
  return a === null || b === null ? null : compareAsOf(a, b) >= 0 ? a : b;
}

function answerAssignments(records: readonly PortRecord[], dating: Dating): AnswerAssignment[] {
  const lines = new Map<string, AnswerAssignment>();
  for (const record of records) {
    if (record.status !== 'assigned') continue;
    const name = record.name ?? 'Assigned';
    const description =
      record.description && record.description.toLowerCase() !== name.toLowerCase() ? record.description : null;
    const span = record.portEnd > record.port ? { from: record.port, to: record.portEnd } : null;
    const asOf = factAsOf(record, 'name', dating);
    // "http" on sctp, described only by its own name, adds nothing to "http: World Wide Web HTTP" but its date.
    const listed = description
      ? undefined
      : [...lines.values()].flatMap((line) => line.names).find((n) => n.name === name);
    if (listed) {
      listed.asOf = fresher(listed.asOf, asOf);
      continue;
    }
    const key = `${description ?? ''}|${span ? `${span.from}-${span.to}` : ''}`;
    const line = lines.get(key) ?? { names: [], description, span, asOf: null };
    lines.set(key, line);
    const known = line.names.find((n) => n.name === name);
    if (known) known.asOf = fresher(known.asOf, asOf);
    else line.names.push({ name, asOf });
  }
  for (const line of lines.values()) {
    const dates = new Set(line.names.map((n) => n.asOf));
    line.asOf = dates.size === 1 ? [...dates][0] : null;
  }
  return [...lines.values()];
}

export const ANSWER_USES = 3;
export const ANSWER_ASSIGNMENTS = 2;

export function statusOf(records: readonly PortRecord[]): Status {
  if (records.some((r) => r.status === 'assigned')) return 'assigned';
  return records.some((r) => r.status === 'reserved') ? 'reserved' : 'unassigned';
}

export function answerOf(info: PortInfo): CardAnswer {
  const ephemeralRanges = info.commonUses.filter(isEphemeralRange);
  const services = info.commonUses
    .filter((use) => !isEphemeralRange(use) && !isPassivePool(use))
    .map((use, order) => ({ use, order }))
    .sort((a, b) => KIND_ORDER[a.use.kind] - KIND_ORDER[b.use.kind] || a.order - b.order)
    .map(({ use }) => use);
  const status = statusOf(info.records);
  const assigned = answerAssignments(info.records, datingOf(info));
  // A dynamic or unassigned port with no known service is most likely a client's end; otherwise the ranges follow.
  const clientEnd = info.rangeClass === 'dynamic' || status !== 'assigned';
  const ephemeral = ephemeralRanges;
  return {
    uses: services.slice(0, ANSWER_USES),
    // The passive pools are among the uses listed below the answer.
    moreUses: Math.max(0, services.length - ANSWER_USES) + info.commonUses.filter(isPassivePool).length,
    ephemeral,
    ephemeralFirst: clientEnd && ephemeral.length > 0 && services.length === 0,
    assignments: assigned.slice(0, ANSWER_ASSIGNMENTS),
    moreAssignments: Math.max(0, assigned.length - ANSWER_ASSIGNMENTS),
    status,
  };
}
