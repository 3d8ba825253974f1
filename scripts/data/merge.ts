// Merge dated snapshots (oldest first) into one record per (port or range, protocol, service), each with
// per-field provenance and the dated changes between snapshots.

import type { PortRecord, Protocol, Status } from '../../lib/types';
import { noIanaDetails, PROTOCOL_ORDER, type HistoryKind, type RecordField } from '../../lib/registry-format';
import { isPlainUnassigned, slotKey, type Snapshot, type SnapshotRecord } from './snapshot';

export interface MergedHistory {
  snapshot: number; // index into the oldest-first snapshot list: the first snapshot showing the change
  kind: HistoryKind;
  a: string | null;
  b: string | null;
}

/** A PortRecord before encoding: provenance as snapshot indexes, history still structured. */
export type MergedRecord = Omit<PortRecord, 'sources' | 'history'> & {
  fieldSources: Partial<Record<RecordField, number>>; // field -> snapshot index that supplied it
  history: MergedHistory[];
};

interface Version {
  snapshot: number;
  record: SnapshotRecord;
}

interface Lineage {
  slot: string;
  port: number;
  portEnd: number;
  protocol: Protocol;
  versions: Version[];
  epochStart: number; // versions before this index describe an earlier assignment of the slot
  history: MergedHistory[];
  alive: boolean;
  order: number; // creation order, for stable output
}

const STATUS_WORD: Record<Status, string> = { assigned: 'Assigned', reserved: 'Reserved', unassigned: 'Unassigned' };

/** "compressnet — Management Utility": how a past assignment is named in history. */
const label = (record: SnapshotRecord): string => {
  const name = record.name || STATUS_WORD[record.status];
  return record.description && record.description !== name ? `${name} — ${record.description}` : name;
};

const personKey = (text: string) => text.toLowerCase().replace(/\([^)]*\)/g, '').replace(/[^a-z]/g, '');
/** IANA's person ids are cut at 20 characters ("Jon_Ingi_Ingimundars"): a prefix is the same person. */
const samePerson = (a: string, b: string) => {
  const [x, y] = [personKey(a), personKey(b)];
  return x.startsWith(y) || y.startsWith(x);
};

