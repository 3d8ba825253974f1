// The generated registry checked record by record against IANA's XML, read here on its own terms (a plain
// pattern reading of the file, not the build's parser), so a parser or merge mistake shows as a difference.
// Used by test/data-truth.test.ts and `npm run data:truth`, which prints the figures and the differences.

import type { Registry } from '../../lib/registry';
import type { PortRecord, Protocol } from '../../lib/types';

interface XmlRecord {
  line: number;
  name: string | null;
  protocols: Protocol[];
  port: number;
  portEnd: number;
  description: string | null;
  registered: string | null;
  modified: string | null;
  assignee: string | null;
  contact: string | null;
  references: string[];
  notes: string | null;
  unauthorized: string | null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) =>
    name[0] === '#'
      ? String.fromCodePoint(Number(name[1] === 'x' ? `0${name.slice(1)}` : name.slice(1)))
      : (ENTITIES[name] ?? whole),
  );
/** Compared without regard to line breaks and spacing, which the formats spell differently. */
export const flat = (text: string | null | undefined): string | null => {
  const value = (text ?? '').replace(/\s+/g, ' ').trim();
  return value === '' ? null : value;
};

export function readXml(xml: string): { updated: string; records: XmlRecord[] } {
  const peopleStart = xml.indexOf('<people>');
  const people = new Map<string, string>();
  for (const match of xml.slice(peopleStart).matchAll(/<person id="([^"]+)">([\s\S]*?)<\/person>/g)) {
    const name = /<name>([\s\S]*?)<\/name>/.exec(match[2])?.[1];
    const org = /<org>([\s\S]*?)<\/org>/.exec(match[2])?.[1];
    const id = decodeEntities(match[1]);
    people.set(id, flat(decodeEntities(name ?? org ?? '')) ?? id.replace(/_/g, ' '));
  }
  const nameOf = (id: string) => people.get(id) ?? id.replace(/_/g, ' ');
  const records: XmlRecord[] = [];
  const body = xml.slice(0, peopleStart);
  let line = 1;
  let counted = 0;
  for (const match of body.matchAll(/<record([^>]*)>([\s\S]*?)<\/record>/g)) {
    for (; counted < match.index; counted++) if (body.charCodeAt(counted) === 10) line++;
    const [, attributes, inner] = match;
    const element = (tag: string) => {
      const found = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(inner)?.[1];
      if (found === undefined) return null;
      const text = found
        .replace(/<xref type="person" data="([^"]+)"\s*\/>/g, (_, id: string) => nameOf(decodeEntities(id)))
        .replace(/<xref type="rfc" data="([^"]+)"\s*\/>/g, (_, rfc: string) => rfc.toUpperCase())
        .replace(/<xref type="\w+" data="([^"]+)"\s*\/>/g, '$1')
        .replace(/<[^>]+>/g, ' ');
      return flat(decodeEntities(text));
    };
    const number = element('number');
    if (number === null) continue; // a service name without a port
    const [from, to] = number.split('-').map(Number);
    const protocol = element('protocol');
    // Only the record's own xrefs: those inside <note> or <description> are part of that text.
    const own = inner.replace(/<(note|description)>[\s\S]*?<\/\1>/g, '');
    const assigneeBlock = /<assignee>([\s\S]*?)<\/assignee>/.exec(own)?.[1] ?? '';
    const personIds = (text: string) =>
      [...text.matchAll(/<xref type="person" data="([^"]+)"/g)].map((m) => decodeEntities(m[1]));
    const bare = personIds(own.replace(/<assignee>[\s\S]*?<\/assignee>/, ''));
    const assigneeIds = assigneeBlock ? personIds(assigneeBlock) : bare;
    const references: string[] = [];
    for (const xref of own.matchAll(/<xref type="(\w+)"(?: data="([^"]*)")?[^>]*?(?:\/>|>([\s\S]*?)<\/xref>)/g)) {
      const [, type, data, text] = xref;
      if (type === 'person' || type === 'note') continue;
      const reference = data
        ? type === 'rfc'
          ? data.toUpperCase()
          : decodeEntities(data)
        : flat(decodeEntities(text ?? '').replace(/<[^<>\s]*[@&][^<>\s]*>/g, ' '));
      if (reference && reference !== 'n/a' && !references.includes(reference)) references.push(reference);
    }
    const date = (attribute: string) =>
      new RegExp(`${attribute}="([^"]+)"`).exec(attributes)?.[1] ?? element(attribute === 'date' ? 'date' : 'updated');
    records.push({
      line,
      name: element('name'),
      protocols: protocol ? [protocol as Protocol] : ['tcp', 'udp'],
      port: from,
      portEnd: to ?? from,
      description: element('description'),
      registered: date('date'),
      modified: date('updated'),
      assignee: assigneeIds.length ? assigneeIds.map(nameOf).join(', ') : null,
      contact: bare.length ? bare.map(nameOf).join(', ') : null,
      references,
      notes: element('note'),
      unauthorized: element('unauthorized'),
    });
  }
  const updated = /<updated>([^<]+)<\/updated>/.exec(xml)?.[1] ?? '';
  return { updated, records };
}

