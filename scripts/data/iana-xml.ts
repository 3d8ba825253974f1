// IANA's official XML (service-names-port-numbers.xml), read with sax so errors carry line numbers.
// Field text keeps IANA's line breaks (<br/>, <paragraph>) and resolves people named inside notes; a DOCTYPE is
// refused outright, so no entity can expand (billion laughs) or reach outside the file (external entities).

import sax from 'sax';
import { DataError, normalizeRow, withoutAddresses, type SnapshotRecord } from './snapshot';

export const REGISTRY_ID = 'service-names-port-numbers';

export interface IanaXml {
  records: SnapshotRecord[];
  updated: string | null; // the registry's own <updated> date, when present
  /** Person id -> the name IANA writes for it (the person's name, else the organisation). */
  people: Map<string, string>;
}

/** A piece of field text: plain text, or a person to name once <people> (at the end of the file) is read. */
type Part = string | { person: string };

interface XmlRecord {
  line: number;
  fields: Record<string, Part[]>; // child element -> text parts
  attributes: Record<string, string>;
  assigneeIds: string[];
  contactIds: string[];
  bareIds: string[]; // person xrefs outside <assignee>/<contact>: the contact, and the assignee when none is given
  references: string[];
}

const RECORD_FIELDS = new Set(['name', 'protocol', 'number', 'description', 'date', 'updated', 'note', 'unauthorized']);

/** "rfc1035" -> "RFC1035"; drafts and other documents keep their own spelling. */
const formatReference = (type: string, data: string): string =>
  type === 'rfc' || /^rfc\d+$/i.test(data) ? data.toUpperCase() : data;

/**
 * A name for a person id with no name or organisation in <people> (or an old id no longer there): the id with
 * spaces for underscores, without the "_2" IANA appends to tell two ids apart.
 */
export const fallbackName = (id: string): string => id.replace(/_\d+$/, '').replace(/_/g, ' ').trim() || id;

const DOCTYPE_REFUSED =
  'DOCTYPE declarations are refused: entities in them could expand without bound or read other files';

