// Reader for the labelled detection corpus in test/corpus/ (format described at the top of every corpus file).
// Shared by the corpus test and scripts/bench-detect.ts.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PortMatch, Protocol } from '../lib/types';

export interface ExpectedPort {
  start: number;
  end: number;
  port: number;
  protocol?: Protocol;
}

export interface Snippet {
  category: string;
  file: string;
  line: number; // line of the `===` header in the corpus file
  note: string;
  text: string; // the snippet with the marks removed
  expected: ExpectedPort[];
}

const HEADER = /^=== ?(.*)$/;
const MARK = /\[\[(\d{1,5})(?:\|(tcp|udp|sctp|dccp))?\]\]/g;

export const CORPUS_DIR = join(import.meta.dirname, 'corpus');

/** Removes the marks from a labelled snippet and returns the clean text with the expected ports. */
export function parseLabelled(labelled: string): { text: string; expected: ExpectedPort[] } {
  const expected: ExpectedPort[] = [];
  let text = '';
  let last = 0;
  for (const m of labelled.matchAll(MARK)) {
    text += labelled.slice(last, m.index);
    const start = text.length;
    text += m[1];
    const item: ExpectedPort = { start, end: text.length, port: Number(m[1]) };
    if (m[2]) item.protocol = m[2] as Protocol;
    expected.push(item);
    last = m.index + m[0].length;
  }
  text += labelled.slice(last);
  return { text, expected };
}

/** Parses one corpus file: text before the first `===` line is the file's own notes and is skipped. */
export function parseCorpusFile(source: string, category: string, file: string): Snippet[] {
  const snippets: Snippet[] = [];
  const lines = source.split('\n');
  let current: { line: number; note: string; body: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    const labelled = current.body.join('\n').replace(/\n+$/, '');
    const { text, expected } = parseLabelled(labelled);
    snippets.push({ category, file, line: current.line, note: current.note, text, expected });
  };
  lines.forEach((line, index) => {
    const header = HEADER.exec(line);
    if (header) {
      flush();
      current = { line: index + 1, note: header[1], body: [] };
    } else if (current) {
      current.body.push(line);
    }
  });
  flush();
  return snippets;
}

/**
 * The held-out snippets (corpus/holdout/, one category per round): written before the tuning they measure and
 * never tuned against, so their figures say how it does on text it has not seen. Reported by the bench, not
 * enforced by tests. A round once scored and then tuned on moves into the corpus proper when it meets the corpus
 * test's bars; until then its header says it has been tuned on.
 */
export function loadHoldout(dir = CORPUS_DIR): Snippet[] {
  const holdoutDir = join(dir, 'holdout');
  return readdirSync(holdoutDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .flatMap((name) =>
      parseCorpusFile(readFileSync(join(holdoutDir, name), 'utf8'), `holdout/${name.slice(0, -4)}`, `holdout/${name}`),
    );
}

/** Every snippet of the corpus: one category per `*.txt` file, plus `seeds` for the pages in corpus/seeds/. */
export function loadCorpus(dir = CORPUS_DIR): Snippet[] {
  const all: Snippet[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.txt')) {
      all.push(...parseCorpusFile(readFileSync(join(dir, name), 'utf8'), name.slice(0, -4), name));
    }
  }
  const seedsDir = join(dir, 'seeds');
  for (const name of readdirSync(seedsDir).sort()) {
    if (name.endsWith('.txt')) {
      all.push(...parseCorpusFile(readFileSync(join(seedsDir, name), 'utf8'), 'seeds', `seeds/${name}`));
    }
  }
  return all;
}

export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  protocolChecked: number; // expected ports that carry a protocol label and were found
  protocolCorrect: number;
}

export interface SnippetResult {
  snippet: Snippet;
  falsePositives: PortMatch[];
  falseNegatives: ExpectedPort[];
  wrongProtocol: { expected: ExpectedPort; got: PortMatch }[];
}

/** Compares found matches with the labels: a hit needs the exact same span. */
export function scoreSnippet(snippet: Snippet, found: PortMatch[]): SnippetResult {
  const byStart = new Map(snippet.expected.map((e) => [e.start, e]));
  const hitStarts = new Set<number>();
  const falsePositives: PortMatch[] = [];
  const wrongProtocol: SnippetResult['wrongProtocol'] = [];
  for (const match of found) {
    const expected = byStart.get(match.start);
    if (expected && expected.end === match.end) {
      hitStarts.add(match.start);
      if (expected.protocol && expected.protocol !== match.protocol) wrongProtocol.push({ expected, got: match });
    } else {
      falsePositives.push(match);
    }
  }
  const falseNegatives = snippet.expected.filter((e) => !hitStarts.has(e.start));
  return { snippet, falsePositives, falseNegatives, wrongProtocol };
}

export function emptyScore(): Score {
  return { truePositives: 0, falsePositives: 0, falseNegatives: 0, protocolChecked: 0, protocolCorrect: 0 };
}

export function addResult(score: Score, result: SnippetResult): void {
  const found = result.snippet.expected.length - result.falseNegatives.length;
  score.truePositives += found;
  score.falsePositives += result.falsePositives.length;
  score.falseNegatives += result.falseNegatives.length;
  const labelledFound = result.snippet.expected.filter((e) => e.protocol && !result.falseNegatives.includes(e)).length;
  score.protocolChecked += labelledFound;
  score.protocolCorrect += labelledFound - result.wrongProtocol.length;
}

export const precision = (s: Score) =>
  s.truePositives + s.falsePositives === 0 ? 1 : s.truePositives / (s.truePositives + s.falsePositives);
export const recall = (s: Score) =>
  s.truePositives + s.falseNegatives === 0 ? 1 : s.truePositives / (s.truePositives + s.falseNegatives);

/** Renders a snippet with found ports in `[[…]]`, for failure messages and the bench's error listing. */
export function renderMatches(text: string, matches: readonly { start: number; end: number }[]): string {
  let out = '';
  let last = 0;
  for (const m of matches) {
    out += `${text.slice(last, m.start)}[[${text.slice(m.start, m.end)}]]`;
    last = m.end;
  }
  return out + text.slice(last);
}

export type Mode = 'plain' | 'page';

/**
 * Runs the detector on every snippet. `plain`: `findPorts(text)` on the snippet as one text. `page`: the page
 * pipeline — a first `findPorts` pass collects the page's ports, then `findPortsWithPageContext` runs with them.
 */
export function evaluate(
  snippets: readonly Snippet[],
  mode: Mode,
  detect: {
    findPorts: (text: string) => PortMatch[];
    findPortsWithPageContext: (text: string, options: { pagePorts: ReadonlySet<number> }) => PortMatch[];
  },
): { byCategory: Map<string, Score>; overall: Score; results: SnippetResult[] } {
  const byCategory = new Map<string, Score>();
  const overall = emptyScore();
  const results: SnippetResult[] = [];
  for (const snippet of snippets) {
    let found = detect.findPorts(snippet.text);
    if (mode === 'page') {
      const pagePorts = new Set(found.map((m) => m.port));
      found = detect.findPortsWithPageContext(snippet.text, { pagePorts });
    }
    const result = scoreSnippet(snippet, found);
    results.push(result);
    let score = byCategory.get(snippet.category);
    if (!score) byCategory.set(snippet.category, (score = emptyScore()));
    addResult(score, result);
    addResult(overall, result);
  }
  return { byCategory, overall, results };
}
