// npm run bench:detect — detection quality on the labelled corpus and throughput on a few MB of mixed
// technical text, next to a bare /\d+/g scan of the same text in the same run.
//
// The text: the corpus snippets (port-dense) plus the READMEs of the installed npm packages (ordinary
// technical prose with code, versions, dates and URLs), repeated up to ~4 MB.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as detect from '../lib/detect';
import { evaluate, loadCorpus, precision, recall, renderMatches, type Mode, type Score } from '../test/corpus';

const TARGET_BYTES = 4 * 1024 * 1024;
const RUNS = 9;

function fmt(x: number): string {
  return x.toFixed(3);
}

function printQuality(mode: Mode, categories?: string[]) {
  const snippets = loadCorpus().filter((s) => !categories || categories.includes(s.category));
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

function bestOf(runs: number, fn: () => number): { ms: number; result: number } {
  let best = Infinity;
  let result = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result };
}

function bareScan(text: string): number {
  const re = /\d+/g;
  let count = 0;
  while (re.exec(text) !== null) count++;
  return count;
}

function printThroughput() {
  const text = mixedText();
  const mb = Buffer.byteLength(text, 'utf8') / (1024 * 1024);
  // Warm up both so the JIT has optimised them before timing.
  for (let i = 0; i < 5; i++) {
    bareScan(text);
    detect.findPorts(text);
  }
  const bare = bestOf(RUNS, () => bareScan(text));
  const whole = bestOf(RUNS, () => detect.findPorts(text).length);
  // The content script's shape: one call per text node with the text before it as `before`.
  const nodes: { text: string; before: string }[] = [];
  for (let i = 0; i < text.length; i += 160) {
    nodes.push({ text: text.slice(i, i + 160), before: text.slice(Math.max(0, i - 64), i) });
  }
  const perNode = bestOf(RUNS, () => {
    let n = 0;
    for (const node of nodes) n += detect.findPorts(node.text, { before: node.before }).length;
    return n;
  });
  const rate = (ms: number) => mb / (ms / 1000);
  console.log(`\nthroughput on ${mb.toFixed(2)} MB of mixed technical text (best of ${RUNS}, Node ${process.version})`);
  console.log(`bare /\\d+/g scan           ${rate(bare.ms).toFixed(0).padStart(6)} MB/s  (${bare.result} digit runs)`);
  console.log(`findPorts, one call        ${rate(whole.ms).toFixed(0).padStart(6)} MB/s  (${whole.result} ports)` +
    `  ratio to bare scan: ${(whole.ms / bare.ms).toFixed(2)}x`);
  console.log(`findPorts, per 160-char node with 64-char before ${rate(perNode.ms).toFixed(0)} MB/s` +
    `  ratio to bare scan: ${(perNode.ms / bare.ms).toFixed(2)}x`);
}

printQuality('plain');
printQuality('page', ['seeds']);
printThroughput();
