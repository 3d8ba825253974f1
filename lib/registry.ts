// The one registry module: the background, the popup, the tests and the CLI all read data/registry.json
// through createRegistry. Pure: it takes the parsed JSON, never touches fs, the DOM or browser.*.

import type {
  CommonUse,
  HistoryEntry,
  PortInfo,
  PortRecord,
  PortStory,
  Protocol,
  RangeClass,
  SourceRef,
} from './types';
import { t, type MessageKey } from './i18n';
import { isPort, rangeClass } from './range-classes';
import {
  HISTORY_KINDS,
  PROTOCOL_ORDER,
  RECORD_FIELDS,
  REGISTRY_FORMAT,
  STATUS_ORDER,
  noIanaDetails,
  type PackedRecord,
  type RegistryData,
} from './registry-format';

export type { RegistryData } from './registry-format';

const STATE_WORDS: Record<string, MessageKey> = {
  assigned: 'historyStateAssigned',
  reserved: 'historyStateReserved',
  unassigned: 'historyStateUnassigned',
};

/** A state in a history sentence: scripts/data/merge.ts writes "Reserved" or "reserved"; none means unassigned. */
const stateWord = (word: string | null): string => {
  const key = STATE_WORDS[(word ?? 'unassigned').toLowerCase()];
  return key ? t(key) : (word ?? '');
};

/** Curated, non-IANA facts, added by whoever owns data/curated/ (the hook is all the registry knows). */
export interface CuratedData {
  commonUses?: readonly CommonUse[];
  stories?: readonly PortStory[];
}

export interface RegistryMeta {
  about: string;
  snapshots: SourceRef[]; // newest first
  recordCount: number;
}

export interface Registry {
  readonly meta: RegistryMeta;
  /** Every record covering the port on every protocol (ranges included); tcp and udp always answer. */
  lookupPort(port: number): PortRecord[];
  info(port: number): PortInfo;
  /** Records overlapping from..to (inclusive), without placeholders. */
  lookupRange(from: number, to: number): PortRecord[];
  rangeClass(port: number): RangeClass;
}

// Tuple positions, as written by scripts/data/encode.ts.
const PORT = 0,
  SPAN = 1,
  PROTOCOL_STATUS = 2,
  NAME = 3,
  DESCRIPTION = 4,
  ASSIGNEE = 5,
  CONTACT = 6,
  REGISTERED = 7,
  MODIFIED = 8,
  REFERENCES = 9,
  NOTES = 10,
  UNAUTHORIZED = 11,
  PATTERN = 12,
  HISTORY = 13;

const num = (record: PackedRecord, at: number): number => (record[at] as number | undefined) ?? 0;

