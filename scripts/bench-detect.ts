// npm run bench:detect — detection quality on the labelled corpus and throughput, next to a bare /\d+/g scan of
// the same text in the same run, against the floor (≥ 100 MB/s and ≤ 3× the bare scan).
//
// Throughput is measured on two texts, each as one call and as ~300-character pieces with 64 characters of
// `before` (the content script's shape), and those pieces once more through createPageFinder (the content script's
// own call, without protocol inference): dense text (the corpus categories made of tables, logs, scanner output,
// commands and config) and prose (the READMEs of the installed npm packages), each repeated to ~2 MB.
// The detector is measured as it ships: bundled into one module (as in the content script), because under tsx
// every read of a binding imported from another module is a getter call, which costs lib/detect/ several times
// over and says nothing about the extension.

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
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

const TARGET_BYTES = 2 * 1024 * 1024;
const RUNS = 15;
const PIECE = 300;
const FLOOR_MB_S = 100;
const CEILING_RATIO = 3;
const DENSE = ['cli', 'config', 'docker', 'firewall', 'kubernetes', 'logs', 'output', 'tables', 'lists'];

async function bundledDetector(): Promise<typeof import('../lib/detect')> {
  const out = await build({
    entryPoints: [join(import.meta.dirname, '..', 'lib', 'detect', 'index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  const file = join(tmpdir(), `portolan-detect-${process.pid}.mjs`);
  writeFileSync(file, out.outputFiles[0].text);
  return import(pathToFileURL(file).href);
}

const detect = await bundledDetector();

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

function repeated(parts: string[]): string {
  let text = '';
  while (text.length < TARGET_BYTES) text += parts.join('\n\n');
  return text.slice(0, TARGET_BYTES);
}

function texts(): Record<string, string> {
  const corpus = loadCorpus();
  return {
    dense: repeated(corpus.filter((s) => DENSE.includes(s.category)).map((s) => s.text)),
    prose: repeated(readmes()),
  };
}

function bareScan(text: string): number {
  const re = /\d+/g;
  let count = 0;
  while (re.exec(text) !== null) count++;
  return count;
}

interface Row {
  name: string;
  mb: number;
  bare: number;
  find: number;
  ratios: number[];
  ports: number;
  runs: number;
}

function measureThroughput(): () => void {
  const rows: Row[] = [];
  for (const [name, text] of Object.entries(texts())) {
    const mb = Buffer.byteLength(text, 'utf8') / (1024 * 1024);
    const pieces: { text: string; before: string }[] = [];
    for (let i = 0; i < text.length; i += PIECE) {
      pieces.push({ text: text.slice(i, i + PIECE), before: text.slice(Math.max(0, i - 64), i) });
    }
    const shapes: [string, () => number, () => number][] = [
      [`${name}, whole text`, () => bareScan(text), () => detect.findPorts(text).length],
      [
        `${name}, ${PIECE}-char pieces`,
        () => pieces.reduce((n, p) => n + bareScan(p.text), 0),
        () => pieces.reduce((n, p) => n + detect.findPorts(p.text, { before: p.before }).length, 0),
      ],
      // What the content script runs: the page finder, fed in reading order, which leaves protocol inference to
      // the card. Reported beside the floor's two shapes, not instead of them.
      [
        `${name}, page finder`,
        () => pieces.reduce((n, p) => n + bareScan(p.text), 0),
        () => {
          const find = detect.createPageFinder();
          return pieces.reduce((n, p) => n + find(p.text, p.before).length, 0);
        },
      ],
    ];
    for (const [label, bare, find] of shapes) {
      // Warm up, then interleave the two so a busy machine slows them alike; keep each one's best run and the
      // median of the per-round ratios.
      for (let i = 0; i < 3; i++) {
        bare();
        find();
      }
      const row: Row = { name: label, mb, bare: Infinity, find: Infinity, ratios: [], ports: 0, runs: bare() };
      for (let round = 0; round < RUNS; round++) {
        const t0 = performance.now();
        bare();
        const t1 = performance.now();
        row.ports = find();
        const t2 = performance.now();
        row.bare = Math.min(row.bare, t1 - t0);
        row.find = Math.min(row.find, t2 - t1);
        row.ratios.push((t2 - t1) / (t1 - t0));
      }
      rows.push(row);
    }
  }
  return () => printThroughput(rows);
}

function printThroughput(rows: Row[]) {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rate = (mb: number, ms: number) => mb / (ms / 1000);
  console.log(
    `\nthroughput (best of ${RUNS} interleaved rounds, Node ${process.version}); ` +
      `floor: findPorts ≥ ${FLOOR_MB_S} MB/s and ≤ ${CEILING_RATIO}x the bare scan`,
  );
  console.log('text                          MB    bare MB/s  findPorts MB/s  ratio (best / median)  ports   verdict');
  for (const r of rows) {
    const speed = rate(r.mb, r.find);
    const ratio = r.find / r.bare;
    const ok = speed >= FLOOR_MB_S && median(r.ratios) <= CEILING_RATIO;
    console.log(
      `${r.name.padEnd(28)} ${r.mb.toFixed(2)}  ${rate(r.mb, r.bare).toFixed(0).padStart(9)}  ` +
        `${speed.toFixed(0).padStart(14)}  ${ratio.toFixed(2).padStart(8)}x / ${median(r.ratios).toFixed(2)}x  ` +
        `${String(r.ports).padStart(10)}   ${ok ? 'meets the floor' : 'BELOW THE FLOOR'}`,
    );
  }
}

// Throughput first, on a fresh JIT; the quality runs after it.
const throughput = measureThroughput();
printQuality('plain');
printQuality('page', ['seeds']);
console.log("\nheld-out snippets (each file's first line says whether it has been tuned on since its one scoring):");
printQuality('plain', undefined, loadHoldout());
// What the extension marks: a page's own ports also mark their later bare mentions (findPortsWithPageContext).
printQuality('page', undefined, loadHoldout());
throughput();
