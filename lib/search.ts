// Popup search over the whole registry: parse what was typed, then answer from indexes built once.
// Pure; every per-keystroke step is bounded (query length, token count, candidates scored) so a pasted
// essay costs no more than a short query.
import { type MessageKey, t } from './i18n';
import { MAX_PORT, RANGE_CLASSES, rangeClass } from './range-classes';
import { countRange, describeCounts, type RangeCounts } from './range-info';
import {
  PROTOCOLS,
  type CommonUse,
  type CommonUseKind,
  type PortRecord,
  type PortStory,
  type Protocol,
  type RangeClass,
  type Status,
} from './types';

/** Characters of a query we read; the rest of a paste is ignored. */
export const MAX_QUERY_CHARS = 256;
/** Words of a query we read. */
export const MAX_QUERY_TOKENS = 8;
export const DEFAULT_LIMIT = 50;
/** Fewer strong hits than this and we also look for typos. */
const FUZZY_WHEN_FEWER_THAN = 5;
/** Name-prefix and word hits scored per query; beyond this only the count grows. */
const MAX_SCORED = 2000;

/** Why a result matched, strongest first. */
export type MatchKind =
  | 'span'
  | 'port'
  | 'range'
  | 'unassigned'
  | 'name'
  | 'software'
  | 'name-prefix'
  | 'words'
  | 'fuzzy';

const KIND_SCORE: Record<MatchKind, number> = {
  span: 1100,
  port: 1000,
  range: 900,
  unassigned: 850,
  name: 800,
  software: 700,
  'name-prefix': 600,
  words: 400,
  fuzzy: 200,
};

export interface SearchResult {
  /** Stable and unique within one answer; fit for a list key or element id. */
  key: string;
  port: number;
  /** === port unless the record is a range (x11 6000–6063). */
  portEnd: number;
  rangeClass: RangeClass;
  /** Protocols the matched assignment holds (after any protocol filter). */
  protocols: Protocol[];
  /** The IANA status; null for a curated software match, which is not an IANA fact. */
  status: Status | null;
  /** IANA service name, or the software's name for a common-use match. */
  name: string | null;
  description: string | null;
  match: MatchKind;
  /** One short human sentence, in the reader's language (lib/i18n.ts): why this is here. */
  why: string;
  /** For a port query: curated software known to use the port (not IANA facts). */
  usedBy?: string[];
  /** Curated software that uses this port, when that is what matched, and how it uses it. */
  software?: string;
  softwareKind?: CommonUseKind;
  /** For the row that stands for a whole range query (match 'span'): its ports counted, both ends included. */
  range?: { counts: RangeCounts; portUses: number; records: string[] };
}

export interface SearchAnswer {
  /** How many results matched in all (the list holds at most `limit`). */
  total: number;
  results: SearchResult[];
  /** Said instead of results when the query cannot be a port (`70000`). */
  notice?: string;
}

export interface ParsedQuery {
  /** A port (from === to) or an inclusive range, when the query names numbers. */
  ports: { from: number; to: number } | null;
  protocol: Protocol | null;
  /** Lowercase words to match against names, descriptions and software. */
  terms: string[];
}

/** One row of the index: a record, or several records merged (one name on tcp and udp). */
export interface SearchEntry {
  port: number;
  portEnd: number;
  protocols: Protocol[];
  status: Status;
  name: string | null;
  nameLower: string;
  description: string | null;
  /** Lowercase words of name and description; see entryWords, which fills it when first needed. */
  words?: string[];
}

interface SoftwareEntry {
  software: string;
  lower: string;
  words: string[];
  /** letterMask of lower, then of each word. */
  letters: number[];
  use: SearchUse;
}

/** A curated use as search reads it: its source is for the card, and the packed index leaves it out. */
export type SearchUse = Omit<CommonUse, 'source'> & Partial<Pick<CommonUse, 'source'>>;

/** The fields of a registry record that search reads (a PortRecord has them all). */
export type SearchRecord = Pick<PortRecord, 'port' | 'portEnd' | 'protocol' | 'status' | 'name' | 'description'>;

export interface SearchIndex {
  entries: SearchEntry[]; // ordered by port, then portEnd
  portStarts: Int32Array; // entries[i].port, for binary search
  rangeIds: number[]; // entries spanning more than one port
  /** Built on the first text query (see prepareText): a number needs none of it. */
  text: TextIndex | null;
  /** What the text index is built from: worked out here, or read from the packaged index. */
  textSource: () => TextSource;
  commonUses: readonly SearchUse[];
}

export interface TextIndex {
  names: string[]; // unique lowercase names, sorted (prefix search)
  nameIds: number[][]; // aligned with names: the entries of each
  /** The letterMask of every start of every name, to skip hopeless typo candidates; worked out on the first typo search. */
  nameLetters: NameLetters | null;
  vocabulary: string[]; // see TextSource
  /** Aligned with vocabulary: letterMask of each word; worked out when a word is first mended. */
  vocabularyLetters: Int32Array | null;
  postings: ArrayLike<number>[];
  software: SoftwareEntry[];
  /** Scratch marks for word intersection, reused so a keystroke allocates little. */
  marks: Uint8Array;
}