export function createRegistry(data: RegistryData, curated: CuratedData = {}): Registry {
  if (data.format !== REGISTRY_FORMAT) {
    throw new Error(`registry.json has format ${data.format}, this code reads format ${REGISTRY_FORMAT}: rebuild it`);
  }
  const { strings, records } = data;
  const text = (index: number): string | null => strings[index] ?? null;
  const snapshots: SourceRef[] = data.snapshots.map(({ source, asOf }) => ({ source, asOf }));
  const asOfById = new Map(data.snapshots.map((snapshot) => [snapshot.id, snapshot.asOf]));

  // Single-port records are sorted by port: [firstRecord[p], firstRecord[p + 1]) are port p's.
  // Ranges are few; each port's set of covering ranges is interned so a lookup is one array read.
  const firstRecord = new Int32Array(65537).fill(-1);
  const rangeIndexes: number[] = [];
  for (let i = records.length - 1; i >= 0; i--) {
    if (num(records[i], SPAN) === 0) firstRecord[num(records[i], PORT)] = i;
    else rangeIndexes.push(i);
  }
  firstRecord[65536] = records.length;
  for (let port = 65535; port >= 0; port--) if (firstRecord[port] < 0) firstRecord[port] = firstRecord[port + 1];
  rangeIndexes.reverse();
  const rangeSets: number[][] = [[]];
  const rangeSetOfPort = new Uint16Array(65536);
  {
    const setIds = new Map<string, number>();
    const covering: number[][] = [];
    for (const i of rangeIndexes) {
      const from = num(records[i], PORT);
      const to = from + num(records[i], SPAN);
      for (let port = from; port <= to; port++) (covering[port] ??= []).push(i);
    }
    covering.forEach((list, port) => {
      const key = list.join(',');
      let id = setIds.get(key);
      if (id === undefined) {
        id = rangeSets.length;
        setIds.set(key, id);
        rangeSets.push(list);
      }
      rangeSetOfPort[port] = id;
    });
  }

  // Single ports by number; the few range entries (some span 28,000 ports) are scanned, not expanded.
  const commonUsesByPort = new Map<number, CommonUse[]>();
  const rangeUses: CommonUse[] = [];
  for (const use of curated.commonUses ?? []) {
    if ((use.portEnd ?? use.port) !== use.port) rangeUses.push(use);
    else commonUsesByPort.set(use.port, [...(commonUsesByPort.get(use.port) ?? []), use]);
  }
  const usesFor = (port: number): CommonUse[] => [
    ...(commonUsesByPort.get(port) ?? []),
    ...rangeUses.filter((use) => use.port <= port && port <= (use.portEnd ?? use.port)),
  ];
  const storyByPort = new Map((curated.stories ?? []).map((story) => [story.port, story]));

  // In the reader's language (lib/i18n.ts); IANA's values go in as they are. A page's or worker's language
  // is set before its first lookup and never changes, so decoded records may keep their sentences.
  const dateOf = (snapshotId: string | null): string | null => (snapshotId && asOfById.get(snapshotId)) ?? snapshotId;
  const renderChange = (kind: string, a: string | null, b: string | null, protocol: Protocol): string => {
    const [was, now] = [a ?? '', b ?? ''];
    switch (kind) {
      case 'renamed':
        return t('historyRenamed', was, now);
      case 'description':
        return t('historyDescription', was, now);
      case 'assignee':
        return t('historyAssignee', was, now);
      case 'deassigned':
        return t('historyDeassigned', was, stateWord(b));
      case 'assigned':
        return t('historyAssigned', now, stateWord(a));
      case 'removed': {
        const lastListed = dateOf(b);
        return lastListed ? t('historyRemoved', was, lastListed) : t('historyRemovedUndated', was);
      }
      case 'protocol-added':
        return a ? t('historyProtocolAdded', protocol, a) : t('historyProtocolAddedUnnamed', protocol);
      case 'status':
        return t('historyStatus', stateWord(a), stateWord(b));
      case 'replaced':
        return t('historyReplaced', was, now);
      case 'added': {
        const before = dateOf(a);
        return before ? t('historyAdded', before) : t('historyAddedUndated');
      }
      default:
        return kind;
    }
  };

  const decoded = new Map<number, PortRecord>();
  const decode = (index: number): PortRecord => {
    const cached = decoded.get(index);
    if (cached) return cached;
    const packed = records[index];
    const protocolStatus = num(packed, PROTOCOL_STATUS);
    const protocol = PROTOCOL_ORDER[Math.floor(protocolStatus / 3)] as Protocol;
    const pattern = data.sourcePatterns[num(packed, PATTERN)] ?? [];
    const sources: SourceRef[] = [];
    for (let i = 0; i < pattern.length; i += 2) {
      const snapshot = data.snapshots[pattern[i]];
      const fields = RECORD_FIELDS.filter((_, bit) => pattern[i + 1] & (1 << bit));
      sources.push({ source: snapshot.source, asOf: snapshot.asOf, fields });
    }
    const flatHistory = (packed[HISTORY] as number[] | undefined) ?? [];
    const history: HistoryEntry[] = [];
    for (let i = 0; i < flatHistory.length; i += 4) {
      const snapshot = data.snapshots[flatHistory[i]];
      history.push({
        asOf: snapshot.asOf,
        source: snapshot.source,
        change: renderChange(
          HISTORY_KINDS[flatHistory[i + 1]],
          text(flatHistory[i + 2]),
          text(flatHistory[i + 3]),
          protocol,
        ),
      });
    }
    const port = num(packed, PORT);
    const references = text(num(packed, REFERENCES));
    const record: PortRecord = {
      port,
      portEnd: port + num(packed, SPAN),
      protocol,
      status: STATUS_ORDER[protocolStatus % 3],
      name: text(num(packed, NAME)),
      description: text(num(packed, DESCRIPTION)),
      assignee: text(num(packed, ASSIGNEE)),
      contact: text(num(packed, CONTACT)),
      registered: text(num(packed, REGISTERED)),
      modified: text(num(packed, MODIFIED)),
      references: references ? references.split('\n') : [],
      notes: text(num(packed, NOTES)),
      unauthorizedUse: text(num(packed, UNAUTHORIZED)),
      sources,
      history,
    };
    decoded.set(index, record);
    return record;
  };

  const newest = data.snapshots[0];
  const placeholder = (port: number, protocol: Protocol): PortRecord => ({
    port,
    portEnd: port,
    protocol,
    status: port === 0 ? 'reserved' : 'unassigned',
    name: null,
    description: port === 0 ? 'Reserved' : null,
    ...noIanaDetails(),
    // No snapshot lists an assignment here; the newest one is the one that says so.
    sources: newest ? [{ source: newest.source, asOf: newest.asOf, fields: ['status'] }] : [],
    history: [],
  });

  const byProtocolThenName = (x: PortRecord, y: PortRecord) =>
    PROTOCOL_ORDER.indexOf(x.protocol) - PROTOCOL_ORDER.indexOf(y.protocol) ||
    STATUS_ORDER.indexOf(x.status) - STATUS_ORDER.indexOf(y.status) ||
    x.port - y.port ||
    (x.name ?? '').localeCompare(y.name ?? '');

  const checkPort = (port: number) => {
    if (!isPort(port)) throw new RangeError(`${port} is not a port number (0–65535)`);
  };

  const lookupPort = (port: number): PortRecord[] => {
    checkPort(port);
    const found: PortRecord[] = [];
    for (let i = firstRecord[port]; i < firstRecord[port + 1]; i++) found.push(decode(i));
    for (const i of rangeSets[rangeSetOfPort[port]]) found.push(decode(i));
    for (const protocol of ['tcp', 'udp'] as const) {
      if (!found.some((record) => record.protocol === protocol)) found.push(placeholder(port, protocol));
    }
    return found.sort(byProtocolThenName);
  };

  const lookupRange = (from: number, to: number): PortRecord[] => {
    checkPort(from);
    checkPort(to);
    if (to < from) throw new RangeError(`range ${from}-${to} ends before it starts`);
    const found: PortRecord[] = [];
    // Range records sit in the port-sorted array too; they are taken once, from rangeIndexes.
    for (let i = firstRecord[from]; i < firstRecord[to + 1]; i++)
      if (num(records[i], SPAN) === 0) found.push(decode(i));
    for (const i of rangeIndexes) {
      const start = num(records[i], PORT);
      if (start <= to && start + num(records[i], SPAN) >= from) found.push(decode(i));
    }
    return found.sort((x, y) => x.port - y.port || byProtocolThenName(x, y));
  };

  return {
    meta: { about: data.about, snapshots, recordCount: records.length },
    lookupPort,
    info: (port) => {
      const story = storyByPort.get(port);
      return {
        port,
        rangeClass: rangeClass(port),
        records: lookupPort(port),
        commonUses: usesFor(port),
        ...(story ? { story } : {}),
        snapshots,
      };
    },
    lookupRange,
    rangeClass,
  };
}