export function mergeSnapshots(snapshots: readonly Snapshot[]): MergedRecord[] {
  const lineages: Lineage[] = [];
  const aliveBySlot = new Map<string, Lineage[]>();
  const closedBySlot = new Map<string, Lineage[]>();
  let order = 0;

  const startLineage = (snapshot: number, record: SnapshotRecord): Lineage => {
    const slot = slotKey(record.port, record.portEnd, record.protocol);
    const lineage: Lineage = {
      slot,
      port: record.port,
      portEnd: record.portEnd,
      protocol: record.protocol,
      versions: [{ snapshot, record }],
      epochStart: 0,
      history: [],
      alive: true,
      order: order++,
    };
    lineages.push(lineage);
    return lineage;
  };

  const addVersion = (lineage: Lineage, snapshot: number, record: SnapshotRecord, fullBoth: boolean) => {
    const previous = lineage.versions[lineage.versions.length - 1].record;
    const change = (kind: HistoryKind, a: string | null, b: string | null) =>
      lineage.history.push({ snapshot, kind, a, b });
    const sameName = previous.name.toLowerCase() === record.name.toLowerCase();
    if (!sameName || previous.status !== record.status) {
      if (previous.status === 'assigned' && record.status !== 'assigned') {
        change('deassigned', label(previous), STATUS_WORD[record.status]);
      } else if (previous.status !== 'assigned' && record.status === 'assigned') {
        change('assigned', STATUS_WORD[previous.status], label(record));
      } else if (!sameName) {
        change('renamed', previous.name, record.name);
      } else {
        change('status', previous.status, record.status);
      }
      // A new assignment of the slot: the old one's assignee, dates and notes are not this one's.
      lineage.epochStart = lineage.versions.length;
    } else {
      if (previous.name !== record.name) change('renamed', previous.name, record.name);
      if ((previous.description ?? '') !== (record.description ?? '')) {
        change('description', previous.description, record.description);
      }
      if (
        fullBoth &&
        previous.assignee !== null &&
        record.assignee !== null &&
        !samePerson(previous.assignee, record.assignee)
      ) {
        change('assignee', previous.assignee, record.assignee);
      }
    }
    lineage.versions.push({ snapshot, record });
  };

  snapshots.forEach((snapshot, index) => {
    const full = snapshot.coverage === 'full';
    const bySlot = new Map<string, SnapshotRecord[]>();
    for (const record of snapshot.records) {
      if (isPlainUnassigned(record)) continue;
      const slot = slotKey(record.port, record.portEnd, record.protocol);
      const list = bySlot.get(slot);
      if (list) list.push(record);
      else bySlot.set(slot, [record]);
    }
    // Which protocols each (range, service) had before this snapshot: to tell "protocol added".
    const protocolsBefore = new Map<string, Set<Protocol>>();
    for (const lineage of lineages) {
      if (!lineage.alive) continue;
      const name = lineage.versions[lineage.versions.length - 1].record.name.toLowerCase();
      if (name === '') continue;
      const key = `${lineage.port}-${lineage.portEnd}/${name}`;
      if (!protocolsBefore.has(key)) protocolsBefore.set(key, new Set());
      protocolsBefore.get(key)!.add(lineage.protocol);
    }

    const slots = new Set<string>(bySlot.keys());
    if (full) for (const slot of aliveBySlot.keys()) slots.add(slot);
    else for (const slot of snapshot.listedSlots) if (aliveBySlot.has(slot)) slots.add(slot);

    for (const slot of [...slots].sort()) {
      const records = bySlot.get(slot) ?? [];
      const alive = aliveBySlot.get(slot) ?? [];
      const unmatched = new Set(alive);
      const fresh: SnapshotRecord[] = [];
      for (const record of records) {
        const match = [...unmatched].find(
          (lineage) => lineage.versions[lineage.versions.length - 1].record.name.toLowerCase() === record.name.toLowerCase(),
        );
        if (match) {
          unmatched.delete(match);
          addVersion(match, index, record, full && snapshots[match.versions[match.versions.length - 1].snapshot].coverage === 'full');
        } else {
          fresh.push(record);
        }
      }
      // One service gone and one new on the same slot: the slot was renamed or de-assigned, one story.
      if (fresh.length === 1 && unmatched.size === 1) {
        const [lineage] = unmatched;
        unmatched.clear();
        addVersion(lineage, index, fresh.pop()!, false);
      }
      // A full snapshot lists everything; the partial one only proves removal where it lists the slot empty.
      const provesRemoval = full || (snapshot.listedSlots.has(slot) && records.length === 0);
      const stillAlive = alive.filter((lineage) => !unmatched.has(lineage) || !provesRemoval);
      for (const lineage of alive) {
        if (unmatched.has(lineage) && provesRemoval) {
          lineage.alive = false;
          const last = lineage.versions[lineage.versions.length - 1];
          lineage.history.push({ snapshot: index, kind: 'removed', a: label(last.record), b: snapshots[last.snapshot].id });
          const closed = closedBySlot.get(slot);
          if (closed) closed.push(lineage);
          else closedBySlot.set(slot, [lineage]);
        }
      }
      for (const record of fresh) {
        const lineage = startLineage(index, record);
        const before = protocolsBefore.get(`${record.port}-${record.portEnd}/${record.name.toLowerCase()}`);
        if (index > 0 && before && !before.has(record.protocol)) {
          const listed = PROTOCOL_ORDER.filter((protocol) => before.has(protocol)).join(', ');
          lineage.history.push({ snapshot: index, kind: 'protocol-added', a: listed, b: null });
        }
        stillAlive.push(lineage);
      }
      if (stillAlive.length) aliveBySlot.set(slot, stillAlive);
      else aliveBySlot.delete(slot);
    }
  });

  const out: MergedRecord[] = [];
  for (const lineage of lineages) {
    if (!lineage.alive) continue;
    const merged = currentFields(lineage, snapshots);
    // Removed services on this slot are part of its story.
    for (const closed of closedBySlot.get(lineage.slot) ?? []) merged.history.push(...closed.history.filter((h) => h.kind === 'removed'));
    merged.history.sort((x, y) => x.snapshot - y.snapshot);
    if (isPlainUnassigned(lineage.versions[lineage.versions.length - 1].record) && merged.history.length === 0) continue;
    out.push(merged);
  }
  // Slots where every service was removed: an unassigned record carries what used to be there.
  for (const [slot, closed] of closedBySlot) {
    if (aliveBySlot.has(slot)) continue;
    const first = closed[0];
    const history = closed.flatMap((lineage) => lineage.history).sort((x, y) => x.snapshot - y.snapshot);
    out.push({
      port: first.port,
      portEnd: first.portEnd,
      protocol: first.protocol,
      status: 'unassigned',
      name: null,
      description: null,
      ...noIanaDetails(),
      // Absence is vouched for by every later full snapshot, and by a partial one that lists the slot empty.
      fieldSources: { status: newestListing(snapshots, slot) },
      history,
    });
  }
  out.sort(
    (x, y) =>
      x.port - y.port ||
      x.portEnd - y.portEnd ||
      PROTOCOL_ORDER.indexOf(x.protocol) - PROTOCOL_ORDER.indexOf(y.protocol) ||
      compareText(x.name ?? '', y.name ?? '') ||
      compareText(x.description ?? '', y.description ?? ''),
  );
  return out;
}

