// bench:page — annotation cost of the built extension in Chromium on the huge hostile pages, next to the floor
// measured in the same browser: one synchronous TreeWalker pass (Portolan off) that wraps exactly the ports
// lib/detect.ts finds. Also hover-to-card latency over 200 hovers. Prints a Markdown table.
//   npm run bench:page               (builds first)
//   tsx scripts/bench-page.ts [--runs 3] [--profile] [--only pre] [--no-hover]
import { build } from 'esbuild';
import { cpus, totalmem } from 'node:os';
import type { CDPSession, Page } from 'playwright-core';
import { launchWithExtension, serveFromMemory, setPortolanSettings, type Harness } from '../test/e2e/harness';
import { bigPrePage, nonPortNumbersPage, registryTablePage } from '../test/e2e/hostile-pages';

const GOAL_LONGEST_TASK_MS = 50;
const GOAL_FLOOR_RATIO = 3;
const GOAL_HOVER_P95_MS = 50;
const HOVERS = 200;
const WARM_UP_HOVERS = 20;

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 1;
// --profile: CPU-profile each annotation run and print where the main thread's time went.
const profile = process.argv.includes('--profile');
// --only <text>: bench only the pages whose path contains it (e.g. --only pre); --no-hover skips the hover run.
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : '';
const hoverRun = !process.argv.includes('--no-hover');

interface AnnotationRun {
  wrappers: number;
  doneMs: number; // DOMContentLoaded -> last wrapper added
  longestTaskMs: number;
  longTasks: number;
  heapAddedMB: number;
  nodesAdded: number;
}

interface FloorRun {
  wrappers: number;
  ms: number;
}

/** lib/detect.ts as a script for the page, so the floor finds exactly what the extension's detector finds. */
async function detectorBundle(): Promise<string> {
  const result = await build({
    entryPoints: ['lib/detect.ts'],
    bundle: true,
    format: 'iife',
    globalName: '__portolanDetect',
    minify: true,
    write: false,
    target: 'es2022',
  });
  return result.outputFiles[0].text;
}

// Runs at DOMContentLoaded, synchronously: the least any annotator has to do (walk, detect, wrap).
const FLOOR_PASS = `
document.addEventListener('DOMContentLoaded', () => {
  const started = performance.now();
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'TEMPLATE']);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (skip.has(node.parentNode.nodeName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const texts = [];
  while (walker.nextNode()) texts.push(walker.currentNode);
  let wrapped = 0;
  for (const node of texts) {
    const text = node.data;
    if (!/[0-9]/.test(text)) continue;
    const found = __portolanDetect.findPorts(text);
    if (found.length === 0) continue;
    const parts = document.createDocumentFragment();
    let at = 0;
    for (const match of found) {
      if (match.start > at) parts.append(text.slice(at, match.start));
      const wrapper = document.createElement('portolan-port');
      wrapper.setAttribute('data-portolan-port', String(match.port));
      wrapper.textContent = text.slice(match.start, match.end);
      parts.append(wrapper);
      at = match.end;
      wrapped++;
    }
    if (at < text.length) parts.append(text.slice(at));
    node.replaceWith(parts);
  }
  window.__floor = { ms: performance.now() - started, wrapped };
});
`;

async function metrics(cdp: CDPSession): Promise<{ heap: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { heap: value('JSHeapUsedSize'), nodes: value('Nodes') };
}

async function openWithMetrics(harness: Harness, path: string, initScript?: string, profiled = false): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await harness.context.newPage();
  const cdp = await harness.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (profiled) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await startTrace(cdp);
  }
  if (initScript) await page.addInitScript(initScript);
  await page.goto(harness.server.origin + path, { timeout: 120_000 });
  return { page, cdp };
}

/**
 * Waits until the page's own observer has seen `expected` wrappers (or the extension went quiet for 3 s after
 * starting: it may mark a different number than the floor, which the table then shows), then none for a second.
 */
async function waitUntilAnnotated(page: Page, expected: number): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const h = (window as any).__hostile;
      return h.wrappersAdded >= expected || (h.firstWrapperAt > 0 && performance.now() - h.lastWrapperAt > 3000);
    },
    expected,
    { timeout: 300_000, polling: 200 },
  );
  await page.waitForFunction(() => performance.now() - (window as any).__hostile.lastWrapperAt > 1000, null, { timeout: 30_000, polling: 200 });
}

async function baselineMetrics(harness: Harness, path: string): Promise<{ heap: number; nodes: number }> {
  await setPortolanSettings(harness, { enabled: false });
  const { page, cdp } = await openWithMetrics(harness, path);
  await page.waitForTimeout(1000);
  const result = await metrics(cdp);
  await page.close();
  return result;
}

async function floorRun(harness: Harness, path: string, bundle: string): Promise<FloorRun> {
  await setPortolanSettings(harness, { enabled: false });
  const { page } = await openWithMetrics(harness, path, bundle + FLOOR_PASS);
  await page.waitForFunction(() => (window as any).__floor !== undefined, null, { timeout: 120_000 });
  const floor = await page.evaluate(() => (window as any).__floor as { ms: number; wrapped: number });
  await page.close();
  return { wrappers: floor.wrapped, ms: floor.ms };
}

