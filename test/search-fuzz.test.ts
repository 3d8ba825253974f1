// Random input against the popup's query parser and search over the whole registry: never a throw, never
// runaway work, and answers that stay consistent (results within the limit, total at least what is shown).
import { describe, expect, it } from 'vitest';
import { parseQuery, search } from '../lib/search';
import { registrySearchIndex } from '../lib/search-pack';
import { readPackagedData } from '../scripts/packaged-data';
import { seededRandom } from './helpers/seeded-random';

const { registry, curated } = readPackagedData();
const index = registrySearchIndex(registry, curated.uses, curated.stories);

const PIECES = [
  '0',
  '53',
  '3717',
  '6000',
  '65535',
  '65536',
  '99999',
  '-',
  '–',
  ':',
  '/',
  ' ',
  '  ',
  'tcp',
  'udp',
  'sctp',
  'x11',
  'post',
  'wireless',
  'village',
  '*',
  '(',
  '[',
  '\\',
  '.',
  ',',
  'é',
  'порт',
  '端口',
  '\u200b',
  '\u202e',
  '\n',
  '%',
  '"',
  '<b>',
  'ﬀ',
];

function randomQuery(next: () => number): string {
  const parts = Math.floor(next() * 8);
  let query = '';
  for (let i = 0; i < parts; i++) {
    query +=
      next() < 0.2 ? String.fromCharCode(Math.floor(next() * 0xffff)) : PIECES[Math.floor(next() * PIECES.length)];
  }
  return query;
}

describe('search under random input', () => {
  it('never throws and keeps its answers consistent over 2,000 seeded queries', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const query = randomQuery(seededRandom(seed));
      let answer: ReturnType<typeof search>;
      try {
        parseQuery(query);
        answer = search(index, query, 20);
      } catch (error) {
        throw new Error(`seed ${seed}, query ${JSON.stringify(query)}: ${(error as Error).message}`);
      }
      expect(answer.results.length, `seed ${seed}`).toBeLessThanOrEqual(20);
      expect(answer.total, `seed ${seed}`).toBeGreaterThanOrEqual(answer.results.length);
    }
  });

  it('stays bounded on pasted walls of text: 1 MB costs about what 10 KB does', () => {
    const wall = (size: number) =>
      'port 8080 tcp/443 wireless village x11 6000-6063 '.repeat(Math.ceil(size / 50)).slice(0, size);
    const time = (query: string) => {
      const started = performance.now();
      for (let i = 0; i < 5; i++) search(index, query);
      return performance.now() - started;
    };
    time(wall(10_000));
    const small = time(wall(10_000));
    const large = time(wall(1_000_000));
    // The parser looks at a bounded prefix; anything near linear in the pasted size would be ~100x.
    expect(large).toBeLessThan(small * 10 + 50);
  });
});
