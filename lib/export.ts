// The port list as the table an analyst pastes into a report: Markdown, CSV (RFC 4180) or JSON.
// Pure. Every cell may hold page-controlled text (the page URL) or registry text, so each format escapes it.
import { rowPortText, type PortListRow } from './port-list';

export type ExportFormat = 'markdown' | 'csv' | 'json';

export interface ExportMeta {
  /** The page the ports were found on; null for pasted text. */
  pageUrl: string | null;
  /** When the list was taken. */
  date: Date;
  /** Date of the registry snapshot the IANA names come from, when known. */
  registryAsOf?: string;
}

export const EXPORT_COLUMNS = [
  'port',
  'protocol',
  'iana_service',
  'likely_software',
  'mentions',
  'page_url',
  'date',
] as const;

/** "2026-12-02T16:05:09Z": to the second, in UTC, so two readers in two zones agree. */
export function exportDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function cells(row: PortListRow, meta: ExportMeta): string[] {
  return [
    rowPortText(row, '-'),
    row.protocols.join('/'),
    row.service ?? '',
    row.software ?? '',
    String(row.mentions),
    meta.pageUrl ?? '',
    exportDate(meta.date),
  ];
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some strip first) as a
 * formula: such a cell gets a leading apostrophe, the OWASP advice, so it is shown as the text it is.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled. */
function csvField(cell: string): string {
  const safe = neutraliseFormula(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly PortListRow[], meta: ExportMeta): string {
  const lines = [EXPORT_COLUMNS.join(','), ...rows.map((row) => cells(row, meta).map(csvField).join(','))];
  return lines.map((line) => `${line}\r\n`).join('');
}

/** Text in a Markdown table cell or line: no line breaks, and Markdown and HTML syntax taken literally. */
export function markdownText(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_[\]<>|~&]/g, '\\$&')
    .trim();
}

export function toMarkdown(rows: readonly PortListRow[], meta: ExportMeta): string {
  const where = meta.pageUrl === null ? 'Ports in pasted text' : `Ports on ${markdownText(meta.pageUrl)}`;
  const lines = [
    `${where} (${exportDate(meta.date)})`,
    '',
    '| Port | Protocol | IANA service | Likely software | Mentions |',
    '| ---: | --- | --- | --- | ---: |',
    ...rows.map((row) => {
      const [port, protocol, service, software, mentions] = cells(row, meta).map(markdownText);
      return `| ${port} | ${protocol} | ${service} | ${software} | ${mentions} |`;
    }),
    '',
    meta.registryAsOf
      ? `IANA service names from the IANA registry as of ${markdownText(meta.registryAsOf)}; likely software is curated, not IANA.`
      : 'IANA service names from the IANA registry; likely software is curated, not IANA.',
  ];
  return `${lines.join('\n')}\n`;
}

export function toJson(rows: readonly PortListRow[], meta: ExportMeta): string {
  return `${JSON.stringify(
    {
      pageUrl: meta.pageUrl,
      date: exportDate(meta.date),
      ...(meta.registryAsOf ? { registryAsOf: meta.registryAsOf } : {}),
      ports: rows.map((row) => ({
        port: row.port,
        ...(row.portEnd > row.port ? { portEnd: row.portEnd } : {}),
        protocols: row.protocols,
        ianaService: row.service,
        likelySoftware: row.software,
        mentions: row.mentions,
      })),
    },
    null,
    2,
  )}\n`;
}

export function exportRows(format: ExportFormat, rows: readonly PortListRow[], meta: ExportMeta): string {
  switch (format) {
    case 'markdown':
      return toMarkdown(rows, meta);
    case 'csv':
      return toCsv(rows, meta);
    case 'json':
      return toJson(rows, meta);
  }
}
