// End to end: every labelled corpus snippet, once as plain text and once rendered as a documentation site renders
// Markdown (tables, lists, headings, paragraphs). The annotator hands the rendered page's structure to detection,
// so the rendered page must score at least as well as the plain one. Scored per snippet by port (a rendered table
// loses the text's offsets, not its numbers).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type Snippet } from '../corpus';
import { marksInFrame, serveFromMemory, waitForAnnotations } from './harness';
import { harnessForFile } from './hostile-checks';
import { asPlainText, corpusPage, renderMarkdown } from './render-corpus';

const snippets = loadCorpus();
const harness = harnessForFile();

beforeAll(async () => {
  await serveFromMemory(harness(), {
    '/corpus-plain.html': corpusPage(snippets, asPlainText),
    '/corpus-rendered.html': corpusPage(snippets, renderMarkdown),
  });
});

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

/** Marked ports per snippet against its labels, as multisets of port numbers. */
async function score(path: string): Promise<{ overall: Tally; byCategory: Map<string, Tally>; hits: number[] }> {
  const page = await harness().open(path);
  const expected = snippets.reduce((n, s) => n + s.expected.length, 0);
  await waitForAnnotations(harness(), page, Math.floor(expected * 0.8));
  const marks = await marksInFrame(page, { scroll: true });
  await page.close();
  const found = new Map<string, string[]>();
  for (const mark of marks) if (mark.caseId) found.set(mark.caseId, [...(found.get(mark.caseId) ?? []), mark.digits]);
  const overall: Tally = { tp: 0, fp: 0, fn: 0 };
  const byCategory = new Map<string, Tally>();
  const hits: number[] = [];
  snippets.forEach((snippet: Snippet, index) => {
    const left = [...(found.get(`s${index}`) ?? [])];
    let tp = 0;
    for (const { port } of snippet.expected) {
      const at = left.indexOf(String(port));
      if (at >= 0) {
        left.splice(at, 1);
        tp++;
      }
    }
    const tally = byCategory.get(snippet.category) ?? { tp: 0, fp: 0, fn: 0 };
    for (const t of [tally, overall]) {
      t.tp += tp;
      t.fp += left.length;
      t.fn += snippet.expected.length - tp;
    }
    byCategory.set(snippet.category, tally);
    hits.push(tp);
  });
  return { overall, byCategory, hits };
}

const recall = (t: Tally) => t.tp / Math.max(1, t.tp + t.fn);
const precision = (t: Tally) => t.tp / Math.max(1, t.tp + t.fp);

describe('the corpus as web pages, in Chromium', () => {
  it('finds at least as much in the rendered page as in the plain text, as precisely, overall and per kind of text', async () => {
    const plain = await score('/corpus-plain.html');
    const rendered = await score('/corpus-rendered.html');
    const line = (name: string, a: Tally, b: Tally) =>
      `${name.padEnd(12)} plain P ${precision(a).toFixed(3)} R ${recall(a).toFixed(3)}   rendered P ${precision(b).toFixed(3)} R ${recall(b).toFixed(3)}`;
    const report = [
      line('overall', plain.overall, rendered.overall),
      ...[...plain.byCategory.keys()].map((c) => line(c, plain.byCategory.get(c)!, rendered.byCategory.get(c)!)),
      ...snippets
        .filter((_, i) => rendered.hits[i] < plain.hits[i])
        .map((s) => `rendered finds less: ${s.file}:${s.line} ${s.note}`),
    ].join('\n');
    console.log(report);
    expect(recall(plain.overall), report).toBeGreaterThanOrEqual(0.95);
    expect(recall(rendered.overall), report).toBeGreaterThanOrEqual(recall(plain.overall));
    expect(precision(rendered.overall), report).toBeGreaterThanOrEqual(precision(plain.overall));
    for (const [category, tally] of rendered.byCategory) {
      expect(recall(tally), `${category}\n${report}`).toBeGreaterThanOrEqual(0.93);
    }
  }, 240_000);
});
