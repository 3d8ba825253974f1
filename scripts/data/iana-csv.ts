// IANA's official CSV (service-names-port-numbers.csv): RFC 4180 quoting, fields may span lines.

import {
  DataError,
  idsFromBrackets,
  normalizeRow,
  referencesFromBrackets,
  peopleFromIds,
  type SnapshotRecord,
} from './snapshot';

export interface CsvRow {
  fields: string[];
  line: number; // 1-based line where the row starts
}

/** Split CSV text into rows; quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string, file: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark
  let atFieldStart = true;
  const endRow = () => {
    fields.push(field);
    // A blank line is not a row.
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ fields, line: rowLine });
    fields = [];
    field = '';
    atFieldStart = true;
  };
  while (i < text.length) {
    const ch = text[i];
    if (atFieldStart && ch === '"') {
      const quoteLine = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new DataError(file, quoteLine, 'quoted field is never closed');
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new DataError(file, line, `unexpected ${JSON.stringify(next)} after a closing quote`);
      }
      atFieldStart = false;
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      if (ch === '"') throw new DataError(file, line, 'stray quote inside an unquoted field');
      field += ch;
      atFieldStart = false;
      i++;
    }
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

// Column names as IANA spells them now; the 2014 file says "Known Unauthorized Uses" for the same column.
const COLUMNS = {
  name: ['Service Name'],
  port: ['Port Number'],
  protocol: ['Transport Protocol'],
  description: ['Description'],
  assignee: ['Assignee'],
  contact: ['Contact'],
  registered: ['Registration Date'],
  modified: ['Modification Date'],
  reference: ['Reference'],
  serviceCode: ['Service Code'],
  unauthorized: ['Unauthorized Use Reported', 'Known Unauthorized Uses'],
  notes: ['Assignment Notes'],
} as const;

/** Parse the official CSV; throws DataError with the line of the first malformed row. */
export function parseIanaCsv(text: string, file: string): SnapshotRecord[] {
  const rows = parseCsv(text, file);
  if (rows.length === 0) throw new DataError(file, 1, 'file is empty');
  const header = rows[0].fields.map((name) => name.trim());
  const column = {} as Record<keyof typeof COLUMNS, number>;
  for (const [key, names] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, readonly string[]][]) {
    const index = header.findIndex((name) => names.includes(name));
    if (index < 0) throw new DataError(file, rows[0].line, `header has no "${names[0]}" column`);
    column[key] = index;
  }
  const records: SnapshotRecord[] = [];
  for (const row of rows.slice(1)) {
    if (row.fields.length !== header.length) {
      throw new DataError(file, row.line, `row has ${row.fields.length} fields, the header has ${header.length}`);
    }
    const get = (key: keyof typeof COLUMNS) => row.fields[column[key]];
    const rows = normalizeRow(
      {
        name: get('name'),
        port: get('port'),
        protocol: get('protocol'),
        description: get('description'),
        assignee: peopleFromIds(get('assignee')) ?? '',
        contact: peopleFromIds(get('contact')) ?? '',
        registered: get('registered'),
        modified: get('modified'),
        references: referencesFromBrackets(get('reference')),
        notes: get('notes'),
        unauthorizedUse: get('unauthorized'),
        line: row.line,
      },
      file,
    );
    for (const record of rows) {
      record.assigneeIds = idsFromBrackets(get('assignee'));
      record.contactIds = idsFromBrackets(get('contact'));
    }
    records.push(...rows);
  }
  return records;
}

/** The CSV carries no "as of" date: the newest registration or modification date in it is the best bound. */
export function latestDate(records: readonly SnapshotRecord[]): string | null {
  let latest: string | null = null;
  for (const record of records) {
    for (const date of [record.registered, record.modified]) {
      if (date !== null && (latest === null || date > latest)) latest = date;
    }
  }
  return latest;
}
