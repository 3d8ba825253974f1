// Curated knowledge that IANA's registry does not carry: what software really listens on a port, and the
// stories behind some ports. Pure: the caller loads the JSON (packaged file or import) and hands it in.
// The checks here mirror data/curated/schema/*.json; test/curated-schema.test.ts keeps the two in step.

import {
  PROTOCOLS,
  type CommonUse,
  type CommonUseKind,
  type CuratedSource,
  type PortStory,
  type Protocol,
} from './types';

export const COMMON_USE_KINDS: readonly CommonUseKind[] = [
  'default',
  'convention',
  'malware',
  'scanner-target',
  'deprecated',
];

/** Upper bounds that keep the card short; the schema carries the same numbers. */
export const LIMITS = {
  softwareLength: 80,
  noteLength: 240,
  titleLength: 120,
  paragraphLength: 900,
  minParagraphs: 2,
  maxParagraphs: 4,
} as const;

export interface CuratedData {
  readonly uses: readonly CommonUse[];
  readonly stories: readonly PortStory[];
  /** Every use covering `port` (single-port entries first, then ranges), optionally narrowed to a protocol;
   * entries without a protocol apply to every protocol. */
  usesFor(port: number, protocol?: Protocol): CommonUse[];
  storyFor(port: number): PortStory | undefined;
  /** Case-insensitive search over software names: whole name, then name prefix, then word prefixes. */
  searchSoftware(query: string, limit?: number): CommonUse[];
}

export class CuratedDataError extends Error {
  constructor(
    readonly file: 'common-uses' | 'stories',
    readonly index: number | null,
    problem: string,
  ) {
    super(index === null ? `${file}: ${problem}` : `${file}[${index}]: ${problem}`);
    this.name = 'CuratedDataError';
  }
}

type Fail = (problem: string) => never;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(value: Record<string, unknown>, allowed: readonly string[], what: string, fail: Fail): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(`${what} has unknown field "${key}" (allowed: ${allowed.join(', ')})`);
  }
}

function text(value: unknown, field: string, maxLength: number, fail: Fail): string {
  if (typeof value !== 'string') fail(`${field} must be a string`);
  const s = value as string;
  if (s.trim() === '') fail(`${field} must not be empty`);
  if (s !== s.trim()) fail(`${field} has leading or trailing spaces`);
  if (s.length > maxLength) fail(`${field} is ${s.length} characters, over the limit of ${maxLength}`);
  return s;
}

function portNumber(value: unknown, field: string, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535) {
    fail(`${field} must be an integer in 0-65535, got ${JSON.stringify(value)}`);
  }
  return value as number;
}

function isoDay(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== 'string') fail(`${field} must be an ISO date string (YYYY-MM-DD)`);
  const match = ISO_DAY.exec(value as string);
  if (!match) fail(`${field} must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(value)}`);
  const [, y, m, d] = match!.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    fail(`${field} is not a real calendar date: ${value as string}`);
  }
  return value as string;
}

function source(value: unknown, field: string, fail: Fail): CuratedSource {
  if (value === undefined) fail(`missing ${field}: every curated fact needs a source`);
  if (!isRecord(value)) fail(`${field} must be an object { title, url, checked }`);
  const s = value as Record<string, unknown>;
  checkKeys(s, ['title', 'url', 'checked'], field, fail);
  const title = text(s.title, `${field}.title`, LIMITS.titleLength, fail);
  if (typeof s.url !== 'string') fail(`${field}.url must be a string`);
  let parsed: URL | undefined;
  try {
    parsed = new URL(s.url as string);
  } catch {
    fail(`${field}.url is not a valid URL: ${JSON.stringify(s.url)}`);
  }
  // Links open from the card: https only, and written exactly as they will be opened (no spaces to re-encode).
  if (parsed!.protocol !== 'https:') fail(`${field}.url must use https: ${s.url as string}`);
  if (/\s/.test(s.url as string)) fail(`${field}.url contains whitespace: ${JSON.stringify(s.url)}`);
  const checked = isoDay(s.checked, `${field}.checked`, fail);
  return { title, url: s.url as string, checked };
}

function parseUse(value: unknown, fail: Fail): CommonUse {
  if (!isRecord(value)) fail('entry must be an object');
  const e = value as Record<string, unknown>;
  checkKeys(e, ['port', 'portEnd', 'protocol', 'software', 'kind', 'note', 'source'], 'entry', fail);
  const port = portNumber(e.port, 'port', fail);
  const use: CommonUse = {
    port,
    software: text(e.software, 'software', LIMITS.softwareLength, fail),
    kind: 'default',
    source: source(e.source, 'source', fail),
  };
  if (e.portEnd !== undefined) {
    const portEnd = portNumber(e.portEnd, 'portEnd', fail);
    if (portEnd < port) fail(`portEnd ${portEnd} is below port ${port}`);
    if (portEnd === port) fail(`portEnd equals port ${port}: omit portEnd for a single port`);
    use.portEnd = portEnd;
  }
  if (e.protocol !== undefined) {
    if (!PROTOCOLS.includes(e.protocol as Protocol)) {
      fail(`unknown protocol ${JSON.stringify(e.protocol)} (expected one of ${PROTOCOLS.join(', ')})`);
    }
    use.protocol = e.protocol as Protocol;
  }
  if (!COMMON_USE_KINDS.includes(e.kind as CommonUseKind)) {
    fail(`unknown kind ${JSON.stringify(e.kind)} (expected one of ${COMMON_USE_KINDS.join(', ')})`);
  }
  use.kind = e.kind as CommonUseKind;
  if (e.note !== undefined) use.note = text(e.note, 'note', LIMITS.noteLength, fail);
  return use;
}