export interface Figure {
  what: string;
  agree: number;
  checked: number;
  differences: string[]; // "port/protocol name: expected … got …", first few of each
}

const COMPARED = [
  'name',
  'description',
  'registered',
  'modified',
  'assignee',
  'contact',
  'references',
  'notes',
  'unauthorized',
] as const;

/**
 * Each figure: how many checks agree. A registry fact counts as what IANA says now only when its source is at
 * least as new as the XML; facts that only older snapshots had must be absent from the XML (they are shown as
 * "in 2008: …"), so they count as null here.
 */
export function compareWithXml(registry: Registry, xml: string): { updated: string; figures: Figure[] } {
  const { updated, records } = readXml(xml);
  const figures = new Map<string, Figure>();
  const count = (what: string, ok: boolean, difference: () => string) => {
    const figure = figures.get(what) ?? { what, agree: 0, checked: 0, differences: [] };
    figures.set(what, figure);
    figure.checked++;
    if (ok) figure.agree++;
    else figure.differences.push(difference());
  };
  const current = (record: PortRecord, field: keyof PortRecord) => {
    const supplier = record.sources
      .filter((s) => s.fields?.includes(field as string))
      .sort((a, b) => (a.asOf < b.asOf ? 1 : -1))[0];
    return supplier && supplier.asOf >= updated ? record[field] : null;
  };
  const slotServices = new Map<string, string[]>();
  for (const record of records) {
    for (const protocol of record.protocols) {
      const slot = `${record.port}-${record.portEnd}/${protocol}`;
      if (record.name) slotServices.set(slot, [...(slotServices.get(slot) ?? []), record.name]);
    }
  }

  for (const record of records) {
    for (const protocol of record.protocols) {
      const where = `${record.port === record.portEnd ? record.port : `${record.port}-${record.portEnd}`}/${protocol}`;
      const onSlot = registry
        .lookupPort(record.port)
        .filter((r) => r.protocol === protocol && r.port === record.port && r.portEnd === record.portEnd);
      const plainUnassigned =
        !record.name && /^unassigned$/i.test(record.description ?? '') && !record.notes && !record.unauthorized;
      if (plainUnassigned) {
        count(
          'unassigned slots answered as unassigned',
          !onSlot.some((r) => r.status === 'assigned'),
          () => `${where}: assigned in the registry`,
        );
        continue;
      }
      const match = record.name
        ? onSlot.find((r) => r.name?.toLowerCase() === record.name!.toLowerCase())
        : onSlot.find(
            (r) => r.name === null && flat(r.description)?.toLowerCase() === record.description?.toLowerCase(),
          );
      count(
        'records present',
        match !== undefined,
        () => `${where} ${record.name ?? record.description} (line ${record.line}) missing`,
      );
      if (!match) continue;
      const label = `${where} ${record.name ?? record.description}`;
      const got = {
        name: match.name,
        description: flat(match.description),
        registered: current(match, 'registered'),
        modified: current(match, 'modified'),
        assignee: flat(current(match, 'assignee') as string | null),
        contact: flat(current(match, 'contact') as string | null),
        references: (current(match, 'references') as string[] | null) ?? [],
        notes: flat(current(match, 'notes') as string | null),
        unauthorized: flat(current(match, 'unauthorizedUse') as string | null),
      };
      for (const field of COMPARED) {
        const expected = field === 'references' ? [...record.references].sort().join(' ') : record[field];
        const actual = field === 'references' ? [...got.references].sort().join(' ') || null : got[field];
        count(
          field,
          (expected || null) === (actual || null),
          () => `${label}: IANA ${JSON.stringify(expected)}, registry ${JSON.stringify(actual)}`,
        );
      }
    }
  }
  for (const [slot, names] of slotServices) {
    if (names.length < 2) continue;
    const [range, protocol] = slot.split('/');
    const [from, to] = range.split('-').map(Number);
    const have = registry
      .lookupPort(from)
      .filter((r) => r.protocol === protocol && r.port === from && r.portEnd === to)
      .map((r) => r.name?.toLowerCase());
    const missing = names.filter((name) => !have.includes(name.toLowerCase()));
    count('multi-service slots complete', missing.length === 0, () => `${slot}: missing ${missing.join(', ')}`);
  }
  // A rename or replacement in the history never joins two services IANA lists side by side on the slot.
  for (const record of registry.lookupRange(0, 65535)) {
    const slot = `${record.port}-${record.portEnd}/${record.protocol}`;
    const listed = new Set((slotServices.get(slot) ?? []).map((name) => name.toLowerCase()));
    for (const entry of record.history) {
      const names =
        /^service name changed from "([^"]*)" to "([^"]*)"/.exec(entry.change) ??
        /^"([^"—]*?)(?: — [^"]*)?" replaced by "([^"—]*?)(?: — [^"]*)?"/.exec(entry.change);
      if (!names) continue;
      const [from, to] = [names[1].trim().toLowerCase(), names[2].trim().toLowerCase()];
      const sideBySide = from !== to && listed.has(from) && listed.has(to);
      count('renames IANA does not contradict', !sideBySide, () => `${slot}: "${entry.change}" but IANA lists both`);
    }
  }
  return { updated, figures: [...figures.values()] };
}
