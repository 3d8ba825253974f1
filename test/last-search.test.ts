import { describe, expect, it, vi } from 'vitest';
import {
  BACKGROUND_ANSWER_KEY,
  LAST_QUERY_MAX_CHARS,
  LAST_SEARCH_KEY,
  createLastSearchStore,
  refreshKeptSearch,
} from '../ext/last-search';
import { createSearchIndex, DEFAULT_LIMIT, search } from '../lib/search';
import { record } from './fixtures/port-info/make';
import { memoryStorage } from './helpers/memory-storage';

const INDEX = createSearchIndex(
  [record({ port: 3717, protocol: 'udp', name: 'wv-csp-udp-cir', description: 'WV CSP UDP/IP CIR Channel' })],
  [{ software: 'Grafana', kind: 'default', protocol: 'tcp', port: 3000 }],
);
const answerFor = (query: string) => search(INDEX, query, 50);

describe('the popup last search', () => {
  it('keeps the query and its answer for the same data and language', () => {
    const kept = memoryStorage();
    createLastSearchStore(kept, 'abc en').saveLastSearch('3717', answerFor('3717'));
    const again = createLastSearchStore(kept, 'abc en').lastSearch();
    expect(again.query).toBe('3717');
    expect(again.answer).toEqual(answerFor('3717'));
    expect(again.answer?.results[0].name).toBe('wv-csp-udp-cir');
  });

  it('keeps the query but drops an answer that other data or another language gave', () => {
    const kept = memoryStorage();
    createLastSearchStore(kept, 'abc en').saveLastSearch('3717', answerFor('3717'));
    expect(createLastSearchStore(kept, 'def en').lastSearch()).toEqual({ query: '3717', answer: null });
    expect(createLastSearchStore(kept, 'abc de').lastSearch()).toEqual({ query: '3717', answer: null });
  });

  it('trims a pasted essay and keeps no answer for the trimmed query', () => {
    const kept = memoryStorage();
    const store = createLastSearchStore(kept, 'abc en');
    store.saveLastSearch('x'.repeat(5000), answerFor('x'));
    const again = store.lastSearch();
    expect(again.query).toHaveLength(LAST_QUERY_MAX_CHARS);
    expect(again.answer).toBeNull();
  });

  it('starts empty on unreadable or tampered storage instead of failing the popup', () => {
    const kept = memoryStorage();
    const store = createLastSearchStore(kept, 'abc en');
    kept.setItem(LAST_SEARCH_KEY, '{not json');
    expect(store.lastSearch()).toEqual({ query: '', answer: null });
    kept.setItem(LAST_SEARCH_KEY, JSON.stringify({ query: 42 }));
    expect(store.lastSearch()).toEqual({ query: '', answer: null });
    // A row the popup could not draw (an unknown range class) drops the whole kept answer, not the query.
    const answer = answerFor('3717');
    const broken = { ...answer, results: [{ ...answer.results[0], rangeClass: 'nowhere' }] };
    kept.setItem(LAST_SEARCH_KEY, JSON.stringify({ query: '3717', answeredBy: 'abc en', answer: broken }));
    expect(store.lastSearch()).toEqual({ query: '3717', answer: null });
    kept.setItem(LAST_SEARCH_KEY, JSON.stringify({ query: '3717', answeredBy: 'abc en', answer: { total: 1 } }));
    expect(store.lastSearch().answer).toBeNull();
  });

  it('works without storage, and survives storage that refuses writes', () => {
    const none = createLastSearchStore(null, 'abc en');
    none.saveLastSearch('3717', answerFor('3717'));
    expect(none.lastSearch()).toEqual({ query: '', answer: null });
    const full = createLastSearchStore(
      {
        getItem: () => null,
        setItem: () => {
          throw new DOMException('quota', 'QuotaExceededError');
        },
      },
      'abc en',
    );
    expect(() => full.saveLastSearch('3717', answerFor('3717'))).not.toThrow();
  });
});

