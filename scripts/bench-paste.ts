// A 1 MB paste into the popup of the built extension: how long until the list is done, and what the main thread
// went through meanwhile (long tasks, the widest gap between frames), beside their floors: the 50 ms long-task
// line, and one synchronous findPorts pass over the same text in Node (what reading it costs at all).
// Run: npm run bench:paste [-- --runs N]
import { loadavg } from 'node:os';
import { launchWithExtension } from '../test/e2e/harness';
import { findPorts } from '../lib/detect';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const MB = 1024 * 1024;

/** About 1 MB of text of one kind, the same in the page and in Node. */
function pasteText(kind: 'ss' | 'prose'): string {
  const lines: string[] = [];
  for (let i = 0, length = 0; length < MB; i++) {
    const line =
      kind === 'ss'
        ? `tcp LISTEN 0 128 10.0.${i % 250}.1:${20000 + (i % 5000)} 0.0.0.0:* users:(("svc",pid=${1000 + i},fd=3))`
        : `The service listens on port ${1024 + (i % 40000)} by default since 2019; version 3.11.${i % 9} fixed it.`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

// Runs in the popup page: paste, then watch frames and long tasks until the list says it is done.
const PASTE_AND_WATCH = `async (text) => {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  await new Promise((r) => setTimeout(r, 100));
  const tasks = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
  observer.observe({ type: 'longtask' });
  await new Promise((r) => setTimeout(r, 50));
  const started = performance.now();
  document.querySelector('input[type=search]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  let last = performance.now();
  let widestGap = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      widestGap = Math.max(widestGap, now - last);
      last = now;
      const status = document.querySelector('.pl [role=status]');
      if (document.querySelector('.pl-summary') && status && !/\\d%/.test(status.textContent)) resolve();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const done = performance.now() - started;
  await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
  document.querySelector('.pl-clear').click();
  return { done, longest: Math.max(0, ...tasks), longTasks: tasks.length, widestGap };
}`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const worst = (values: number[]) => Math.max(...values);
const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;

const harness = await launchWithExtension();
try {
  const popup = await harness.context.newPage();
  await popup.goto(`chrome-extension://${harness.extensionId}/popup.html`);
  await popup.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');
  console.log(`1 MB paste into the popup, ${RUNS} runs each (load average ${loadavg()[0].toFixed(1)})`);
  console.log(
    'text   | done (median, worst) | floor: one findPorts pass in Node | longest task (median, worst) | floor | frame gap (worst)',
  );
  for (const kind of ['ss', 'prose'] as const) {
    const text = pasteText(kind);
    const started = performance.now();
    findPorts(text);
    const floor = performance.now() - started;
    const runs: { done: number; longest: number; longTasks: number; widestGap: number }[] = [];
    for (let run = 0; run < RUNS; run++)
      runs.push(await popup.evaluate(`(${PASTE_AND_WATCH})(${JSON.stringify(text)})`));
    const done = runs.map((r) => r.done);
    const longest = runs.map((r) => r.longest);
    console.log(
      `${kind.padEnd(6)} | ${ms(median(done))}, ${ms(worst(done))} | ${ms(floor)} | ${ms(median(longest))}, ${ms(worst(longest))} | ${ms(50)} | ${ms(worst(runs.map((r) => r.widestGap)))}`,
    );
  }
} finally {
  await harness.close();
}
