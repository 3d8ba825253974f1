// IANA's official XML (service-names-port-numbers.xml), read with sax so errors carry line numbers.

import sax from 'sax';
import { DataError, normalizeRow, type SnapshotRecord } from './snapshot';

export interface IanaXml {
  records: SnapshotRecord[];
  updated: string | null; // the registry's own <updated> date, when present
}

interface XmlRecord {
  line: number;
  text: Record<string, string>; // child element -> text
  attributes: Record<string, string>;
  assigneeIds: string[];
  contactIds: string[];
  bareIds: string[]; // person xrefs outside <assignee>/<contact>: older files use them for both
  references: string[];
}

const RECORD_FIELDS = new Set(['name', 'protocol', 'number', 'description', 'date', 'updated', 'note', 'unauthorized']);

/** "rfc1035" -> "RFC1035"; drafts and other documents keep their own spelling. */
const formatReference = (type: string, data: string): string =>
  type === 'rfc' || /^rfc\d+$/i.test(data) ? data.toUpperCase() : data;

export function parseIanaXml(text: string, file: string): IanaXml {
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  const line = () => parser.line + 1; // sax counts lines from 0
  const people = new Map<string, string>();
  const records: XmlRecord[] = [];
  const stack: string[] = [];
  let updated: string | null = null;
  let current: XmlRecord | null = null;
  let person: { id: string; name: string } | null = null;
  let textBuffer = '';
  let sawRegistry = false;

  parser.onerror = (error) => {
    throw new DataError(file, line(), `XML is not well-formed: ${error.message.split('\n')[0]}`);
  };
  parser.onopentag = (node) => {
    const name = node.name.replace(/^.*:/, '');
    const attributes = node.attributes as Record<string, string>;
    const parent = stack[stack.length - 1];
    stack.push(name);
    textBuffer = '';
    if (name === 'registry') sawRegistry = true;
    if (name === 'record' && stack.includes('registry')) {
      current = { line: line(), text: {}, attributes, assigneeIds: [], contactIds: [], bareIds: [], references: [] };
    } else if (name === 'person' && stack.includes('people')) {
      if (!attributes.id) throw new DataError(file, line(), '<person> has no id attribute');
      person = { id: attributes.id, name: '' };
    } else if (name === 'xref' && current) {
      const type = attributes.type ?? '';
      const data = attributes.data ?? '';
      if (data === '') throw new DataError(file, line(), `<xref type="${type}"> has no data attribute`);
      if (type === 'person') {
        if (parent === 'assignee') current.assigneeIds.push(data);
        else if (parent === 'contact') current.contactIds.push(data);
        else current.bareIds.push(data);
      } else {
        current.references.push(formatReference(type, data));
      }
    }
  };
  parser.ontext = (chunk) => {
    textBuffer += chunk;
  };
  parser.oncdata = (chunk) => {
    textBuffer += chunk;
  };
  parser.onclosetag = () => {
    const name = stack.pop()!;
    const parent = stack[stack.length - 1];
    if (current && parent === 'record' && RECORD_FIELDS.has(name)) {
      current.text[name] = (current.text[name] ? current.text[name] + '\n' : '') + textBuffer;
    } else if (name === 'record' && current) {
      records.push(current);
      current = null;
    } else if (person && parent === 'person' && name === 'name') {
      person.name = textBuffer.trim();
    } else if (name === 'person' && person) {
      people.set(person.id, person.name || person.id.replace(/_/g, ' '));
      person = null;
    } else if (name === 'updated' && parent === 'registry' && !stack.includes('record')) {
      updated ??= textBuffer.trim();
    }
    textBuffer = '';
  };

  parser.write(text).close();
  if (!sawRegistry) {
    throw new DataError(file, 1, 'no <registry> element: not an IANA registry file');
  }

  // People are defined at the end of the file, so names resolve after the whole file is read.
  const names = (ids: string[]) => ids.map((id) => people.get(id) ?? id.replace(/_/g, ' ')).join(', ');
  const result: SnapshotRecord[] = [];
  for (const record of records) {
    const assigneeIds = record.assigneeIds.length ? record.assigneeIds : record.bareIds;
    const contactIds = record.contactIds.length ? record.contactIds : record.bareIds;
    result.push(
      ...normalizeRow(
        {
          name: record.text.name ?? '',
          port: record.text.number ?? '',
          protocol: record.text.protocol ?? '',
          description: record.text.description ?? '',
          assignee: names(assigneeIds),
          contact: names(contactIds),
          // Both spellings occur in IANA registries: child elements and record attributes.
          registered: record.text.date ?? record.attributes.date ?? '',
          modified: record.text.updated ?? record.attributes.updated ?? '',
          references: record.references,
          notes: record.text.note ?? '',
          unauthorizedUse: record.text.unauthorized ?? '',
          line: record.line,
        },
        file,
      ),
    );
  }
  if (updated !== null && !/^\d{4}-\d{2}-\d{2}$/.test(updated)) {
    throw new DataError(file, 1, `registry <updated> "${updated}" is not YYYY-MM-DD`);
  }
  return { records: result, updated };
}
