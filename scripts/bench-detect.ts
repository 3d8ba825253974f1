// npm run bench:detect — detection quality on the labelled corpus and throughput on a few MB of mixed
// technical text, next to a bare /\d+/g scan of the same text in the same run.
//
// The text: the corpus snippets (port-dense) plus the READMEs of the installed npm packages (ordinary
// technical prose with code, versions, dates and URLs), repeated up to ~4 MB.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as detect from '../lib/detect';
import {
  evaluate,
  loadCorpus,
  loadHoldout,
  precision,
  recall,
  renderMatches,
  type Mode,
  type Score,
  type Snippet,
} from '../test/corpus';

const TARGET_BYTES = 4 * 1024 * 1024;
const RUNS = 15;

function fmt(x: number): string {
  return x.toFixed(3);
}

function printQuality(mode: Mode, categories?: string[], source: Snippet[] = loadCorpus()) {
  const snippets = source.filter((s) => !categories || categories.includes(s.category));
  const { byCategory, overall, results } = evaluate(snippets, mode, detect);
  const row = (name: string, s: Score) =>
    `${name.padEnd(12)} ${fmt(precision(s))}     ${fmt(recall(s))}   ${String(s.truePositives).padStart(4)} ` +
    `${String(s.falsePositives).padStart(3)} ${String(s.falseNegatives).padStart(3)}   ` +
    (s.protocolChecked ? `${s.protocolCorrect}/${s.protocolChecked}` : '-');
  console.log(`\n${mode === 'plain' ? 'findPorts(snippet)' : 'page mode (findPorts, then findPortsWithPageContext)'}`);
  console.log(`category     precision recall    tp  fp  fn   protocol`);
  for (const [name, score] of [...byCategory].sort(([a], [b]) => a.localeCompare(b))) console.log(row(name, score));
  console.log(row('overall', overall));
  console.log(`snippets: ${snippets.length}`);
  if (process.argv.includes('--errors')) {
    for (const r of results) {
      if (!r.falsePositives.length && !r.falseNegatives.length) continue;
      const found = mode === 'plain' ? detect.findPorts(r.snippet.text) : [];
      console.log(`\n# ${r.snippet.file}:${r.snippet.line} ${r.snippet.note}`);
      console.log(`  false positives: ${r.falsePositives.map((m) => m.port).join(', ') || '-'}`);
      console.log(`  missed: ${r.falseNegatives.map((m) => m.port).join(', ') || '-'}`);
      if (mode === 'plain') console.log(renderMatches(r.snippet.text, found).slice(0, 600));
    }
  }
}

function readmes(): string[] {
  const texts: string[] = [];
  const root = join(import.meta.dirname, '..', 'node_modules');
  const visit = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (/^readme\.md$/i.test(name)) texts.push(readFileSync(path, 'utf8'));
      else if (depth < 2 && !name.startsWith('.') && statSync(path).isDirectory()) visit(path, depth + 1);
    }
  };
  visit(root, 0);
  return texts;
}

function mixedText(): string {
  const corpus = loadCorpus().map((s) => s.text);
  const parts = [...corpus, ...readmes()];
  let text = '';
  while (text.length < TARGET_BYTES) text += parts.join('\n\n');
  return text.slice(0, TARGET_BYTES);
}

function bareScan(text: string): number {
  const re = /\d+/g;
  let count = 0;
  while (re.exec(text) !== null) count++;
  return count;
}

function measureThroughput(): () => void {
  const text = mixedText();
  const mb = Buffer.byteLength(text, 'utf8') / (1024 * 1024);
  // The content script's shape: one call per text node, with the text before it as `before`.
  const nodes: { text: string; before: string }[] = [];
  for (let i = 0; i < text.length; i += 160) {
    nodes.push({ text: text.slice(i, i + 160), before: text.slice(Math.max(0, i - 64), i) });
  }
  const variants: Record<string, () => number> = {
    bare: () => bareScan(text),
    whole: () => detect.findPorts(text).length,
    bareNodes: () => nodes.reduce((n, node) => n + bareScan(node.text), 0),
    nodes: () => nodes.reduce((n, node) => n + detect.findPorts(node.text, { before: node.before }).length, 0),
  };
  // Warm up, then interleave the variants so a busy machine slows them alike; keep each one's best run and
  // the median of the per-round ratios.
  for (let i = 0; i < 5; i++) for (const run of Object.values(variants)) run();
  const best: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const ratios: { whole: number[]; nodes: number[] } = { whole: [], nodes: [] };
  for (let round = 0; round < RUNS; round++) {
    const ms: Record<string, number> = {};
    for (const [name, run] of Object.entries(variants)) {
      const t0 = performance.now();
      counts[name] = run();
      ms[name] = performance.now() - t0;
      best[name] = Math.min(best[name] ?? Infinity, ms[name]);
    }
    ratios.whole.push(ms.whole / ms.bare);
    ratios.nodes.push(ms.nodes / ms.bareNodes);
  }
  return () => printThroughput(mb, nodes.length, best, counts, ratios);
}

function printThroughput(
  mb: number,
  nodeCount: number,
  best: Record<string, number>,
  counts: Record<string, number>,
  ratios: { whole: number[]; nodes: number[] },
) {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rate = (ms: number) => `${(mb / (ms / 1000)).toFixed(0).padStart(5)} MB/s`;
  console.log(`\nthroughput on ${mb.toFixed(2)} MB of mixed technical text (best of ${RUNS} interleaved rounds, ` +
    `Node ${process.version})`);
  console.log(`one call on the whole text:`);
  console.log(`  bare /\\d+/g scan   ${rate(best.bare)}  (${counts.bare} digit runs)`);
  console.log(`  findPorts          ${rate(best.whole)}  (${counts.whole} ports)   ratio of bests ` +
    `${(best.whole / best.bare).toFixed(2)}x, median ratio ${median(ratios.whole).toFixed(2)}x`);
  console.log(`one call per 160-char text node (${nodeCount} nodes, 64-char before):`);
  console.log(`  bare /\\d+/g scan   ${rate(best.bareNodes)}`);
  console.log(`  findPorts          ${rate(best.nodes)}  ratio of bests ` +
    `${(best.nodes / best.bareNodes).toFixed(2)}x, median ratio ${median(ratios.nodes).toFixed(2)}x`);
}

// Throughput first, on a fresh JIT; the quality runs after it.
const throughput = measureThroughput();
printQuality('plain');
printQuality('page', ['seeds']);
console.log('\nheld-out snippets (never tuned against):');
printQuality('plain', undefined, loadHoldout());
throughput();
