// End to end: the keyboard command on a page longer than the view. It starts from the first port in view (not
// the page's first), and scrolls the next port's digits into view, inside a long <pre> too. The marks it reads
// are made by the content script and read by the lazily loaded card bundle: both must agree on their fields.
import { beforeAll, describe, expect, it } from 'vitest';
import { cardState, sendStep, serveFromMemory, waitForAnnotations } from './harness';
import { harnessForFile } from './hostile-checks';

const filler = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>Filler paragraph ${i} without numbers.</p>`).join('');
const logLines = Array.from({ length: 400 }, (_, i) => `line without a number ${'x'.repeat(i % 7)}`).join('\n');
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>keyboard</title></head><body>
<p>The first service listens on port 7001.</p>
${filler(80)}
<p id="second">The second service listens on port 7002.</p>
${filler(80)}
<pre>${logLines}
the third service listens on port 7003
${logLines}</pre>
</body></html>`;

const harness = harnessForFile();

beforeAll(async () => {
  await serveFromMemory(harness(), { '/keyboard.html': PAGE });
});

describe('the keyboard command on a long page, in Chromium', () => {
  it('starts at the first port in view and scrolls each next port into view', async () => {
    const page = await harness().open('/keyboard.html');
    await waitForAnnotations(harness(), page, 3);
    await page.evaluate(() => document.getElementById('second')!.scrollIntoView({ block: 'start' }));
    await sendStep(harness(), page, 'next');
    await expect.poll(async () => (await cardState(page)).label, { timeout: 5_000 }).toContain('7002');

    await sendStep(harness(), page, 'next');
    await expect.poll(async () => (await cardState(page)).label, { timeout: 5_000 }).toContain('7003');
    // The digits themselves are in view, not only the top of the <pre> that holds them.
    const digits = await page.evaluate(() => {
      const pre = document.querySelector('pre')!;
      const text = pre.firstChild as Text;
      const at = text.data.indexOf('7003');
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 4);
      const rect = range.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, height: innerHeight };
    });
    expect(digits.top).toBeGreaterThanOrEqual(0);
    expect(digits.bottom).toBeLessThanOrEqual(digits.height);
  });
});
