// The popup's last search, kept in the extension's own localStorage: it is read synchronously, so the popup's first
// frame already shows the query and, when this build's data gave it, its answer, without waiting for the 540 KB
// search index. The live search replaces the kept answer as soon as the index is in.
import type { SearchAnswer, SearchResult } from '../lib/search';
import { RANGE_CLASSES } from '../lib/range-classes';

/** A remembered query is a convenience; a pasted essay is not worth keeping. */
export const LAST_QUERY_MAX_CHARS = 200;
export const LAST_SEARCH_KEY = 'portolan.lastSearch';

export interface LastSearch {
  query: string;
  /** null when it was answered by other data (another build, another UI language) or not answered yet. */
  answer: SearchAnswer | null;
}

export interface LastSearchStore {
  lastSearch(): LastSearch;
  saveLastSearch(query: string, answer: SearchAnswer | null): void;
}

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
export function createLastSearchStore(area: KeyValueStorage | null, answeredBy: string): LastSearchStore {
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
      try {
        area?.setItem(
          LAST_SEARCH_KEY,
          JSON.stringify({ query: kept, answeredBy, answer: kept === query ? answer : null }),
        );
      } catch {
        // Storage full or refused (a browser that blocks site data): the popup still works, it just forgets.
      }
    },
  };
}
