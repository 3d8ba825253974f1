import { describe, expect, it } from 'vitest';
import { LAST_QUERY_MAX_CHARS, LAST_SEARCH_KEY, createLastSearchStore } from '../ext/last-search';
import { createSearchIndex, search } from '../lib/search';
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
