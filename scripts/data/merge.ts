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

const personKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .replace(/[^a-z]/g, '');
/** IANA's person ids are cut at 20 characters ("Jon_Ingi_Ingimundars"): a prefix is the same person. */
const sameName = (a: string, b: string) => {
  const [x, y] = [personKey(a), personKey(b)];
  return x.startsWith(y) || y.startsWith(x);
};

/**
 * Whether two versions name the same holder. Sources that name people by IANA's ids (the CSVs, the XML) are
 * compared by id; the 2008 text file has only names, compared with the other side's names and ids.
 */
function sameHolder(previous: SnapshotRecord, record: SnapshotRecord): boolean {
  const [a, b] = [previous.assigneeIds ?? [], record.assigneeIds ?? []];
  if (a.length > 0 && b.length > 0 && a.length === b.length && a.every((id) => b.includes(id))) return true;
  // A new id may name the same holder ("Google" -> "Google Inc."): the names decide then.
  const spellings = (version: SnapshotRecord) => [
    version.assignee ?? '',
    (version.assigneeIds ?? []).join(' ').replace(/_/g, ' '),
  ];
  // The 2008 file writes changes of contact as "Previous Contact: A, Current Contact: B": B is the same holder.
  const within = (x: string, y: string) =>
    a.length === 0 && personKey(y).length > 3 && personKey(x).includes(personKey(y));
  return spellings(previous).some(
    (x) => x !== '' && spellings(record).some((y) => y !== '' && (sameName(x, y) || within(x, y))),
  );
}

/** Descriptions differ only in line breaks or spacing: not a change. */
const sameText = (a: string | null, b: string | null) =>
  (a ?? '').replace(/\s+/g, ' ').trim() === (b ?? '').replace(/\s+/g, ' ').trim();

/**
 * One service gone and another new on a slot between two full snapshots. It is the same service under a new
 * name when the description or the holder stayed, or the new description says it replaces the old name;
 * otherwise the slot was given to something else.
 */
function isRename(previous: SnapshotRecord, record: SnapshotRecord): boolean {
  if (previous.status !== 'assigned' || record.status !== 'assigned' || previous.name === '' || record.name === '')
    return false;
  if (sameText(previous.description?.toLowerCase() ?? null, record.description?.toLowerCase() ?? null)) return true;
  if ((previous.assigneeIds?.length ?? 0) > 0 && sameHolder(previous, record)) return true;
  return (record.description ?? '').toLowerCase().includes(`replacement for "${previous.name.toLowerCase()}"`);
}

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
    const sameService = previous.name.toLowerCase() === record.name.toLowerCase();
    if (!sameService && isRename(previous, record)) {
      change('renamed', previous.name, record.name);
      if (!sameText(previous.description, record.description))
        change('description', previous.description, record.description);
    } else if (!sameService || previous.status !== record.status) {
      if (previous.status === 'assigned' && record.status !== 'assigned') {
        change('deassigned', label(previous), STATUS_WORD[record.status]);
      } else if (previous.status !== 'assigned' && record.status === 'assigned') {
        change('assigned', STATUS_WORD[previous.status], label(record));
      } else if (!sameService) {
        change('replaced', label(previous), label(record));
      } else {
        change('status', previous.status, record.status);
      }
      // A new assignment of the slot: the old one's assignee, dates and notes are not this one's.
      lineage.epochStart = lineage.versions.length;
    } else {
      if (previous.name !== record.name) change('renamed', previous.name, record.name);
      if (!sameText(previous.description, record.description)) {
        change('description', previous.description, record.description);
      }
      if (fullBoth && previous.assignee !== null && record.assignee !== null && !sameHolder(previous, record)) {
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
          (lineage) =>
            lineage.versions[lineage.versions.length - 1].record.name.toLowerCase() === record.name.toLowerCase(),
        );
        if (match) {
          unmatched.delete(match);
          addVersion(
            match,
            index,
            record,
            full && snapshots[match.versions[match.versions.length - 1].snapshot].coverage === 'full',
          );
        } else {
          fresh.push(record);
        }
      }
      // One service gone and one new on the same slot: renamed, re-assigned or de-assigned, one story. The
      // partial snapshot keeps one service per slot, so a service missing from it proves nothing; a slot it
      // lists as Reserved or Unassigned has no service left.
      const emptied = (list: SnapshotRecord[]) => list.every((record) => record.status !== 'assigned');
      if (fresh.length === 1 && unmatched.size === 1 && (full || emptied(fresh))) {
        const [lineage] = unmatched;
        unmatched.clear();
        addVersion(lineage, index, fresh.pop()!, false);
      }
      // A full snapshot lists everything; the partial one only proves removal where it lists the slot empty.
      const provesRemoval = full || (snapshot.listedSlots.has(slot) && emptied(records));
      const stillAlive = alive.filter((lineage) => !unmatched.has(lineage) || !provesRemoval);
      for (const lineage of alive) {
        const last = lineage.versions[lineage.versions.length - 1];
        if (unmatched.has(lineage) && provesRemoval && last.record.status !== 'assigned') {
          // A reserved or unassigned entry that a full snapshot no longer lists: nothing was taken away. The
          // partial snapshot has no notes, so it never retires one.
          if (full) lineage.alive = false;
          else stillAlive.push(lineage);
        } else if (unmatched.has(lineage) && provesRemoval) {
          lineage.alive = false;
          lineage.history.push({
            snapshot: index,
            kind: 'removed',
            a: label(last.record),
            b: snapshots[last.snapshot].id,
          });
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
    const added = firstListing(lineage, merged, snapshots);
    if (added) merged.history.push(added);
    // Removed services on this slot are part of its story.
    for (const closed of closedBySlot.get(lineage.slot) ?? [])
      merged.history.push(...closed.history.filter((h) => h.kind === 'removed'));
    merged.history.sort((x, y) => x.snapshot - y.snapshot);
    if (isPlainUnassigned(lineage.versions[lineage.versions.length - 1].record) && merged.history.length === 0)
      continue;
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

/**
 * "First listed" for a service the full snapshot before it did not list, unless its registration date (after
 * that snapshot) already tells; a service on a new protocol says "added on" instead.
 */
function firstListing(lineage: Lineage, merged: MergedRecord, snapshots: readonly Snapshot[]): MergedHistory | null {
  const first = lineage.versions[0].snapshot;
  if (merged.status !== 'assigned') return null;
  if (lineage.history.some((entry) => entry.kind === 'protocol-added' && entry.snapshot === first)) return null;
  let before = first - 1;
  while (before >= 0 && snapshots[before].coverage !== 'full') before--;
  if (before < 0) return null;
  if (merged.registered !== null && merged.registered > snapshots[before].asOf) return null;
  return { snapshot: first, kind: 'added', a: snapshots[before].id, b: null };
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
  // The newest full snapshot vouches for the status (the card dates older facts against it), unless it changed since.
  const newestFull = fullVersions[fullVersions.length - 1];
  fieldSources.status =
    newestFull && newestFull.record.status === newest.record.status ? newestFull.snapshot : newest.snapshot;
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
