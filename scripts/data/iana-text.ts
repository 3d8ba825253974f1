// IANA's old plain-text "port-numbers" file (until 2008): fixed tables of `name  port/proto  description`,
// each group of rows followed by comment lines naming the contact, e-mail and often a month and year.

import { DataError, PROTOCOL_SET, statusOf, type SnapshotRecord } from './snapshot';
import type { Protocol } from '../../lib/types';
import { noIanaDetails } from '../../lib/registry-format';

export interface IanaText {
  records: SnapshotRecord[];
  updated: string; // from "(last updated 2008-05-22)"
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DATE_IN_COMMENT = new RegExp(`(?:\\b(\\d{1,2})\\s+)?\\b(${MONTHS.join('|')})\\s+(\\d{4})\\b`, 'i');
const TABLE_START = /^#?\s*-------\s+-------/;
const RECORD = /^(\S*)\s+(\d+)(?:-(\d+))?(?:\/(\w+))?(?:\s+(.*))?$/; // no protocol: tcp and udp
const COMMENTED_PORT = /^#+\s*\S*\s+\d+(?:-\d+)?(?:\/\w+)?\s/;
const UNAUTHORIZED = /^#+\s+(\d+)\s+(Unauthorized use .*)$/i;
const PERSON = /^#\s*(.*?)\s*<([^>]*)>\s*(.*)$/;
const BARE_NAME = /^#\s+([A-Za-z][A-Za-z .'()-]*[A-Za-z.)])\s*$/;
const REFERENCE = /\[((?:RFC|draft)[^\]]*)\]/gi;

/** "March 2003" -> "2003-03"; "28 September 2007" -> "2007-09-28". */
function dateFromComment(text: string): string | null {
  const match = DATE_IN_COMMENT.exec(text);
  if (!match) return null;
  const month = String(MONTHS.indexOf(match[2].toLowerCase()) + 1).padStart(2, '0');
  const day = match[1] ? `-${match[1].padStart(2, '0')}` : '';
  return `${match[3]}-${month}${day}`;
}

const referencesIn = (text: string): string[] =>
  [...text.matchAll(REFERENCE)].map((m) =>
    m[1]
      .replace(/\.txt$/, '')
      .replace(/^RFC-/, 'draft-')
      .trim(),
  );

/**
 * Parse the file. A comment block applies to every row since the previous comment block (the file lists
 * tcp and udp, or several related ports, above one contact). E-mail addresses are read but not kept.
 */
export function parseIanaText(text: string, file: string): IanaText {
  const lines = text.split(/\r?\n/);
  const updatedMatch = /\(last updated (\d{4}-\d{2}-\d{2})\)/.exec(lines.slice(0, 20).join('\n'));
  if (!updatedMatch) throw new DataError(file, 1, 'no "(last updated YYYY-MM-DD)" line near the top');

  const records: SnapshotRecord[] = [];
  let inTable = false;
  let group: SnapshotRecord[] = [];
  let groupHasComment = false;
  let pendingName: string | null = null;

  lines.forEach((rawLine, index) => {
    const lineNumber = index + 1;
    const line = rawLine.replace(/\s+$/, '');
    if (TABLE_START.test(line)) {
      inTable = true;
      return;
    }
    if (!inTable) return;
    if (line === '') {
      inTable = false; // a blank line ends a table; prose follows
      group = [];
      return;
    }
    if (line.startsWith('#')) {
      groupHasComment = true;
      const unauthorized = UNAUTHORIZED.exec(line);
      if (unauthorized) {
        for (const record of group)
          if (record.port === Number(unauthorized[1])) record.unauthorizedUse = unauthorized[2];
        return;
      }
      if (COMMENTED_PORT.test(line)) return; // Unassigned / removed / previously-assigned rows
      for (const reference of referencesIn(line)) {
        for (const record of group) if (!record.references.includes(reference)) record.references.push(reference);
      }
      const person = PERSON.exec(line);
      if (person) {
        let name = person[1].replace(/[,;]+$/, '').trim();
        if (name === '' && pendingName) name = pendingName;
        pendingName = null;
        const date = dateFromComment(person[3]) ?? dateFromComment(name);
        if (date) name = name.replace(DATE_IN_COMMENT, '').trim();
        for (const record of group) {
          if (name !== '') {
            record.assignee = record.assignee ? `${record.assignee}, ${name}` : name;
            record.contact = record.assignee;
          }
          if (date && record.registered === null) record.registered = date;
        }
        return;
      }
      const bare = BARE_NAME.exec(line);
      pendingName = bare && !/^unknown contact$/i.test(bare[1]) ? bare[1] : null;
      return;
    }

    const match = RECORD.exec(line);
    if (!match)
      throw new DataError(
        file,
        lineNumber,
        `expected "name port/protocol description", got ${JSON.stringify(line.trim().slice(0, 60))}`,
      );
    const [, name, from, to, protocolText = '', rest = ''] = match;
    const protocols = protocolText === '' ? ['tcp', 'udp'] : [protocolText.toLowerCase()];
    if (!PROTOCOL_SET.has(protocols[0]))
      throw new DataError(file, lineNumber, `transport protocol "${protocolText}" is not tcp, udp, sctp or dccp`);
    const port = Number(from);
    const portEnd = to === undefined ? port : Number(to);
    if (port > 65535 || portEnd > 65535)
      throw new DataError(file, lineNumber, `port number ${to ?? from} is above 65535`);
    if (portEnd < port) throw new DataError(file, lineNumber, `port range ${from}-${to} ends before it starts`);
    if (groupHasComment) {
      group = [];
      groupHasComment = false;
    }
    pendingName = null;
    const references = referencesIn(rest);
    const description = rest.replace(REFERENCE, '').replace(/\s+/g, ' ').trim() || null;
    for (const protocol of protocols) {
      const record: SnapshotRecord = {
        port,
        portEnd,
        protocol: protocol as Protocol,
        status: statusOf(name, description),
        name,
        description,
        ...noIanaDetails(),
        references,
        line: lineNumber,
      };
      group.push(record);
      records.push(record);
    }
  });
  return { records, updated: updatedMatch[1] };
}
