// The quality bar on the labelled corpus (test/corpus/*.txt, format at the top of each file): precision ≥ 0.98
// and recall ≥ 0.95 overall, ≥ 0.95 / 0.90 in every category. A failure lists the snippets that went wrong.

import { describe, expect, it } from 'vitest';
import * as detect from '../lib/detect';
import { evaluate, loadCorpus, loadHoldout, precision, recall, renderMatches, type Mode, type Snippet } from './corpus';

const OVERALL = { precision: 0.98, recall: 0.95 };
const PER_CATEGORY = { precision: 0.95, recall: 0.9 };

const corpus = loadCorpus();

function explain(snippets: readonly Snippet[], mode: Mode): string {
  const { results } = evaluate(snippets, mode, detect);
  return results
    .filter((r) => r.falsePositives.length || r.falseNegatives.length)
    .map((r) => {
      const found = detect.findPorts(r.snippet.text);
      return (
        `${r.snippet.file}:${r.snippet.line} (${r.snippet.note}) extra=[${r.falsePositives.map((m) => m.port)}] ` +
        `missed=[${r.falseNegatives.map((m) => m.port)}]\n${renderMatches(r.snippet.text, found).slice(0, 400)}`
      );
    })
    .join('\n\n');
}

describe('labelled corpus', () => {
  it('is large enough and covers every category with negatives', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    const categories = new Set(corpus.map((s) => s.category));
    for (const name of [
      'prose',
      'urls',
      'docker',
      'kubernetes',
      'config',
      'cli',
      'output',
      'firewall',
      'logs',
      'rfc',
      'i18n',
      'negatives',
      'mixed',
      'seeds',
    ]) {
      expect(categories, name).toContain(name);
    }
    // Every category has numbers that must not match.
    for (const name of categories) {
      const snippets = corpus.filter((s) => s.category === name);
      const negatives = snippets.reduce((n, s) => n + (s.text.match(/\d+/g)?.length ?? 0) - s.expected.length, 0);
      expect(negatives, name).toBeGreaterThanOrEqual(10);
    }
  });

  it('labels are well formed: each mark is a port number standing alone (held-out snippets too)', () => {
    for (const snippet of [...corpus, ...loadHoldout()]) {
      for (const e of snippet.expected) {
        expect(e.port, `${snippet.file}:${snippet.line}`).toBeLessThanOrEqual(65535);
        expect(snippet.text.slice(e.start, e.end)).toBe(String(e.port));
        expect(/\d/.test(snippet.text[e.start - 1] ?? ''), `${snippet.file}:${snippet.line}`).toBe(false);
        expect(/\d/.test(snippet.text[e.end] ?? ''), `${snippet.file}:${snippet.line}`).toBe(false);
      }
    }
  });

  it(`findPorts reaches precision ≥ ${OVERALL.precision} and recall ≥ ${OVERALL.recall} overall`, () => {
    const { overall } = evaluate(corpus, 'plain', detect);
    const message = explain(corpus, 'plain');
    expect(precision(overall), message).toBeGreaterThanOrEqual(OVERALL.precision);
    expect(recall(overall), message).toBeGreaterThanOrEqual(OVERALL.recall);
  });

  const categories = [...new Set(corpus.map((s) => s.category))];
  it.each(categories)(
    `category %s reaches precision ≥ ${PER_CATEGORY.precision} and recall ≥ ${PER_CATEGORY.recall}`,
    (category) => {
      const snippets = corpus.filter((s) => s.category === category);
      const { overall } = evaluate(snippets, 'plain', detect);
      const message = explain(snippets, 'plain');
      expect(precision(overall), message).toBeGreaterThanOrEqual(PER_CATEGORY.precision);
      expect(recall(overall), message).toBeGreaterThanOrEqual(PER_CATEGORY.recall);
    },
  );

  it('the page pipeline (findPorts, then findPortsWithPageContext) holds the bar on every category', () => {
    for (const category of categories) {
      const snippets = corpus.filter((s) => s.category === category);
      const { overall } = evaluate(snippets, 'page', detect);
      const message = `${category}\n${explain(snippets, 'page')}`;
      expect(precision(overall), message).toBeGreaterThanOrEqual(PER_CATEGORY.precision);
      expect(recall(overall), message).toBeGreaterThanOrEqual(PER_CATEGORY.recall);
    }
  });

  it('text cut into 40-character text nodes, each with 64 characters of `before`, finds what the whole text finds', () => {
    // Only right-hand context cut off by the node end can differ (`80:` | `30080/TCP`): there is no `after`.
    const differing: string[] = [];
    for (const snippet of corpus) {
      const whole = detect.findPorts(snippet.text).map((m) => m.start);
      const pieces: number[] = [];
      for (let i = 0; i < snippet.text.length; ) {
        let j = Math.min(snippet.text.length, i + 40);
        while (j < snippet.text.length && /\w/.test(snippet.text[j])) j++; // nodes end at word boundaries
        const before = snippet.text.slice(Math.max(0, i - 64), i);
        for (const m of detect.findPorts(snippet.text.slice(i, j), { before })) pieces.push(m.start + i);
        i = j;
      }
      if (pieces.join() !== whole.join()) differing.push(`${snippet.file}:${snippet.line} ${snippet.note}`);
    }
    expect(differing.length, differing.join('\n')).toBeLessThanOrEqual(corpus.length * 0.02);
  });

  it('protocols, where a label names one, are right', () => {
    const { overall } = evaluate(corpus, 'plain', detect);
    expect(overall.protocolChecked).toBeGreaterThanOrEqual(50);
    expect(overall.protocolCorrect / overall.protocolChecked).toBeGreaterThanOrEqual(0.95);
  });
});