const PROTOCOL_SET = new Set<string>(PROTOCOLS);
const STOPWORDS = new Set(['port', 'ports', 'the', 'of', 'and', 'for', 'a', 'an', 'on']);

/** One bit per letter or digit class present: a name lacking many of the query's letters is no typo of it. */
function letterMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= letterBit(text.charCodeAt(i));
  return mask;
}

function letterBit(c: number): number {
  if (c >= 97 && c <= 122) return 1 << (c - 97);
  return c >= 48 && c <= 57 ? 1 << 26 : 1 << 27;
}

/** masks[starts[n] + k] is the letterMask of the first k + 1 characters of name n. */
interface NameLetters {
  starts: Int32Array;
  masks: Int32Array;
}

function nameLettersOf(names: readonly string[]): NameLetters {
  const starts = new Int32Array(names.length + 1);
  for (let n = 0; n < names.length; n++) starts[n + 1] = starts[n] + names[n].length;
  const masks = new Int32Array(starts[names.length]);
  for (let n = 0; n < names.length; n++) {
    const name = names[n];
    let mask = 0;
    for (let k = 0; k < name.length; k++) masks[starts[n] + k] = mask |= letterBit(name.charCodeAt(k));
  }
  return { starts, masks };
}

function bitCount(n: number): number {
  n = n - ((n >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const WORD = /[a-z0-9]{2,}/g;

/** Lowercase words of two or more letters or digits (one native match: this runs over every description). */
function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** An entry's own words (not its story's), worked out when first needed: most entries never are. */
function entryWords(entry: SearchEntry): string[] {
  return (entry.words ??= wordsOf(`${entry.name ?? ''} ${entry.description ?? ''}`));
}

/** The first index whose value is not below `key` (names are compared as strings, port starts as numbers). */
function lowerBound<T extends string | number>(sorted: ArrayLike<T>, key: T): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indices [from, to) of the sorted strings that start with `prefix`. */
function prefixRange(sorted: readonly string[], prefix: string): [number, number] {
  return [lowerBound(sorted, prefix), lowerBound(sorted, `${prefix}\uffff`)];
}

/**
 * Builds the search index. Records on several protocols with the same port(s), name and status become one
 * entry; unassigned records are left out because an unassigned answer is made up for any port that needs one.
 */
export function createSearchIndex(
  records: readonly SearchRecord[],
  commonUses: readonly SearchUse[] = [],
  stories: readonly PortStory[] = [],
): SearchIndex {
  // Sorting first makes every group contiguous (already-sorted input, like the registry's, costs one pass).
  const sorted = records
    .filter((record) => record.status !== 'unassigned')
    .sort((a, b) => a.port - b.port || a.portEnd - b.portEnd);
  const entries: SearchEntry[] = [];
  let blockStart = 0; // first entry with the current (port, portEnd)
  for (const record of sorted) {
    const last = entries[entries.length - 1];
    if (!last || last.port !== record.port || last.portEnd !== record.portEnd) blockStart = entries.length;
    let existing: SearchEntry | undefined;
    for (let i = blockStart; i < entries.length; i++) {
      if (entries[i].name === record.name && entries[i].status === record.status) existing = entries[i];
    }
    if (existing) {
      if (!existing.protocols.includes(record.protocol)) existing.protocols.push(record.protocol);
      existing.description ??= record.description;
      continue;
    }
    entries.push({
      port: record.port,
      portEnd: record.portEnd,
      protocols: [record.protocol],
      status: record.status,
      name: record.name,
      nameLower: record.name?.toLowerCase() ?? '',
      description: record.description,
    });
  }
  for (const entry of entries) {
    if (entry.protocols.length > 1) entry.protocols.sort((a, b) => PROTOCOLS.indexOf(a) - PROTOCOLS.indexOf(b));
  }
  return indexOfEntries(entries, commonUses, () => workOutTextSource(entries, stories));
}

function indexOfEntries(
  entries: SearchEntry[],
  commonUses: readonly SearchUse[],
  textSource: () => TextSource,
): SearchIndex {
  const rangeIds: number[] = [];
  const portStarts = new Int32Array(entries.length);
  for (let id = 0; id < entries.length; id++) {
    portStarts[id] = entries[id].port;
    if (entries[id].portEnd > entries[id].port) rangeIds.push(id);
  }
  return { entries, portStarts, rangeIds, text: null, textSource, commonUses };
}

/**
 * What the text index is built from, and what costs to work out: the words of every name, description and
 * story, and the names in order. lib/search-pack.ts ships it prebuilt.
 */
export interface TextSource {
  vocabulary: string[]; // unique words of names, descriptions and stories, sorted
  postings: ArrayLike<number>[]; // aligned with vocabulary: ascending ids of the entries holding the word
  nameOrder: ArrayLike<number>; // ids of the entries with a name, by lowercase name, then id
}

/** An index whose text source is given: what the packaged search file holds. */
export function createIndexFromSource(
  entries: SearchEntry[],
  commonUses: readonly SearchUse[],
  source: TextSource,
): SearchIndex {
  return indexOfEntries(entries, commonUses, () => source);
}

/** Builds the name, word and software indexes once; later calls return the same. */
export function prepareText(index: SearchIndex): TextIndex {
  index.text ??= textIndex(index.entries, index.commonUses, index.textSource());
  return index.text;
}

/** Lists the entries holding each word of their name, description or story, and orders the names. */
function workOutTextSource(entries: SearchEntry[], stories: readonly PortStory[]): TextSource {
  const storyWordsByPort = new Map<number, string[]>();
  for (const story of stories) {
    const words = [story.title, ...story.paragraphs].flatMap(wordsOf);
    storyWordsByPort.set(story.port, (storyWordsByPort.get(story.port) ?? []).concat(words));
  }

  const assignedPorts = new Set<number>();
  for (const entry of entries)
    if (entry.status === 'assigned' && entry.portEnd === entry.port) assignedPorts.add(entry.port);

  const wordIds = new Map<string, number[]>();
  const addWord = (word: string, id: number) => {
    const ids = wordIds.get(word);
    if (!ids) wordIds.set(word, [id]);
    else if (ids[ids.length - 1] !== id) ids.push(id);
  };
  for (let id = 0; id < entries.length; id++) {
    const entry = entries[id];
    // Repeats are harmless here (postings skip an id already added), so no de-duplication pass.
    const words = entryWords(entry);
    for (const word of words) addWord(word, id);
    // Stories are about one port: a range record does not inherit the story of its first port, and a
    // reserved half (6379/udp beside redis on tcp) does not take it from the assignment.
    const storyOwner = entry.portEnd === entry.port && (entry.status === 'assigned' || !assignedPorts.has(entry.port));
    const story = storyOwner ? storyWordsByPort.get(entry.port) : undefined;
    if (story) {
      for (const word of new Set(story.filter((word) => !words.includes(word)))) addWord(word, id);
    }
  }
  const vocabulary = [...wordIds.keys()].sort();
  const postings = vocabulary.map((word) => new Int32Array(wordIds.get(word)!));
  const nameOrder = entries
    .map((_, id) => id)
    .filter((id) => entries[id].nameLower)
    .sort((a, b) => compareStrings(entries[a].nameLower, entries[b].nameLower) || a - b);
  return { vocabulary, postings, nameOrder };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function textIndex(
  entries: SearchEntry[],
  commonUses: readonly SearchUse[],
  { vocabulary, postings, nameOrder }: TextSource,
): TextIndex {
  // One pass over the names in order groups the entries sharing a name.
  const names: string[] = [];
  const nameIds: number[][] = [];
  for (let i = 0; i < nameOrder.length; i++) {
    const id = nameOrder[i];
    const name = entries[id].nameLower;
    if (names[names.length - 1] === name) nameIds[nameIds.length - 1].push(id);
    else {
      names.push(name);
      nameIds.push([id]);
    }
  }
  return {
    names,
    nameIds,
    nameLetters: null, // most first queries need no typo search: not worked out on the way to their answer
    vocabulary,
    vocabularyLetters: null,
    postings,
    software: commonUses.map((use) => {
      const lower = use.software.toLowerCase();
      const words = wordsOf(lower);
      return { software: use.software, lower, words, letters: [lower, ...words].map((word) => letterMask(word)), use };
    }),
    marks: new Uint8Array(entries.length),
  };
}

const PORT_SPEC = /^(\d{1,6})(?:-(\d{1,6}))?$/;

function parsePortSpec(token: string): { from: number; to: number } | null {
  const m = PORT_SPEC.exec(token);
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a > MAX_PORT || b > MAX_PORT) return null;
  // "6000-60" is "6000-6010" being typed, not the range 60–6000: answer for the first port until it grows.
  if (b < a) return { from: a, to: a };
  return { from: a, to: b };
}

/**
 * Reads a query: numbers and ranges (`3717`, `6000-6010`, `6000–6063`, `6000:6010`, `6000 to 6010`),
 * protocol filters (`53/udp`, `udp 53`, `tcp/443`, `tcp:443`) and words. Never throws.
 */
export function parseQuery(query: string): ParsedQuery {
  const text = query
    .slice(0, MAX_QUERY_CHARS)
    .toLowerCase()
    // One range spelling: en/em dash, colon, "..", "to", "through" between two numbers.
    .replace(/(\d)\s*(?:[-\u2010-\u2015:]|\.\.|\bto\b|\bthrough\b)\s*(?=\d)/g, '$1-');
  const tokens = text
    .split(/[\s,;]+/)
    // "6000-", "60000:", "53/", "tcp/": something still being typed; read what is already there.
    .map((token) => token.replace(/(?<=.)(?:[-\u2010-\u2015:/.])+$/, ''))
    .filter(Boolean)
    .slice(0, MAX_QUERY_TOKENS);

  let ports: ParsedQuery['ports'] = null;
  let protocol: Protocol | null = null;
  const terms: string[] = [];
  const protocolTokens: string[] = [];
  for (const token of tokens) {
    const withProtocol = /^(?:(tcp|udp|sctp|dccp)[/:]([\d-]+)|([\d-]+)\/(tcp|udp|sctp|dccp))$/.exec(token);
    const spec = parsePortSpec(withProtocol ? (withProtocol[2] ?? withProtocol[3]) : token);
    if (spec) {
      ports ??= spec;
      if (withProtocol) protocol ??= (withProtocol[1] ?? withProtocol[4]) as Protocol;
    } else if (PROTOCOL_SET.has(token)) {
      protocol ??= token as Protocol;
      protocolTokens.push(token);
    } else if (!STOPWORDS.has(token) || tokens.length === 1) {
      terms.push(token);
    }
  }
  // "udp" alone is something to look for, not a filter over nothing.
  if (!ports && terms.length === 0 && protocolTokens.length > 0) {
    return { ports: null, protocol: null, terms: protocolTokens };
  }
  return { ports, protocol, terms };
}

function rangeText(from: number, to: number): string {
  return from === to ? String(from) : `${from}\u2013${to}`;
}

/** "… on TCP" when the query named a protocol. */
function onProtocolText(text: string, protocol: Protocol | null): string {
  return protocol ? t('searchOnProtocol', text, protocol.toUpperCase()) : text;
}

interface Hit {
  id: number;
  match: MatchKind;
  score: number;
  /** Left out by a port query's hits, which can be thousands: portWhy says it for the rows shown. */
  why?: string;
}

function portWhy(entry: SearchEntry, match: MatchKind): string {
  const span = rangeText(entry.port, entry.portEnd);
  if (match === 'range') return t('searchWhyPartOfRange', span);
  return entry.portEnd > entry.port ? t('searchWhyRangeOverlaps', span) : t('searchWhyPort', entry.port);
}

interface SoftwareHit {
  entry: SoftwareEntry;
  match: MatchKind;
  score: number;
}

function toResult(index: SearchIndex, hit: Hit, protocol: Protocol | null): SearchResult {
  const entry = index.entries[hit.id];
  return {
    key: `${entry.port}-${entry.portEnd}-${entry.status}-${entry.name ?? ''}`,
    port: entry.port,
    portEnd: entry.portEnd,
    rangeClass: rangeClass(entry.port),
    protocols: protocol ? [protocol] : entry.protocols,
    status: entry.status,
    name: entry.name,
    description: entry.description,
    match: hit.match,
    why: hit.why ?? portWhy(entry, hit.match),
  };
}

function unassignedResult(from: number, to: number, protocol: Protocol | null): SearchResult {
  const range = RANGE_CLASSES[rangeClass(from)];
  return {
    key: `u${from}-${to}`,
    port: from,
    portEnd: to,
    rangeClass: rangeClass(from),
    protocols: protocol ? [protocol] : [],
    status: 'unassigned',
    name: null,
    description: null,
    match: 'unassigned',
    why: protocol
      ? t('searchWhyUnassignedOn', protocol.toUpperCase(), range.name, rangeText(range.first, range.last))
      : t('searchWhyUnassigned', range.name, rangeText(range.first, range.last)),
  };
}

function byScoreThenPort(index: SearchIndex) {
  return (a: Hit, b: Hit) => b.score - a.score || index.entries[a.id].port - index.entries[b.id].port || a.id - b.id;
}

function searchPorts(
  index: SearchIndex,
  from: number,
  to: number,
  protocol: Protocol | null,
  limit: number,
): SearchAnswer {
  const allowed = (id: number) => !protocol || index.entries[id].protocols.includes(protocol);
  const hits: Hit[] = [];
  let total = 0;
  const single = from === to;
  const consider = (hit: Hit) => {
    total++;
    if (hits.length < limit) hits.push(hit);
  };
  // Ranges that cover the query come first for a range query (they are what it is about) but after the
  // port's own assignments for a single port.
  const covering: Hit[] = [];
  for (const id of index.rangeIds) {
    const entry = index.entries[id];
    if (entry.port <= to && entry.portEnd >= from && allowed(id)) {
      covering.push({ id, match: single ? 'range' : 'port', score: single ? KIND_SCORE.range : KIND_SCORE.port });
    }
  }
  if (!single) covering.forEach(consider);
  const first = lowerBound(index.portStarts, from);
  for (let id = first; id < index.entries.length; id++) {
    const entry = index.entries[id];
    if (entry.port > to) break;
    if (entry.portEnd > entry.port || !allowed(id)) continue;
    // In a list of many ports, a reserved half (8004/udp beside 8004/tcp's assignment) is only noise.
    if (!single && entry.status === 'reserved' && assignedBeside(index, id, allowed)) continue;
    consider({ id, match: 'port', score: KIND_SCORE.port });
  }
  if (single) covering.forEach(consider);

  const uses = usesByPort(index);
  const softwareOn = (from: number, to: number) => [
    ...new Set(
      (uses.get(from) ?? [])
        .filter((use) => (use.portEnd ?? use.port) === to && (!protocol || !use.protocol || use.protocol === protocol))
        .map((use) => use.software),
    ),
  ];
  const results = hits.map((hit) => {
    const result = toResult(index, hit, protocol);
    if (single) return result;
    // Each port of a range query names its curated software, as a single port's first row does.
    const usedBy = softwareOn(result.port, result.portEnd);
    return usedBy.length > 0 ? { ...result, usedBy } : result;
  });
  if (!single) {
    results.unshift(spanResult(index, from, to, protocol, first, allowed));
    total++;
    return { total, results: results.slice(0, limit) };
  }
  // An assigned or reserved answer exists: say so. Otherwise the number is still worth an answer.
  if (!hits.some((hit) => hit.match === 'port' || hit.match === 'range')) {
    results.unshift(unassignedResult(from, to, protocol));
    total++;
  }
  // What the number is really used for (5555: adb, whatever IANA says), on the port's first row.
  if (results.length > 0) {
    const covering = index.commonUses
      .filter(
        (use) =>
          use.port <= from &&
          from <= (use.portEnd ?? use.port) &&
          (!protocol || !use.protocol || use.protocol === protocol),
      )
      .sort(likelierFirst);
    if (covering.length > 0) results[0] = { ...results[0], usedBy: [...new Set(covering.map((use) => use.software))] };
  }
  return { total, results: results.slice(0, limit) };
}

/**
 * The software a person would name for a port first: one that listens there (not a scanners' target, malware or
 * a past use), and one of this port alone (MongoDB on 27017) before a range's that holds it (Steam's 27015–27030).
 * Otherwise the curated order stands (the sort is stable).
 */
function likelierFirst(a: SearchUse, b: SearchUse): number {
  return unlikelyKind(a) - unlikelyKind(b) || ofRange(a) - ofRange(b);
}

function unlikelyKind(use: SearchUse): number {
  return use.kind === 'default' || use.kind === 'convention' ? 0 : 1;
}

function ofRange(use: SearchUse): number {
  return (use.portEnd ?? use.port) > use.port ? 1 : 0;
}

/** Whether another entry on the same port holds an assignment (entries are sorted by port). */
function assignedBeside(index: SearchIndex, id: number, allowed: (id: number) => boolean): boolean {
  const { port } = index.entries[id];
  for (const step of [-1, 1]) {
    for (
      let other = id + step;
      other >= 0 && other < index.entries.length && index.entries[other].port === port;
      other += step
    ) {
      const entry = index.entries[other];
      if (entry.status === 'assigned' && entry.portEnd === port && allowed(other)) return true;
    }
  }
  return false;
}

const usesByPortCache = new WeakMap<SearchIndex, Map<number, SearchUse[]>>();

/** Curated uses by first port, built once per index. */
function usesByPort(index: SearchIndex): Map<number, SearchUse[]> {
  let byPort = usesByPortCache.get(index);
  if (!byPort) {
    byPort = new Map();
    for (const use of index.commonUses) byPort.set(use.port, [...(byPort.get(use.port) ?? []), use]);
    usesByPortCache.set(index, byPort);
  }
  return byPort;
}

/** The row for a range query as a whole: its ports counted (both ends included) and the curated uses of the range. */
function spanResult(
  index: SearchIndex,
  from: number,
  to: number,
  protocol: Protocol | null,
  first: number,
  allowed: (id: number) => boolean,
): SearchResult {
  const spans: SearchEntry[] = [];
  const records: string[] = [];
  for (const id of index.rangeIds) {
    const entry = index.entries[id];
    if (entry.port > to || entry.portEnd < from || !allowed(id)) continue;
    spans.push(entry);
    // The range records the query overlaps, by name ("x11" for 6000-6063).
    if (entry.name && !records.includes(entry.name)) records.push(entry.name);
  }
  for (let id = first; id < index.entries.length && index.entries[id].port <= to; id++)
    if (allowed(id)) spans.push(index.entries[id]);
  const counts = countRange(from, to, spans);
  const onProtocol = (use: SearchUse) => !protocol || !use.protocol || use.protocol === protocol;
  const rangeUses = index.commonUses.filter(
    (use) =>
      use.portEnd !== undefined && use.portEnd > use.port && use.port <= to && use.portEnd >= from && onProtocol(use),
  );
  const portUses = index.commonUses.filter(
    (use) => (use.portEnd ?? use.port) === use.port && use.port >= from && use.port <= to && onProtocol(use),
  );
  const summary = onProtocolText(describeCounts(from, to, counts), protocol);
  return {
    key: `span${from}-${to}`,
    port: from,
    portEnd: to,
    rangeClass: rangeClass(from),
    protocols: protocol ? [protocol] : [],
    status: null,
    name: null,
    description: summary,
    match: 'span',
    why: summary,
    ...(rangeUses.length > 0 ? { usedBy: [...new Set(rangeUses.map((use) => use.software))] } : {}),
    range: { counts, portUses: portUses.length, records },
  };
}

/** Entries whose words match every term by prefix; ids in ascending order. */
function wordMatches(text: TextIndex, terms: string[]): number[] {
  const parts = terms.flatMap(wordsOf).slice(0, MAX_QUERY_TOKENS);
  if (parts.length === 0) return [];
  const marks = text.marks;
  marks.fill(0);
  // marks[id] counts how many terms so far matched entry id; a term only advances entries that every
  // earlier term matched, so duplicates within one term count once.
  for (let t = 0; t < parts.length; t++) {
    const [lo, hi] = prefixRange(text.vocabulary, parts[t]);
    if (lo === hi) return [];
    for (let w = lo; w < hi; w++) {
      const ids = text.postings[w];
      for (let i = 0; i < ids.length; i++) if (marks[ids[i]] === t) marks[ids[i]] = t + 1;
    }
  }
  const matched: number[] = [];
  for (let id = 0; id < marks.length; id++) if (marks[id] === parts.length) matched.push(id);
  return matched;
}

/**
 * Optimal-string-alignment distance (edits, with adjacent swaps counted as one) between `query` and
 * `target`, and between `query` and the closest prefix of `target`; `max + 1` when over `max`.
 */
export function editDistance(query: string, target: string, max: number): { whole: number; prefix: number } {
  const m = query.length;
  const n = target.length;
  const over = max + 1;
  if (m - n > max || m + 1 > rowBuffers[0].length) return { whole: over, prefix: over };
  // Three rolling rows in reused buffers: this runs over thousands of names per keystroke. Cell (i, j) costs at
  // least |i - j|, so only the band within `max` of the diagonal is computed (cells outside hold more than
  // `max`), and no row past m + max can end a match.
  let prev2 = rowBuffers[0];
  let prev = rowBuffers[1];
  let cur = rowBuffers[2];
  for (let i = 0; i <= m; i++) {
    prev[i] = i;
    cur[i] = over;
    prev2[i] = over;
  }
  let prefix = m;
  const lastRow = Math.min(n, m + max);
  for (let j = 1; j <= lastRow; j++) {
    const lo = j > max ? j - max : 1;
    const hi = Math.min(j + max, m);
    let rowMin = over;
    if (lo === 1) rowMin = cur[0] = j;
    else cur[lo - 1] = over;
    const t = target.charCodeAt(j - 1);
    for (let i = lo; i <= hi; i++) {
      const q = query.charCodeAt(i - 1);
      let d = prev[i - 1] + (q === t ? 0 : 1);
      if (prev[i] + 1 < d) d = prev[i] + 1;
      if (cur[i - 1] + 1 < d) d = cur[i - 1] + 1;
      if (i > 1 && j > 1 && q === target.charCodeAt(j - 2) && query.charCodeAt(i - 2) === t && prev2[i - 2] + 1 < d) {
        d = prev2[i - 2] + 1;
      }
      cur[i] = d;
      if (d < rowMin) rowMin = d;
    }
    if (hi === m && cur[m] < prefix) prefix = cur[m];
    const swap = prev2;
    prev2 = prev;
    prev = cur;
    cur = swap;
    if (rowMin > max) return { whole: over, prefix: Math.min(prefix, over) };
  }
  return { whole: n > lastRow ? over : Math.min(prev[m], over), prefix: Math.min(prefix, over) };
}

const rowBuffers = [
  new Int32Array(MAX_QUERY_CHARS + 2),
  new Int32Array(MAX_QUERY_CHARS + 2),
  new Int32Array(MAX_QUERY_CHARS + 2),
];

function allowedTypos(word: string): number {
  const length = word.length;
  // Numbers have no typos worth guessing at, and long strings are pastes, not names.
  if (length < 4 || length > 40 || /^\d+$/.test(word)) return 0;
  return length < 7 ? 1 : 2;
}

/** Answers a query typed into the popup. Never throws; work is bounded whatever the input. */
export function search(index: SearchIndex, query: string, limit: number = DEFAULT_LIMIT): SearchAnswer {
  const parsed = parseQuery(typeof query === 'string' ? query : '');
  const cap = Math.max(0, Math.floor(limit));
  if (parsed.ports) return searchPorts(index, parsed.ports.from, parsed.ports.to, parsed.protocol, cap);
  if (parsed.terms.length === 0) return { total: 0, results: [] };
  if (parsed.terms.some((term) => /^\d+(?:-\d+)?$/.test(term))) {
    return { total: 0, results: [], notice: t('searchNoticePortRange', MAX_PORT) };
  }

  const text = prepareText(index);
  const protocol = parsed.protocol;
  const allowed = (id: number) => !protocol || index.entries[id].protocols.includes(protocol);
  const phrase = parsed.terms.join(' ');
  const best = new Map<number, Hit>();
  const offer = (hit: Hit) => {
    if (!allowed(hit.id)) return;
    const seen = best.get(hit.id);
    if (!seen || seen.score < hit.score) best.set(hit.id, hit);
  };

  // Names are sorted, so the name itself comes first among the names starting with it.
  const [lo, hi] = prefixRange(text.names, phrase);
  if (text.names[lo] === phrase) {
    for (const id of text.nameIds[lo]) offer({ id, match: 'name', score: KIND_SCORE.name, why: t('searchWhyName') });
  }

  // Names starting with the query, shortest (closest) first.
  let scored = 0;
  const prefixWhy = t('searchWhyNamePrefix', phrase);
  let n = lo;
  for (; n < hi && scored < MAX_SCORED; n++) {
    const name = text.names[n];
    if (name === phrase) continue;
    for (const id of text.nameIds[n]) {
      offer({
        id,
        match: 'name-prefix',
        score: KIND_SCORE['name-prefix'] - Math.min(99, name.length - phrase.length),
        why: prefixWhy,
      });
      scored++;
    }
  }

  // Software that uses a port (curated): exact name, then name prefix, then its words.
  const softwareHits: SoftwareHit[] = [];
  for (const entry of text.software) {
    if (entry.lower === phrase) softwareHits.push({ entry, match: 'software', score: KIND_SCORE.software + 50 });
    else if (entry.lower.startsWith(phrase)) {
      // A software name that merely starts with the query ranks with service-name prefixes, not above them.
      softwareHits.push({
        entry,
        match: 'software',
        score: KIND_SCORE['name-prefix'] - Math.min(99, entry.lower.length - phrase.length),
      });
    } else if (parsed.terms.every((term) => entry.words.some((word) => word.startsWith(term)))) {
      softwareHits.push({ entry, match: 'words', score: KIND_SCORE.words + 50 });
    }
  }

  // Matches beyond the scoring cap are counted, not ranked.
  const unscored = new Set<number>();
  for (; n < hi; n++) for (const id of text.nameIds[n]) if (allowed(id)) unscored.add(id);

  const words = wordMatches(text, parsed.terms);
  const parts = parsed.terms.flatMap(wordsOf);
  const descriptionWhy = t('searchWhyDescription', phrase);
  const storyWhy = t('searchWhyStory', phrase);
  // A word only a port's story holds ("ssh" in Redis's) is the weakest evidence: shown only when nothing else matched.
  const storyHits: Hit[] = [];
  let w = 0;
  for (; w < words.length && scored < MAX_SCORED; w++, scored++) {
    const entry = index.entries[words[w]];
    // Whole-word hits and hits in the name rank above prefix hits deep in a description.
    const own = entryWords(entry);
    const ownWords = parts.every((part) => own.some((word) => word.startsWith(part)));
    if (!ownWords) {
      storyHits.push({ id: words[w], match: 'words', score: KIND_SCORE.words - 20, why: storyWhy });
      continue;
    }
    const whole = parts.every((part) => own.includes(part)) ? 50 : 0;
    const inName = parts.every((part) => entry.nameLower.includes(part)) ? 30 : 0;
    offer({ id: words[w], match: 'words', score: KIND_SCORE.words + whole + inName, why: descriptionWhy });
  }
  for (; w < words.length; w++) if (!best.has(words[w]) && allowed(words[w])) unscored.add(words[w]);
  if (best.size === 0 && softwareHits.length === 0) storyHits.forEach(offer);

  if (words.length === 0 && best.size === 0) {
    // "wireles vilage": mend each word that matches nothing to its closest word in the registry.
    const mended = mendTerms(text, parsed.terms);
    if (mended) {
      const why = t('searchWhyClose', mended.join(' '));
      const ids = wordMatches(text, mended);
      for (let i = 0; i < ids.length && i < MAX_SCORED; i++)
        offer({ id: ids[i], match: 'fuzzy', score: KIND_SCORE.fuzzy + 50, why });
    }
  }

  const hitValues = [...best.values()];
  const exact =
    hitValues.some((hit) => hit.match === 'name') || softwareHits.some((hit) => hit.score > KIND_SCORE.software);
  // Word hits count too: "wireless" finding descriptions needs no guessing at typos.
  const strong = hitValues.length + softwareHits.length;
  if (!exact && strong < FUZZY_WHEN_FEWER_THAN)
    fuzzy(text, phrase, offer, softwareHits, best, (id) => wellKnown(index, id));

  const hits = [...best.values()].sort(byScoreThenPort(index));
  const results: SearchResult[] = [];
  // Merge the two kinds by score; software whose port is already listed adds nothing new.
  softwareHits.sort((a, b) => b.score - a.score || a.entry.use.port - b.entry.use.port);
  let h = 0;
  let s = 0;
  let total = hits.length + unscored.size;
  // Software adds nothing when its port is already an exact answer, or listed under the same name
  // ("postgresql" the service and "PostgreSQL" the software).
  const listedPorts = new Set(
    hits.filter((hit) => hit.score >= KIND_SCORE.name).map((hit) => index.entries[hit.id].port),
  );
  const softwareNames = new Map<number, string[]>(); // by port, so each hit looks up only its own port's
  for (const { entry } of softwareHits)
    softwareNames.set(entry.use.port, [...(softwareNames.get(entry.use.port) ?? []), entry.lower]);
  for (const hit of hits) {
    const entry = index.entries[hit.id];
    if (softwareNames.get(entry.port)?.includes(entry.nameLower)) listedPorts.add(entry.port);
  }
  const softwareSeen = new Set<string>();
  // Whether a software hit earns a row of its own; remembers it so a duplicate does not.
  const listable = (use: SearchUse): boolean => {
    const key = softwareKey(use);
    if (listedPorts.has(use.port) || softwareSeen.has(key)) return false;
    if (protocol && use.protocol && use.protocol !== protocol) return false;
    softwareSeen.add(key);
    return true;
  };
  while (results.length < cap && (h < hits.length || s < softwareHits.length)) {
    const nextSoftware = softwareHits[s];
    if (nextSoftware && (h >= hits.length || nextSoftware.score > hits[h].score)) {
      s++;
      if (!listable(nextSoftware.entry.use)) continue;
      total++;
      results.push(softwareResult(nextSoftware));
    } else {
      results.push(toResult(index, hits[h++], protocol));
    }
  }
  // Count what did not fit in the list too.
  for (; s < softwareHits.length; s++) if (listable(softwareHits[s].entry.use)) total++;
  return { total, results };
}

const SOFTWARE_WHY: Record<CommonUseKind, MessageKey> = {
  default: 'searchWhySoftwareDefault',
  malware: 'searchWhySoftwareMalware',
  deprecated: 'searchWhySoftwareDeprecated',
  'scanner-target': 'searchWhySoftwareScanned',
  convention: 'searchWhySoftwareConvention',
};

function softwareWhy(use: SearchUse): string {
  const where = rangeText(use.port, use.portEnd ?? use.port);
  return t(SOFTWARE_WHY[use.kind], use.software, where);
}

function softwareKey(use: SearchUse): string {
  return `s:${use.software}|${use.port}|${use.portEnd ?? use.port}|${use.protocol ?? ''}`;
}

function softwareResult(hit: SoftwareHit): SearchResult {
  const use = hit.entry.use;
  return {
    key: softwareKey(use),
    port: use.port,
    portEnd: use.portEnd ?? use.port,
    rangeClass: rangeClass(use.port),
    protocols: use.protocol ? [use.protocol] : [],
    status: null,
    name: use.software,
    description: use.note ?? null,
    match: hit.match,
    why: softwareWhy(use),
    software: use.software,
    softwareKind: use.kind,
  };
}

/** Words that match nothing replaced by their closest registry word; null when some word has none. */
function mendTerms(text: TextIndex, terms: string[]): string[] | null {
  const parts = terms.flatMap(wordsOf).slice(0, MAX_QUERY_TOKENS);
  let mendsLeft = 3;
  const mended: string[] = [];
  for (const part of parts) {
    const [lo, hi] = prefixRange(text.vocabulary, part);
    if (lo < hi) {
      mended.push(part);
      continue;
    }
    const max = allowedTypos(part);
    if (max === 0 || mendsLeft-- === 0) return null;
    let bestWord: string | null = null;
    let bestDistance = max + 1;
    const letters = (text.vocabularyLetters ??= Int32Array.from(text.vocabulary, letterMask));
    const partLetters = letterMask(part);
    for (let v = 0; v < text.vocabulary.length; v++) {
      const word = text.vocabulary[v];
      // Each letter of the part missing from the word costs at least one edit.
      if (Math.abs(word.length - part.length) > max || bitCount(partLetters & ~letters[v]) >= bestDistance) continue;
      const { whole } = editDistance(part, word, Math.max(bestDistance - 1, 0));
      if (whole < bestDistance) {
        bestDistance = whole;
        bestWord = word;
      }
    }
    if (!bestWord) return null;
    mended.push(bestWord);
  }
  return mended.length > 0 ? mended : null;
}

/** Typos: names and software within a small edit distance of the query, or of the query's start. */
function fuzzy(
  text: TextIndex,
  phrase: string,
  offer: (hit: Hit) => void,
  softwareHits: SoftwareHit[],
  best: Map<number, Hit>,
  wellKnown: (id: number) => boolean,
): void {
  const max = allowedTypos(phrase);
  if (max === 0) return;
  // Each edit costs more than any tie-break below: the closer name always wins, and among equally close names
  // a whole-name typo beats a typo of how a name starts, which beats a typo of one word of a software name.
  // No match, of the whole target or of how it starts, reaches past its first `reach` characters; each letter
  // of the query missing from those costs at least one edit.
  const reach = phrase.length + max;
  const queryLetters = letterMask(phrase);
  const closeness = (target: string, letters: number): number => {
    if (bitCount(queryLetters & ~letters) > max) return -1;
    const { whole, prefix } = editDistance(phrase, target, max);
    if (whole <= max) return 100 - whole * 30 + 5;
    if (prefix <= max) return 100 - prefix * 30;
    return -1;
  };
  const { starts, masks } = (text.nameLetters ??= nameLettersOf(text.names));
  const why = t('searchWhyClose', phrase);
  for (let n = 0; n < text.names.length; n++) {
    const name = text.names[n];
    const close = closeness(name, masks[starts[n] + Math.min(name.length, reach) - 1]);
    if (close < 0) continue;
    for (const id of text.nameIds[n]) {
      if (best.has(id)) continue;
      // "postgrse": the well-known service (postgresql, 5432) before postgres_exporter.
      offer({ id, match: 'fuzzy', score: KIND_SCORE.fuzzy + close + (wellKnown(id) ? WELL_KNOWN_BONUS : 0), why });
    }
  }
  const alreadyMatched = new Set(softwareHits.map((hit) => hit.entry));
  for (const entry of text.software) {
    if (alreadyMatched.has(entry)) continue;
    // "minecarft" is a typo of "Minecraft", and of the first word of "Minecraft Bedrock".
    let close = closeness(entry.lower, entry.letters[0]);
    for (let w = 0; w < entry.words.length; w++)
      close = Math.max(close, closeness(entry.words[w], entry.letters[w + 1]) - 10);
    if (close >= 0) softwareHits.push({ entry, match: 'fuzzy', score: KIND_SCORE.fuzzy + close });
  }
}

/** Less than one edit's worth (30): it only reorders names that are equally close. */
const WELL_KNOWN_BONUS = 20;

/** An assignment people mean when they half-remember a name: a System port, or a port with curated uses. */
function wellKnown(index: SearchIndex, id: number): boolean {
  const entry = index.entries[id];
  if (entry.status !== 'assigned' || entry.portEnd !== entry.port) return false;
  return entry.port <= 1023 || usesByPort(index).has(entry.port);
}
