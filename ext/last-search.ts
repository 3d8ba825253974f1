// The popup's last search, kept in the extension's own localStorage: it is read synchronously, so the popup's first
// frame already shows the query and, when this build's data gave it, its answer, without waiting for the 540 KB
// search index. The live search replaces the kept answer as soon as the index is in.
//
// After an update the kept answer is of the old data and is not shown. So the query is also mirrored where the
// background can read it (IndexedDB: a MV3 service worker has no localStorage), and when the data or the UI
// language has changed, the background answers that query from the new data and keeps the answer in storage.local,
// which the popup's first opening after the update reads 7-9 ms after its script starts instead of waiting 30-50
// ms for the index.
import { DEFAULT_LIMIT, type SearchAnswer, type SearchResult } from '../lib/search';
import { RANGE_CLASSES } from '../lib/range-classes';

/** A remembered query is a convenience; a pasted essay is not worth keeping. */
export const LAST_QUERY_MAX_CHARS = 200;
export const LAST_SEARCH_KEY = 'portolan.lastSearch';

/** The name of the data and language an answer comes from: the packaged search index's hash and the UI language. */
export const answeredByName = (searchIndexId: string, uiLanguage: string): string => `${searchIndexId} ${uiLanguage}`;

export interface LastSearch {
  query: string;
  /** null when it was answered by other data (another build, another UI language) or not answered yet. */
  answer: SearchAnswer | null;
}

export interface LastSearchStore {
  lastSearch(): LastSearch;
  saveLastSearch(query: string, answer: SearchAnswer | null): void;
  /**
   * The answer to `query` that the background kept from this build's data (after an update), or null; asked only
   * when localStorage holds none.
   */
  answerKeptFor?(query: string): Promise<SearchAnswer | null>;
}

/**
 * Where the popup's last query is mirrored for the background: one record, shared by the popup and the background
 * (ext/kept-search-db.ts, IndexedDB, which tells no one of a change; storage.local would send a storage.onChanged
 * event to every tab's content script on each keystroke).
 */
export interface KeptSearchArea {
  read(): Promise<unknown>;
  write(record: unknown): Promise<void>;
}

/** Where the background keeps its answer for the popup: storage.local, one get from the popup's first line. */
export interface AnswerArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}
export const BACKGROUND_ANSWER_KEY = 'portolan.backgroundAnswer';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isStringOrNull = (value: unknown) => value === null || typeof value === 'string';
const isStringList = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The fields the popup's rows read; a row that fails any of them is not shown from storage. */
function isResult(value: unknown): value is SearchResult {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  const range = row.range as Record<string, unknown> | undefined;
  const counts = range?.counts as Record<string, unknown> | undefined;
  return (
    typeof row.key === 'string' &&
    isNumber(row.port) &&
    isNumber(row.portEnd) &&
    typeof row.rangeClass === 'string' &&
    Object.hasOwn(RANGE_CLASSES, row.rangeClass) &&
    isStringList(row.protocols) &&
    isStringOrNull(row.status) &&
    isStringOrNull(row.name) &&
    isStringOrNull(row.description) &&
    typeof row.match === 'string' &&
    typeof row.why === 'string' &&
    (row.usedBy === undefined || isStringList(row.usedBy)) &&
    (range === undefined ||
      (isNumber(range.portUses) &&
        isStringList(range.records) &&
        ['assigned', 'reserved', 'unassigned'].every((count) => isNumber(counts?.[count]))))
  );
}

function answerOf(value: unknown): SearchAnswer | null {
  if (typeof value !== 'object' || value === null) return null;
  const answer = value as Record<string, unknown>;
  if (!isNumber(answer.total) || !Array.isArray(answer.results) || !answer.results.every(isResult)) return null;
  if (answer.notice !== undefined && typeof answer.notice !== 'string') return null;
  return answer as unknown as SearchAnswer;
}

