// A port range as one thing (6000–6063, 30000–32767): the range records and curated uses that cover it, the
// assigned ports inside it (both ends included) and how many are unassigned. Pure: the caller hands in the
// registry's records for the range and the curated uses.
import { formatPortSpan } from './format';
import { t } from './i18n';
import { isPort, RANGE_CLASSES } from './range-classes';
import {
  PROTOCOLS,
  type CommonUse,
  type PortRecord,
  type Protocol,
  type RangeClass,
  type SourceRef,
  type Status,
} from './types';

/** Ports listed one by one at most; beyond this the card counts them. */
export const RANGE_PORTS_LISTED = 200;
/** Unassigned stretches spelled out at most ("8002–8004, 8010"); beyond this only counted. */
export const RANGE_GAPS_LISTED = 12;

/** The fields of a registry record a range needs (a PortRecord has them all). */
export type RangeRecord = Pick<PortRecord, 'port' | 'portEnd' | 'protocol' | 'status' | 'name' | 'description'>;

/** One service (a name on one or more protocols) of a port or of a range record. */
export interface RangeService {
  from: number;
  to: number;
  name: string | null;
  description: string | null;
  protocols: Protocol[];
  status: Exclude<Status, 'unassigned'>;
}

export interface RangeCounts {
  /** Ports with an assignment on some protocol (a range record's ports included). */
  assigned: number;
  /** Ports IANA reserves and assigns on no protocol. */
  reserved: number;
  /** Ports nobody holds on any protocol. */
  unassigned: number;
}

export interface RangeInfo {
  from: number;
  to: number;
  /** IANA's range classes the range spans, each clipped to it. */
  classes: { id: RangeClass; from: number; to: number }[];
  /** Records spanning several ports that overlap the range (x11 6000–6063). */
  rangeRecords: RangeService[];
  /** Curated uses of a range that overlap this one (Kubernetes NodePorts, an OS's ephemeral ports). */
  rangeUses: CommonUse[];
  /** Curated uses of single ports inside the range, by port. */
  portUses: CommonUse[];
  /** Services of single ports inside the range, by port (at most RANGE_PORTS_LISTED). */
  ports: RangeService[];
  /** How many single-port services there are in all. */
  portsTotal: number;
  counts: RangeCounts;
  /** Stretches with no assignment or reservation, in order (at most RANGE_GAPS_LISTED). */
  gaps: { from: number; to: number }[];
  gapsTotal: number;
  snapshots: SourceRef[];
}

const NONE = 0;
const RESERVED = 1;
const ASSIGNED = 2;

/**
 * How many ports of from..to are assigned, reserved or neither, from spans covering them (records or search
 * entries; unassigned spans count as nothing). Also calls `gap` for each stretch of neither, in order.
 */
export function countRange(
  from: number,
  to: number,
  spans: Iterable<{ port: number; portEnd: number; status: Status }>,
  gap?: (from: number, to: number) => void,
): RangeCounts {
  const state = new Uint8Array(to - from + 1);
  for (const span of spans) {
    const mark = span.status === 'assigned' ? ASSIGNED : span.status === 'reserved' ? RESERVED : NONE;
    if (mark === NONE) continue;
    const start = Math.max(from, span.port);
    const end = Math.min(to, span.portEnd);
    for (let port = start; port <= end; port++) if (state[port - from] < mark) state[port - from] = mark;
  }
  const counts: RangeCounts = { assigned: 0, reserved: 0, unassigned: 0 };
  let gapStart = -1;
  for (let i = 0; i < state.length; i++) {
    if (state[i] === ASSIGNED) counts.assigned++;
    else if (state[i] === RESERVED) counts.reserved++;
    else counts.unassigned++;
    if (state[i] === NONE && gapStart < 0) gapStart = from + i;
    if (state[i] !== NONE && gapStart >= 0) {
      gap?.(gapStart, from + i - 1);
      gapStart = -1;
    }
  }
  if (gapStart >= 0) gap?.(gapStart, to);
  return counts;
}

/** Records that differ only in protocol, as one service; a reserved half beside an assignment adds nothing. */
function services(records: readonly RangeRecord[]): RangeService[] {
  const byKey = new Map<string, RangeService>();
  for (const record of records) {
    if (record.status === 'unassigned') continue;
    const key = `${record.port}-${record.portEnd} ${record.status} ${record.name ?? ''}`;
    const found = byKey.get(key);
    if (found) {
      if (!found.protocols.includes(record.protocol)) found.protocols.push(record.protocol);
      found.description ??= record.description;
      continue;
    }
    byKey.set(key, {
      from: record.port,
      to: record.portEnd,
      name: record.name,
      description: record.description,
      protocols: [record.protocol],
      status: record.status,
    });
  }
  const all = [...byKey.values()];
  const assignedSpans = new Set(all.filter((s) => s.status === 'assigned').map((s) => `${s.from}-${s.to}`));
  return all
    .filter((s) => s.status === 'assigned' || !assignedSpans.has(`${s.from}-${s.to}`))
    .map((s) => ({ ...s, protocols: PROTOCOLS.filter((p) => s.protocols.includes(p)) }))
    .sort((a, b) => a.from - b.from || a.to - b.to || (a.status === b.status ? 0 : a.status === 'assigned' ? -1 : 1));
}

/** Everything the range card shows for from..to (inclusive). Throws a RangeError for a bad range. */
export function rangeInfo(
  from: number,
  to: number,
  records: readonly RangeRecord[],
  commonUses: readonly CommonUse[],
  snapshots: readonly SourceRef[] = [],
): RangeInfo {
  if (!isPort(from) || !isPort(to)) throw new RangeError(`${from}-${to} is not a port range (0–65535)`);
  if (to < from) throw new RangeError(`range ${from}-${to} ends before it starts`);
  const inside = records.filter((r) => r.port <= to && r.portEnd >= from);
  const all = services(inside);
  const ports = all.filter((s) => s.to === s.from);
  const gaps: { from: number; to: number }[] = [];
  let gapsTotal = 0;
  const counts = countRange(from, to, inside, (start, end) => {
    gapsTotal++;
    if (gaps.length < RANGE_GAPS_LISTED) gaps.push({ from: start, to: end });
  });
  const classes = Object.values(RANGE_CLASSES)
    .filter((c) => c.first <= to && c.last >= from)
    .map((c) => ({ id: c.id, from: Math.max(from, c.first), to: Math.min(to, c.last) }));
  const isRangeUse = (use: CommonUse) => use.portEnd !== undefined && use.portEnd > use.port;
  return {
    from,
    to,
    classes,
    rangeRecords: all.filter((s) => s.to > s.from),
    rangeUses: commonUses.filter((use) => isRangeUse(use) && use.port <= to && use.portEnd! >= from),
    portUses: commonUses
      .filter((use) => !isRangeUse(use) && use.port >= from && use.port <= to)
      .sort((a, b) => a.port - b.port),
    ports: ports.slice(0, RANGE_PORTS_LISTED),
    portsTotal: ports.length,
    counts,
    gaps,
    gapsTotal,
    snapshots: [...snapshots],
  };
}

/** "11 ports: 3 assigned, 8 unassigned" (reserved only when there are any). */
export function describeCounts(from: number, to: number, counts: RangeCounts): string {
  const n = (count: number) => count.toLocaleString('en');
  const span = formatPortSpan(from, to);
  return counts.reserved > 0
    ? t('rangeCountsReserved', n(to - from + 1), span, n(counts.assigned), n(counts.reserved), n(counts.unassigned))
    : t('rangeCounts', n(to - from + 1), span, n(counts.assigned), n(counts.unassigned));
}