describe('the last search after an update (answered again by the background)', () => {
  // The same port named differently in the old and the new data: an answer shows which data gave it.
  const OLD = createSearchIndex([record({ port: 3717, protocol: 'udp', name: 'old-name', description: 'Old' })], []);
  const NEW = createSearchIndex([record({ port: 3717, protocol: 'udp', name: 'new-name', description: 'New' })], []);
  const searchOf = (index: typeof OLD) => async () => (query: string, limit: number) => search(index, query, limit);

  function memoryMirror() {
    let stored: unknown;
    return { read: async () => stored, write: async (value: unknown) => void (stored = value) };
  }
  function memoryAnswers() {
    const data: Record<string, unknown> = {};
    return {
      data,
      get: async (key: string) => (key in data ? { [key]: data[key] } : {}),
      set: async (items: Record<string, unknown>) => void Object.assign(data, items),
    };
  }

  /** A popup of the old build answered 3717 and kept it; then the new build's background starts. */
  async function updated() {
    const kept = memoryStorage();
    const background = { mirror: memoryMirror(), answers: memoryAnswers() };
    createLastSearchStore(kept, 'old en', background).saveLastSearch('3717', search(OLD, '3717', 50));
    await Promise.resolve(); // the mirror's write
    const refreshed = await refreshKeptSearch(background.mirror, background.answers, 'new en', searchOf(NEW));
    return { kept, background, refreshed, popup: createLastSearchStore(kept, 'new en', background) };
  }

  it('mirrors the query and the data that answered it for the background, not the answer', async () => {
    const mirror = memoryMirror();
    createLastSearchStore(memoryStorage(), 'old en', { mirror, answers: null }).saveLastSearch(
      '3717',
      answerFor('3717'),
    );
    expect(await mirror.read()).toEqual({ query: '3717', answeredBy: 'old en' });
  });

  it('drops the old data’s kept answer and answers the query from the new data instead', async () => {
    const { refreshed, popup, background } = await updated();
    expect(refreshed).toBe(true);
    expect(popup.lastSearch()).toEqual({ query: '3717', answer: null }); // the old build's answer is not drawn
    const answer = await popup.answerKeptFor!('3717');
    expect(answer).toEqual(search(NEW, '3717', DEFAULT_LIMIT));
    expect(answer?.results[0].name).toBe('new-name');
    expect(background.answers.data[BACKGROUND_ANSWER_KEY]).toMatchObject({ query: '3717', answeredBy: 'new en' });
  });

  it('answers again only when the data or the language changed, and only once', async () => {
    const { background } = await updated();
    const loadSearch = vi.fn(searchOf(NEW));
    expect(await refreshKeptSearch(background.mirror, background.answers, 'new en', loadSearch)).toBe(false);
    // The popup answered it itself since: nothing to do, and the index is not even loaded.
    createLastSearchStore(memoryStorage(), 'new en', background).saveLastSearch('x11', answerFor('x11'));
    await Promise.resolve();
    expect(await refreshKeptSearch(background.mirror, background.answers, 'new en', loadSearch)).toBe(false);
    expect(loadSearch).not.toHaveBeenCalled();
    // Another UI language: answered again, in it.
    expect(await refreshKeptSearch(background.mirror, background.answers, 'new de', loadSearch)).toBe(true);
    expect(background.answers.data[BACKGROUND_ANSWER_KEY]).toMatchObject({ query: 'x11', answeredBy: 'new de' });
  });

  it('never gives the popup an answer of other data, or to another query', async () => {
    const { kept, background } = await updated();
    expect(await createLastSearchStore(kept, 'newer en', background).answerKeptFor!('3717')).toBeNull();
    expect(await createLastSearchStore(kept, 'new de', background).answerKeptFor!('3717')).toBeNull();
    expect(await createLastSearchStore(kept, 'new en', background).answerKeptFor!('3716')).toBeNull();
    // An answer the popup could not draw is dropped, as from localStorage.
    background.answers.data[BACKGROUND_ANSWER_KEY] = { query: '3717', answeredBy: 'new en', answer: { total: 1 } };
    expect(await createLastSearchStore(kept, 'new en', background).answerKeptFor!('3717')).toBeNull();
  });

  it('leaves the popup waiting for the index when the storage fails', async () => {
    const failing = {
      mirror: { read: () => Promise.reject(new Error('no')), write: () => Promise.reject(new Error('no')) },
      answers: { get: () => Promise.reject(new Error('no')), set: () => Promise.reject(new Error('no')) },
    };
    const store = createLastSearchStore(memoryStorage(), 'new en', failing);
    expect(() => store.saveLastSearch('3717', answerFor('3717'))).not.toThrow();
    expect(await store.answerKeptFor!('3717')).toBeNull();
  });
});