function newestListing(snapshots: readonly Snapshot[], slot: string): number {
  for (let i = snapshots.length - 1; i > 0; i--) {
    if (snapshots[i].coverage === 'full' || snapshots[i].listedSlots.has(slot)) return i;
  }
  return 0;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The current fields: name, description and status from the newest snapshot listing the record; the other
 * fields from the newest version in the current assignment that has them (older snapshots fill gaps, and
 * say so in fieldSources). Versions before a rename or de-assignment never contribute.
 */
function currentFields(lineage: Lineage, snapshots: readonly Snapshot[]): MergedRecord {
  const versions = lineage.versions.slice(lineage.epochStart);
  const newest = versions[versions.length - 1];
  const fieldSources: Partial<Record<RecordField, number>> = {};
  // Only full snapshots know assignees, dates and notes; the partial one carries names and descriptions.
  const fullVersions = versions.filter((version) => snapshots[version.snapshot].coverage === 'full');
  const pickFull = (field: RecordField, get: (record: SnapshotRecord) => string | null): string | null => {
    for (let i = fullVersions.length - 1; i >= 0; i--) {
      const value = get(fullVersions[i].record);
      if (value !== null) {
        fieldSources[field] = fullVersions[i].snapshot;
        return value;
      }
    }
    return null;
  };
  const name = newest.record.name === '' ? null : newest.record.name;
  if (name !== null) fieldSources.name = newest.snapshot;
  fieldSources.status = newest.snapshot;
  const description = newest.record.description;
  if (description !== null) fieldSources.description = newest.snapshot;
  let references: string[] = [];
  for (let i = fullVersions.length - 1; i >= 0; i--) {
    if (fullVersions[i].record.references.length) {
      references = fullVersions[i].record.references;
      fieldSources.references = fullVersions[i].snapshot;
      break;
    }
  }
  const result: MergedRecord = {
    port: lineage.port,
    portEnd: lineage.portEnd,
    protocol: lineage.protocol,
    status: newest.record.status,
    name,
    description,
    assignee: pickFull('assignee', (r) => r.assignee),
    contact: pickFull('contact', (r) => r.contact),
    registered: pickFull('registered', (r) => r.registered),
    modified: pickFull('modified', (r) => r.modified),
    references,
    notes: pickFull('notes', (r) => r.notes),
    unauthorizedUse: pickFull('unauthorizedUse', (r) => r.unauthorizedUse),
    fieldSources,
    history: [...lineage.history],
  };
  return result;
}