function parseStory(value: unknown, fail: Fail): PortStory {
  if (!isRecord(value)) fail('story must be an object');
  const s = value as Record<string, unknown>;
  checkKeys(s, ['port', 'title', 'paragraphs', 'sources'], 'story', fail);
  const port = portNumber(s.port, 'port', fail);
  const title = text(s.title, 'title', LIMITS.titleLength, fail);
  if (!Array.isArray(s.paragraphs)) fail('paragraphs must be an array of strings');
  const paragraphs = (s.paragraphs as unknown[]).map((p, i) =>
    text(p, `paragraphs[${i}]`, LIMITS.paragraphLength, fail),
  );
  if (paragraphs.length < LIMITS.minParagraphs || paragraphs.length > LIMITS.maxParagraphs) {
    fail(`needs ${LIMITS.minParagraphs}-${LIMITS.maxParagraphs} paragraphs, has ${paragraphs.length}`);
  }
  if (s.sources === undefined) fail('missing sources: every story needs at least one source');
  if (!Array.isArray(s.sources) || s.sources.length === 0) fail('sources must be a non-empty array');
  const sources = (s.sources as unknown[]).map((src, i) => source(src, `sources[${i}]`, fail));
  return { port, title, paragraphs, sources };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Lower-cased words of a software name: "Apache Kafka (broker)" -> ["apache", "kafka", "broker"]. */
function words(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function useKey(u: CommonUse): string {
  return `${u.port}-${u.portEnd ?? u.port}/${u.protocol ?? '*'}/${u.software.toLowerCase()}/${u.kind}`;
}

/** Validates both files and builds the lookups. Throws CuratedDataError naming the file, entry and problem. */
export function parseCurated(commonUsesJson: unknown, storiesJson: unknown): CuratedData {
  if (!Array.isArray(commonUsesJson))
    throw new CuratedDataError('common-uses', null, 'must be a JSON array of entries');
  if (!Array.isArray(storiesJson)) throw new CuratedDataError('stories', null, 'must be a JSON array of stories');

  const seenUses = new Map<string, number>();
  const uses = commonUsesJson.map((raw, index) => {
    const fail: Fail = (problem) => {
      throw new CuratedDataError('common-uses', index, problem);
    };
    const use = parseUse(raw, fail);
    const key = useKey(use);
    const first = seenUses.get(key);
    if (first !== undefined) fail(`duplicate of entry ${first} (${use.software} on ${use.port}, kind ${use.kind})`);
    seenUses.set(key, index);
    return use;
  });

  const storyByPort = new Map<number, PortStory>();
  const storyIndex = new Map<number, number>();
  const stories = storiesJson.map((raw, index) => {
    const fail: Fail = (problem) => {
      throw new CuratedDataError('stories', index, problem);
    };
    const story = parseStory(raw, fail);
    const first = storyIndex.get(story.port);
    if (first !== undefined) fail(`duplicate story for port ${story.port} (first at index ${first})`);
    storyIndex.set(story.port, index);
    storyByPort.set(story.port, story);
    return story;
  });

  deepFreeze(uses);
  deepFreeze(stories);

  // Single ports answer in O(1); ranges are few, so a scan over them is cheap.
  const singles = new Map<number, CommonUse[]>();
  const ranges: CommonUse[] = [];
  for (const use of uses) {
    if (use.portEnd === undefined) {
      const list = singles.get(use.port);
      if (list) list.push(use);
      else singles.set(use.port, [use]);
    } else {
      ranges.push(use);
    }
  }

  const searchIndex = uses.map((use) => ({ use, name: use.software.toLowerCase(), words: words(use.software) }));

  return {
    uses,
    stories,
    usesFor(port, protocol) {
      const found = [...(singles.get(port) ?? []), ...ranges.filter((r) => port >= r.port && port <= r.portEnd!)];
      return protocol ? found.filter((u) => u.protocol === undefined || u.protocol === protocol) : found;
    },
    storyFor(port) {
      return storyByPort.get(port);
    },
    searchSoftware(query, limit = 50) {
      const q = query.trim().toLowerCase();
      if (q === '') return [];
      const queryWords = words(q);
      const scored: { use: CommonUse; score: number }[] = [];
      for (const entry of searchIndex) {
        let score: number;
        if (entry.name === q) score = 0;
        else if (entry.name.startsWith(q)) score = 1;
        else if (queryWords.length > 0 && queryWords.every((qw) => entry.words.some((w) => w.startsWith(qw))))
          score = 2;
        else if (entry.name.includes(q)) score = 3;
        else continue;
        scored.push({ use: entry.use, score });
      }
      // Better matches first, then lower ports; the sort is stable, so file order breaks the remaining ties.
      scored.sort((a, b) => a.score - b.score || a.use.port - b.use.port);
      return scored.slice(0, limit).map((s) => s.use);
    },
  };
}