export function parseIanaXml(text: string, file: string): IanaXml {
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  const line = () => parser.line + 1; // sax counts lines from 0
  const people = new Map<string, string>();
  const records: XmlRecord[] = [];
  const stack: string[] = [];
  let updated: string | null = null;
  let rootId: string | null | undefined; // undefined until the root element is seen
  let current: XmlRecord | null = null;
  let person: { id: string; name: string; org: string } | null = null;
  // Text being collected: a record field (with nested markup), a record-level text xref, or a person's name/org.
  // xrefs open inside the field, each true when it has data (its own text, a title, is then left out).
  let field: { name: string; parts: Part[]; xrefs: boolean[] } | null = null;
  let textXref: string[] | null = null;
  let personText: string | null = null;

  const fail = (problem: string): never => {
    throw new DataError(file, line(), problem);
  };
  parser.onerror = (error) => fail(`XML is not well-formed: ${error.message.split('\n')[0]}`);
  parser.ondoctype = () => fail(DOCTYPE_REFUSED);
  parser.onopentag = (node) => {
    const name = node.name.replace(/^.*:/, '');
    const attributes = node.attributes as Record<string, string>;
    const parent = stack[stack.length - 1];
    if (rootId === undefined) {
      rootId = name === 'registry' ? (attributes.id ?? null) : null;
      if (name !== 'registry') fail(`the root element is <${name}>, not <registry>: not an IANA registry file`);
      if (rootId !== REGISTRY_ID) fail(`this is the registry "${rootId ?? '(no id)'}", not IANA's "${REGISTRY_ID}"`);
    }
    stack.push(name);
    if (field) {
      if (name === 'br') field.parts.push('\n');
      else if (name === 'paragraph' && field.parts.length > 0) field.parts.push('\n');
      else if (name === 'xref') {
        const data = attributes.data ?? '';
        if (attributes.type === 'person' && data) field.parts.push({ person: data });
        else if (data) field.parts.push(formatReference(attributes.type ?? '', data));
        field.xrefs.push(data !== '');
      }
      return;
    }
    if (name === 'record' && stack.includes('registry') && !stack.includes('people')) {
      current = { line: line(), fields: {}, attributes, assigneeIds: [], contactIds: [], bareIds: [], references: [] };
    } else if (current && parent === 'record' && RECORD_FIELDS.has(name)) {
      field = { name, parts: [], xrefs: [] };
    } else if (name === 'xref' && current) {
      const type = attributes.type ?? '';
      const data = attributes.data ?? '';
      if (type === 'person') {
        if (data === '') fail('<xref type="person"> has no data attribute');
        if (parent === 'assignee') current.assigneeIds.push(data);
        else if (parent === 'contact') current.contactIds.push(data);
        else current.bareIds.push(data);
      } else if (type === 'note') {
        // A pointer to one of the registry's footnotes, not a reference of its own.
      } else if (data !== '') {
        current.references.push(formatReference(type, data));
      } else {
        textXref = []; // <xref type="text">ISO/IEC 13818-6 MPEG-2 DSM-CC</xref>
      }
    } else if (name === 'person' && stack.includes('people')) {
      if (!attributes.id) fail('<person> has no id attribute');
      person = { id: attributes.id, name: '', org: '' };
    } else if (person && parent === 'person' && (name === 'name' || name === 'org')) {
      personText = '';
    }
  };
  parser.ontext = parser.oncdata = (chunk) => {
    if (field) {
      if (!field.xrefs.includes(true)) field.parts.push(chunk);
    } else if (textXref) textXref.push(chunk);
    else if (personText !== null) personText += chunk;
    else if (stack[stack.length - 1] === 'updated' && stack.length === 2) updated ??= chunk.trim();
  };
  parser.onclosetag = () => {
    const name = stack.pop()!;
    if (field) {
      if (name === 'xref') field.xrefs.pop();
      else if (name === 'paragraph') field.parts.push('\n');
      else if (name === field.name && stack[stack.length - 1] === 'record' && current) {
        const before = current.fields[field.name];
        current.fields[field.name] = before ? [...before, '\n', ...field.parts] : field.parts;
        field = null;
      }
      return;
    }
    if (name === 'xref' && textXref) {
      const reference = withoutAddresses(textXref.join('')).replace(/\s+/g, ' ').trim();
      if (reference !== '' && !/^n\/a$/i.test(reference)) current!.references.push(reference);
      textXref = null;
    } else if (name === 'record' && current) {
      records.push(current);
      current = null;
    } else if (person && (name === 'name' || name === 'org') && personText !== null) {
      person[name] = personText.replace(/\s+/g, ' ').trim();
      personText = null;
    } else if (name === 'person' && person) {
      people.set(person.id, person.name || person.org || fallbackName(person.id));
      person = null;
    }
  };

  // Refused before parsing, at the line where the declaration starts (sax reports where it ends).
  const declaration = /<!(DOCTYPE|ENTITY)\b/i.exec(text);
  if (declaration) {
    throw new DataError(file, text.slice(0, declaration.index).split('\n').length, DOCTYPE_REFUSED);
  }
  parser.write(text).close();
  if (rootId === undefined) throw new DataError(file, 1, 'no <registry> element: not an IANA registry file');
  if (records.length === 0) throw new DataError(file, 1, 'the registry has no <record> elements');

  const nameOf = (id: string) => people.get(id) ?? fallbackName(id);
  const names = (ids: string[]) => ids.map(nameOf).join(', ');
  // Line breaks as IANA's text gives them, one per break; indentation and runs of spaces as one space.
  const textOf = (parts: Part[] | undefined) =>
    (parts ?? [])
      .map((part) => (typeof part === 'string' ? part : nameOf(part.person)))
      .join('')
      .replace(/[ \t]*\n\s*/g, '\n')
      .replace(/[ \t]+/g, ' ');
  const result: SnapshotRecord[] = [];
  for (const record of records) {
    const assigneeIds = record.assigneeIds.length ? record.assigneeIds : record.bareIds;
    const contactIds = record.contactIds.length ? record.contactIds : record.bareIds;
    const rows = normalizeRow(
      {
        name: textOf(record.fields.name),
        port: textOf(record.fields.number),
        protocol: textOf(record.fields.protocol),
        description: textOf(record.fields.description),
        assignee: names(assigneeIds),
        contact: names(contactIds),
        // Both spellings occur in IANA registries: child elements and record attributes.
        registered: textOf(record.fields.date) || (record.attributes.date ?? ''),
        modified: textOf(record.fields.updated) || (record.attributes.updated ?? ''),
        references: [...new Set(record.references)],
        notes: textOf(record.fields.note),
        unauthorizedUse: textOf(record.fields.unauthorized),
        line: record.line,
      },
      file,
    );
    for (const row of rows) {
      row.assigneeIds = assigneeIds;
      row.contactIds = contactIds;
    }
    result.push(...rows);
  }
  if (updated !== null && !/^\d{4}-\d{2}-\d{2}$/.test(updated)) {
    throw new DataError(file, 1, `registry <updated> "${updated}" is not YYYY-MM-DD`);
  }
  return { records: result, updated, people };
}