async function annotationRun(harness: Harness, path: string, expected: number, baseline: { heap: number; nodes: number }): Promise<{ run: AnnotationRun; page: Page }> {
  await setPortolanSettings(harness, { enabled: true, hoverDelayMs: 0 });
  const { page, cdp } = await openWithMetrics(harness, path, undefined, profile);
  await waitUntilAnnotated(page, expected);
  if (profile) {
    printProfile(path, (await cdp.send('Profiler.stop')).profile);
    printTrace(path, await stopTrace(cdp));
  }
  const seen = await page.evaluate(() => {
    const h = (window as any).__hostile;
    const tasks = (h.longTasks as { start: number; duration: number }[]).filter((t) => t.start >= h.domContentLoadedAt);
    return {
      wrappers: document.querySelectorAll('portolan-port').length,
      doneMs: h.lastWrapperAt - h.domContentLoadedAt,
      longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
      longTasks: tasks.length,
    };
  });
  const after = await metrics(cdp);
  return {
    run: { ...seen, heapAddedMB: (after.heap - baseline.heap) / 2 ** 20, nodesAdded: after.nodes - baseline.nodes },
    page,
  };
}

/** Hover latency: from the page receiving pointerover on a wrapper to the card showing that port's data. */
async function hoverLatencies(page: Page, hovers = HOVERS): Promise<number[]> {
  await page.evaluate(() => {
    const bench = ((window as any).__hoverBench = { overAt: 0, shownAt: 0, port: '' });
    window.addEventListener('pointerover', (e) => {
      const target = e.target as Element;
      if (target.localName === 'portolan-port') {
        bench.overAt = performance.now();
        bench.shownAt = 0;
        bench.port = target.textContent ?? '';
      }
    }, { capture: true });
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    new MutationObserver(() => {
      if (!bench.overAt || bench.shownAt) return;
      const host = document.querySelector('portolan-card') as HTMLElement | null;
      const dialog = host?.shadowRoot?.querySelector('[role="dialog"]');
      if (host && dialog && host.style.visibility === 'visible' && dialog.getAttribute('aria-label')?.includes(bench.port) && !dialog.querySelector('.pc-loading')) {
        bench.shownAt = performance.now();
      }
    }).observe(document.documentElement, { childList: true, attributes: true, subtree: true, attributeFilter: ['style'] });
  });
  const count = await page.evaluate(() => document.querySelectorAll('portolan-port').length);
  const latencies: number[] = [];
  const cdp = profile ? await page.context().newCDPSession(page) : null;
  if (cdp) await startTrace(cdp);
  for (let i = 0; i < WARM_UP_HOVERS + hovers; i++) {
    const index = Math.floor(((i * 7919) % hovers) * (count / hovers)) % count;
    const point = await page.evaluate((index) => {
      const wrapper = document.querySelectorAll('portolan-port')[index];
      wrapper.scrollIntoView({ block: 'center' });
      const rect = wrapper.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }, index);
    await page.mouse.move(point.x, point.y);
    await page.waitForFunction(() => (window as any).__hoverBench.shownAt > 0, null, { timeout: 10_000, polling: 'raf' });
    const ms = await page.evaluate(() => (window as any).__hoverBench.shownAt - (window as any).__hoverBench.overAt);
    if (i >= WARM_UP_HOVERS) latencies.push(ms);
    await page.keyboard.press('Escape');
    await page.mouse.move(2, 2);
    await page.waitForFunction(() => !document.querySelector('portolan-card'), null, { timeout: 5_000 });
  }
  if (cdp) printTrace('hovers', await stopTrace(cdp));
  return latencies;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

/** Self time per function (top 15), from a CDP CPU profile; rendering and GC show as (program)/(garbage collector). */
function printProfile(label: string, cpuProfile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): void {
  const byId = new Map(cpuProfile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = cpuProfile.samples ?? [];
  const deltas = cpuProfile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const frame = byId.get(samples[i])!.callFrame;
    const file = frame.url.split('/').slice(-2).join('/');
    const key = `${frame.functionName || '(anonymous)'} ${file}${file ? `:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  const total = [...self.entries()].filter(([k]) => !k.startsWith('(idle)')).reduce((n, [, v]) => n + v, 0);
  console.error(`\nprofile ${label}: ${fmt(total)} ms busy`);
  for (const [key, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.error(`  ${fmt(ms).padStart(6)} ms  ${key}`);
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}
const traces = new WeakMap<CDPSession, TraceEvent[]>();

async function startTrace(cdp: CDPSession): Promise<void> {
  const events: TraceEvent[] = [];
  traces.set(cdp, events);
  cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,__metadata', transferMode: 'ReportEvents' });
}

async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.end');
  await complete;
  return traces.get(cdp) ?? [];
}

/** Where the renderer's main thread spent its time, by trace event (nested events overlap: RunTask holds the rest). */
function printTrace(label: string, events: TraceEvent[]): void {
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const total = new Map<string, { ms: number; count: number; longest: number }>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || (mainThreads.size > 0 && !mainThreads.has(`${e.pid}:${e.tid}`))) continue;
    const entry = total.get(e.name) ?? { ms: 0, count: 0, longest: 0 };
    entry.ms += e.dur / 1000;
    entry.count++;
    entry.longest = Math.max(entry.longest, e.dur / 1000);
    total.set(e.name, entry);
  }
  console.error(`trace ${label} (${mainThreads.size ? 'renderer main thread' : 'all threads'}):`);
  for (const [name, t] of [...total.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) {
    console.error(`  ${fmt(t.ms).padStart(6)} ms  ${name} ×${t.count}, longest ${fmt(t.longest)} ms`);
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const median = (values: number[]) => percentile(values, 50);
const fmt = (n: number, digits = 0) => n.toFixed(digits);

async function main(): Promise<void> {
  const registry = registryTablePage();
  const bigPre = bigPrePage();
  const numbers = nonPortNumbersPage();
  const subjects = [
    { name: `IANA registry table (${registry.expected.length} port cells)`, path: '/bench/registry.html', html: registry.html },
    { name: '5 MB log in one <pre>', path: '/bench/big-pre.html', html: bigPre.html },
    { name: '50,000 non-port numbers', path: '/bench/numbers.html', html: numbers.html },
  ];
  const bundle = await detectorBundle();
  const harness = await launchWithExtension();
  const rows: string[] = [];
  let hover: number[] = [];
  let smallHover: number[] = [];
  try {
    await serveFromMemory(harness, Object.fromEntries(subjects.map((s) => [s.path, s.html])));
    for (const subject of subjects.filter((s) => s.path.includes(only))) {
      const baseline = await baselineMetrics(harness, subject.path);
      const floors: FloorRun[] = [];
      const annotations: AnnotationRun[] = [];
      for (let r = 0; r < runs; r++) {
        floors.push(await floorRun(harness, subject.path, bundle));
        const { run, page } = await annotationRun(harness, subject.path, floors[0].wrappers, baseline);
        annotations.push(run);
        if (hoverRun && subject === subjects[0] && r === runs - 1) hover = await hoverLatencies(page);
        await page.close();
      }
      const floorMs = median(floors.map((f) => f.ms));
      const doneMs = median(annotations.map((a) => a.doneMs));
      const longest = Math.max(...annotations.map((a) => a.longestTaskMs));
      const a = annotations[annotations.length - 1];
      const ratio = floorMs > 0 ? doneMs / floorMs : NaN;
      rows.push(
        `| ${subject.name} | ${a.wrappers} / ${floors[0].wrappers} | ${fmt(longest)} ms (${a.longTasks} over 50 ms) ${longest <= GOAL_LONGEST_TASK_MS ? 'ok' : 'MISSED'} | ` +
          `${fmt(doneMs)} ms | ${fmt(floorMs)} ms | ${fmt(ratio, 1)}× ${ratio <= GOAL_FLOOR_RATIO ? 'ok' : 'MISSED'} | ${fmt(a.heapAddedMB, 1)} MB, ${a.nodesAdded} nodes |`,
      );
      console.error(`done: ${subject.name}`);
    }
    if (hoverRun) {
      // The same measurement on a small page: what the card costs when the page's layout is cheap.
      await setPortolanSettings(harness, { enabled: true, hoverDelayMs: 0 });
      const { page } = await openWithMetrics(harness, '/hostile/tables.html');
      await page.waitForSelector('portolan-port');
      await page.waitForTimeout(500);
      smallHover = await hoverLatencies(page, 100);
      await page.close();
    }
  } finally {
    await harness.close();
  }
  const cpu = cpus();
  console.log(`Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${fmt(totalmem() / 2 ** 30)} GB RAM; headless Chromium; ${runs} run(s) per page, median.\n`);
  console.log('| Page | wrappers (extension / floor) | longest task after DOMContentLoaded | DOMContentLoaded → last wrapper | floor (one synchronous pass) | ratio | memory added |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  if (hover.length) {
    const p95 = percentile(hover, 95);
    console.log(
      `\nHover → card (hover delay set to 0, ${hover.length} hovers after ${WARM_UP_HOVERS} warm-up, registry page): ` +
        `p50 ${fmt(percentile(hover, 50), 1)} ms, p95 ${fmt(p95, 1)} ms ${p95 <= GOAL_HOVER_P95_MS ? 'ok' : 'MISSED'}, max ${fmt(Math.max(...hover), 1)} ms`,
    );
  }
  if (smallHover.length) {
    console.log(
      `Hover → card on a small page (tables.html, ${smallHover.length} hovers): p50 ${fmt(percentile(smallHover, 50), 1)} ms, ` +
        `p95 ${fmt(percentile(smallHover, 95), 1)} ms, max ${fmt(Math.max(...smallHover), 1)} ms`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
