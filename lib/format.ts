// Turning registry strings into what the card shows: names without addresses, linked references, dated facts.
import { t, type MessageKey } from './i18n';
import type { PortRecord, RangeClass, SourceRef } from './types';

export const IANA_REGISTRY_URL =
  'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml';

export function ianaEntryUrl(port: number): string {
  return `${IANA_REGISTRY_URL}?search=${port}`;
}

export function rfcUrl(rfcNumber: number): string {
  return `https://www.rfc-editor.org/rfc/rfc${rfcNumber}`;
}

export function draftUrl(draftName: string): string {
  return `https://datatracker.ietf.org/doc/${encodeURIComponent(draftName)}/`;
}

/** IANA writes several references or people in one cell as `[RFC1078][Mark_Lottor]`; split them. */
export function splitBracketed(value: string): string[] {
  const bracketed = [...value.matchAll(/\[([^\]]*)\]/g)].map((match) => match[1].trim()).filter(Boolean);
  if (bracketed.length > 0) return bracketed;
  const plain = value.trim();
  return plain ? [plain] : [];
}

export interface ReferenceLink {
  text: string;
  url?: string; // only ever https: RFCs, Internet-Drafts, or an http(s) URL from the registry
}

/** One reference as the card shows it: RFCs and drafts linked, people and other text as plain text. */
export function formatReference(reference: string): ReferenceLink {
  const ref = reference.trim().replace(/^\[|\]$/g, '');
  const rfc = /^RFC[\s-]?0*(\d{1,5})\b(.*)$/i.exec(ref);
  if (rfc) {
    const number = Number(rfc[1]);
    return { text: `RFC ${number}${rfc[2].trimEnd()}`, url: rfcUrl(number) };
  }
  // IANA cites documents still in the RFC Editor queue as RFC-ietf-wg-name-NN: the draft draft-ietf-wg-name-NN.
  const queued = /^RFC-((?:ietf|iab|irtf)-[a-z0-9-]+)$/i.exec(ref);
  if (queued) return { text: ref, url: draftUrl(`draft-${queued[1].toLowerCase()}`) };
  const draft = /^draft-[a-z0-9-]+$/i.exec(ref);
  if (draft) return { text: ref, url: draftUrl(ref.toLowerCase()) };
  if (/^https?:\/\/[^\s<>"]+$/i.test(ref)) {
    try {
      const url = new URL(ref);
      return { text: ref, url: url.href.replace(/^http:/, 'https:') };
    } catch {
      return { text: ref };
    }
  }
  // IANA writes people as First_Last; other text (titles, odd schemes) stays as it is, minus any address.
  if (/^[\p{L}.'-]+(?:_[\p{L}.'-]+)+$/u.test(ref)) return { text: ref.replace(/_/g, ' ') };
  return { text: withoutAddresses(ref) || ref };
}

function withoutAddresses(text: string): string {
  return text
    .replace(/mailto:\S+/gi, ' ')
    .replace(/<[^>]*@[^>]*>/g, ' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every reference of a record, split and de-duplicated, in order. */
export function formatReferences(references: readonly string[]): ReferenceLink[] {
  const seen = new Set<string>();
  const links: ReferenceLink[] = [];
  for (const reference of references.flatMap(splitBracketed)) {
    const link = formatReference(reference);
    if (seen.has(link.text)) continue;
    seen.add(link.text);
    links.push(link);
  }
  return links;
}

/**
 * Names only: IANA's `[Jon_Postel]` becomes "Jon Postel"; e-mail addresses and mailto links are dropped,
 * so the card never shows a contact address.
 */
export function personName(value: string): string {
  const names = splitBracketed(value)
    .map((part) =>
      withoutAddresses(part.replace(/<[^>]*>/g, ' '))
        .replace(/_/g, ' ')
        // Parentheses emptied by a dropped address go; a closing one that belongs to the name stays.
        .replace(/\(\s*\)/g, ' ')
        .replace(/[\s(,;]+$/g, '')
        .replace(/^[\s),;]+/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);
  return [...new Set(names)].join(', ');
}

/** The newest snapshot date among the data's snapshots ('' when there are none). */
export function newestAsOf(snapshots: readonly SourceRef[]): string {
  return snapshots.reduce((newest, snapshot) => (compareAsOf(snapshot.asOf, newest) > 0 ? snapshot.asOf : newest), '');
}

/** ISO dates of any precision ("2015", "2015-06", "2015-06-01") compare as strings once cut to a common length. */
export function compareAsOf(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  const left = a.slice(0, length);
  const right = b.slice(0, length);
  if (left !== right) return left < right ? -1 : 1;
  return a.length - b.length;
}

export type RecordField = Exclude<keyof PortRecord, 'port' | 'portEnd' | 'protocol' | 'sources' | 'history'>;

/**
 * When a field's freshest source is older than the newest snapshot, that source's date ("as of ..."),
 * so an old fact is never shown as current; null when the newest snapshot supplied it.
 * A source without a `fields` list counts as having supplied every field. A record with no sources
 * at all is dated by the oldest snapshot, the cautious reading.
 */
export function staleAsOf(record: PortRecord, field: RecordField, newest: string, oldest = newest): string | null {
  const suppliers = record.sources.filter((source) => !source.fields || source.fields.includes(field));
  if (record.sources.length === 0) return compareAsOf(oldest, newest) < 0 ? oldest : null;
  const pool = suppliers.length > 0 ? suppliers : record.sources;
  const freshest = pool.reduce((best, source) => (compareAsOf(source.asOf, best.asOf) > 0 ? source : best));
  return newest && compareAsOf(freshest.asOf, newest) < 0 ? freshest.asOf : null;
}

export function formatPortSpan(port: number, portEnd: number): string {
  return portEnd > port ? `${port}–${portEnd}` : String(port);
}

/** "User range (1024–49151)": the IANA range class as one short fact, apart from the port's status. */
export function rangeClassLine(id: RangeClass): string {
  return t(RANGE_LINE_KEYS[id]);
}
const RANGE_LINE_KEYS: Readonly<Record<RangeClass, MessageKey>> = {
  system: 'rangeLineSystem',
  user: 'rangeLineUser',
  dynamic: 'rangeLineDynamic',
};