/**
 * `answeredBy` names the data and language an answer comes from (the search index's hash and the UI language):
 * an answer kept under another name is dropped, so an update never shows the old data's rows. (`area`, not
 * `storage`: WXT's unimport plugin would bundle wxt/utils/storage for that name, see ext/settings-store.ts.)
 */
export function createLastSearchStore(
  area: KeyValueStorage | null,
  answeredBy: string,
  background: { mirror: KeptSearchArea | null; answers: AnswerArea | null } = { mirror: null, answers: null },
): LastSearchStore {
  // One read per query, however many ask (the popup's entry starts it, the popup waits for it).
  const asked = new Map<string, Promise<SearchAnswer | null>>();
  const readKept = async (query: string) => {
    try {
      const stored = (await background.answers?.get(BACKGROUND_ANSWER_KEY))?.[BACKGROUND_ANSWER_KEY];
      return keptAnswer(stored, query, answeredBy);
    } catch {
      return null;
    }
  };
  return {
    lastSearch() {
      try {
        const kept = JSON.parse(area?.getItem(LAST_SEARCH_KEY) ?? 'null') as Record<string, unknown> | null;
        if (typeof kept?.query !== 'string') return { query: '', answer: null };
        const query = kept.query.slice(0, LAST_QUERY_MAX_CHARS);
        return { query, answer: kept.answeredBy === answeredBy && query === kept.query ? answerOf(kept.answer) : null };
      } catch {
        return { query: '', answer: null }; // unreadable: start empty rather than fail the popup
      }
    },
    saveLastSearch(query, answer) {
      const kept = query.slice(0, LAST_QUERY_MAX_CHARS);
      const record = { query: kept, answeredBy, answer: kept === query ? answer : null };
      try {
        area?.setItem(LAST_SEARCH_KEY, JSON.stringify(record));
      } catch {
        // Storage full or refused (a browser that blocks site data): the popup still works, it just forgets.
      }
      // The query and the data that answered it, not the answer: the background answers anew when the data changes.
      background.mirror?.write({ query: record.query, answeredBy }).catch(() => undefined);
    },
    answerKeptFor(query) {
      let answer = asked.get(query);
      if (!answer) asked.set(query, (answer = readKept(query)));
      return answer;
    },
  };
}

/** The answer a stored record holds for `query`, if `answeredBy` (this data, this language) gave it; else null. */
function keptAnswer(stored: unknown, query: string, answeredBy: string): SearchAnswer | null {
  const kept = stored as Record<string, unknown> | null | undefined;
  return kept?.query === query && kept.answeredBy === answeredBy ? answerOf(kept.answer) : null;
}

/**
 * The background's part, run when the extension is installed or updated and when the browser starts (the UI
 * language may have changed): if the mirrored last query was answered by other data or in another language, and
 * the background has not answered it from this data yet, answer it from the data shipped now and keep the answer
 * for the popup. Resolves to whether it did. (A popup that stored another query meanwhile does not draw this
 * answer: it draws a kept answer only for its own query.)
 */
export async function refreshKeptSearch(
  mirror: KeptSearchArea,
  answers: AnswerArea,
  answeredBy: string,
  loadSearch: () => Promise<(query: string, limit: number) => SearchAnswer>,
): Promise<boolean> {
  const kept = (await mirror.read()) as Record<string, unknown> | null | undefined;
  const query = kept?.query;
  if (typeof query !== 'string' || !query.trim() || query.length > LAST_QUERY_MAX_CHARS) return false;
  if (kept?.answeredBy === answeredBy) return false; // the popup's own answer from this data is in localStorage
  const done = (await answers.get(BACKGROUND_ANSWER_KEY))[BACKGROUND_ANSWER_KEY] as Record<string, unknown> | undefined;
  if (done?.query === query && done.answeredBy === answeredBy) return false;
  const answer = (await loadSearch())(query, DEFAULT_LIMIT); // the popup's own limit: the same answer
  await answers.set({ [BACKGROUND_ANSWER_KEY]: { query, answeredBy, answer } });
  return true;
}
