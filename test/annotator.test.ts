// @vitest-environment happy-dom
// The annotator's parts in a DOM without highlights: what is marked (the marks index), that the page's DOM is
// never touched, and how page changes, editors, shadow roots and storms are followed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnnotator, textBefore, type Annotator, type AnnotatorOptions } from '../page/annotator';
import { createPageFinder } from '../lib/detect';
import { anchorOf } from '../page/hit-test';
import { marksInOrder, stepMark } from '../page/keyboard';
import { ManualScheduler, simpleFind } from './helpers/random-dom';

let scheduler: ManualScheduler;
let running: Annotator[] = [];

function annotate(html: string, extra: Partial<AnnotatorOptions> = {}): Annotator {
  document.body.innerHTML = html;
  const annotator = createAnnotator({
    root: document,
    find: simpleFind,
    schedule: scheduler.schedule,
    churnRescanMs: 0,
    ...extra,
  });
  running.push(annotator);
  annotator.start();
  return annotator;
}

/** Delivers pending mutation records and runs slices (and deferred rescans) until idle. */
async function settle(annotator: Annotator): Promise<void> {
  let idle = false;
  void annotator.whenIdle().then(() => (idle = true));
  while (!idle) {
    scheduler.runAll();
    await new Promise((r) => setTimeout(r, 0));
  }
}

const marked = (annotator: Annotator): string[] =>
  marksInOrder(document, annotator.marks).map((m) => m.text.data.slice(m.start, m.end));

beforeEach(() => {
  scheduler = new ManualScheduler();
  document.body.innerHTML = '';
});

afterEach(() => {
  for (const annotator of running) annotator.stop();
  running = [];
});

describe('marking', () => {
  it('marks exactly the digits the finder reports, with their port, and leaves the DOM as it was', async () => {
    const html = '<p>Listen on port 8080 and ports 443, not in 2024; DNS is 53/udp.</p>';
    const annotator = annotate(html);
    await settle(annotator);
    const marks = marksInOrder(document, annotator.marks);
    expect(marks.map((m) => [m.text.data.slice(m.start, m.end), m.port])).toEqual([
      ['8080', 8080],
      ['443', 443],
      ['53', 53],
    ]);
    expect(document.body.innerHTML).toBe(html);
    expect(annotator.marks.inventory()).toEqual([
      { port: 53, count: 1 },
      { port: 443, count: 1 },
      { port: 8080, count: 1 },
    ]);
    expect(annotator.isDone()).toBe(true);
  });

  it('keeps the range each end of a range mention belongs to, so its card is the range card', async () => {
    const annotator = annotate('<p>X11 takes ports 6000-6063/tcp; SSH uses port 22.</p>', { find: createPageFinder() });
    await settle(annotator);
    const marks = marksInOrder(document, annotator.marks);
    expect(marks.map((m) => [m.port, m.range])).toEqual([
      [6000, { from: 6000, to: 6063 }],
      [6063, { from: 6000, to: 6063 }],
      [22, undefined],
    ]);
    expect(anchorOf(marks[1]).range).toEqual({ from: 6000, to: 6063 });
  });

  it('drops a range a finder reports that is not one (reversed, or an end that is no port)', async () => {
    const find = (text: string) => [
      { start: text.indexOf('70'), end: text.indexOf('70') + 2, port: 70, range: { from: 90, to: 70 } },
      { start: text.indexOf('90'), end: text.indexOf('90') + 2, port: 90, range: { from: 90, to: 70000 } },
    ];
    const annotator = annotate('<p>70 and 90</p>', { find });
    await settle(annotator);
    expect(marksInOrder(document, annotator.marks).map((m) => [m.port, m.range])).toEqual([
      [70, undefined],
      [90, undefined],
    ]);
  });

  it('gives the finder the text before the node inside its block, so "port <b>8080</b>" is found', async () => {
    const annotator = annotate('<p>Use port <b>8080</b> here.</p><p>port </p><p><b>9090</b></p>');
    await settle(annotator);
    expect(marked(annotator)).toEqual(['8080']);
    document.body.innerHTML = '<div>outside</div><p>a <i>b <script>port</script>c</i> <span id="x">9</span></p>';
    expect(textBefore(document.getElementById('x')!.firstChild!)).toBe('a b c ');
  });

  it('gives the finder the text after the node inside its block, so "<code>21116</code> UDP" is found', async () => {
    const annotator = annotate(
      '<p>Open <code>21116</code> UDP, for the relay.</p><p><code>3478</code></p><p>UDP, for the relay.</p>',
      { find: createPageFinder() },
    );
    await settle(annotator);
    expect(marked(annotator)).toEqual(['21116']);
  });

  it('finds a mark by text offset, the caret beside the digits included', async () => {
    const annotator = annotate('<p>port 8080 and port 22</p>');
    await settle(annotator);
    const text = document.querySelector('p')!.firstChild as Text;
    expect(annotator.marks.at(text, 5)?.port).toBe(8080);
    expect(annotator.marks.at(text, 9)?.port).toBe(8080);
    expect(annotator.marks.at(text, 12)).toBeUndefined();
    expect(annotator.marks.at(text, 20)?.port).toBe(22);
  });

  it('ignores malformed matches and survives a finder that throws', async () => {
    const annotator = annotate('<p>port 1 port 2</p>', {
      find: (text) => {
        if (text.includes('boom')) throw new Error('detector bug');
        return [
          { start: 5, end: 6, port: 1 },
          { start: 5, end: 6, port: 1 }, // overlaps the previous one
          { start: 0, end: 99, port: 2 }, // out of bounds
          { start: 13, end: 14, port: 70000 }, // not a port
        ];
      },
    });
    await settle(annotator);
    expect(marked(annotator)).toEqual(['1']);
    document.body.append('boom 9');
    await settle(annotator);
    expect(annotator.stats().findErrors).toBe(1);
  });
});

describe('skipped contexts', () => {
  it.each([
    ['contenteditable', '<div contenteditable="true">port 8080</div>'],
    ['textarea', '<textarea>port 8080</textarea>'],
    ['code editor', '<div class="cm-editor"><span>port 8080</span></div>'],
    ['script', '<script>var port = "port 8080"</script>'],
    ['footnote marker', '<p>see note <sup>port 9</sup></p>'],
  ])('leaves %s alone', async (_name, html) => {
    const annotator = annotate(`${html}<p>port 22</p>`);
    await settle(annotator);
    expect(marked(annotator)).toEqual(['22']);
  });

  it('drops the marks of a region the page makes editable, and marks it again when it stops being', async () => {
    const annotator = annotate('<p id="c">port 8443</p>');
    await settle(annotator);
    expect(marked(annotator)).toEqual(['8443']);
    document.getElementById('c')!.setAttribute('contenteditable', 'true');
    await settle(annotator);
    expect(marked(annotator)).toEqual([]);
    document.getElementById('c')!.removeAttribute('contenteditable');
    await settle(annotator);
    expect(marked(annotator)).toEqual(['8443']);
  });

  it('marks nothing while the document is in designMode, and marks again when it leaves it', async () => {
    const annotator = annotate('<p>port 8443</p>');
    await settle(annotator);
    document.designMode = 'on';
    document.body.append(' port 22');
    await settle(annotator);
    expect(annotator.marks.count).toBe(0);
    document.designMode = 'off';
    document.body.append(' port 23');
    await settle(annotator);
    expect(marked(annotator)).toEqual(['8443', '22', '23']);
  });
});

describe('following the page', () => {
  it('answers the page inventory from one copy until a mark comes or goes', async () => {
    const annotator = annotate('<p id="a">port 8080</p>');
    await settle(annotator);
    const first = annotator.marks.inventory();
    expect(annotator.marks.inventory()).toBe(first);
    document.getElementById('a')!.append(' and port 443');
    await settle(annotator);
    expect(annotator.marks.inventory()).not.toBe(first);
    expect(annotator.marks.inventory()).toEqual([
      { port: 443, count: 1 },
      { port: 8080, count: 1 },
    ]);
  });

  it('marks added nodes and drops the marks of removed ones', async () => {
    const annotator = annotate('<p id="a">port 80</p>');
    await settle(annotator);
    const p = document.createElement('p');
    p.textContent = 'port 443';
    document.body.append(p);
    await settle(annotator);
    expect(marked(annotator)).toEqual(['80', '443']);
    document.getElementById('a')!.remove();
    await settle(annotator);
    expect(marked(annotator)).toEqual(['443']);
    expect(annotator.marks.inventory()).toEqual([{ port: 443, count: 1 }]);
  });

  it('a page that keeps its text node and edits it reads its own text, and the marks follow', async () => {
    const annotator = annotate('<p>status: port 80</p>');
    await settle(annotator);
    const node = document.querySelector('p')!.firstChild as Text;
    node.data += ' then port 443';
    node.data = node.data.replace('80', '8080');
    await settle(annotator);
    expect(node.data).toBe('status: port 8080 then port 443');
    expect(marked(annotator)).toEqual(['8080', '443']);
  });

  it('rescans text whose left context changed', async () => {
    const annotator = annotate('<p><span id="k">port </span><b>8080</b></p>');
    await settle(annotator);
    expect(marked(annotator)).toEqual(['8080']);
    (document.getElementById('k')!.firstChild as Text).data = 'year ';
    await settle(annotator);
    expect(marked(annotator)).toEqual([]);
  });

  it('rescans text whose right context changed', async () => {
    const annotator = annotate('<p><b>8080</b><span id="k"> things.</span></p>', { find: createPageFinder() });
    await settle(annotator);
    expect(marked(annotator)).toEqual([]);
    (document.getElementById('k')!.firstChild as Text).data = ' TCP.';
    await settle(annotator);
    expect(marked(annotator)).toEqual(['8080']);
  });

  it('a node rewritten many times in a burst is scanned a bounded number of times', async () => {
    const annotator = annotate('<p id="t">port 1</p>');
    await settle(annotator);
    const node = document.getElementById('t')!.firstChild as Text;
    const before = annotator.stats().findCalls;
    for (let i = 0; i < 200; i++) node.data = `port ${i}`;
    await settle(annotator);
    expect(annotator.stats().findCalls - before).toBeLessThanOrEqual(2);
    expect(marked(annotator)).toEqual(['199']);
  });

  it('a node the page keeps rewriting, a batch at a time, is rescanned at the churn rate, not each time', async () => {
    const annotator = annotate('<p><b>port</b> <i id="t">1</i> here</p>', { churnRescanMs: 60_000 });
    await settle(annotator);
    const node = document.getElementById('t')!.firstChild as Text;
    const before = annotator.stats().findCalls;
    for (let i = 0; i < 20; i++) {
      node.data = String(1000 + i);
      // The records delivered and every slice run (not settle: the deferred rescan keeps the loop busy).
      await new Promise((r) => setTimeout(r, 0));
      scheduler.runAll();
    }
    // The first rewrites are scanned at once (CHURN_FREE_REWRITES), the rest wait for the churn rescan.
    expect(annotator.stats().findCalls - before).toBeLessThanOrEqual(5);
  });

  it('is done only when the new content is scanned', async () => {
    const annotator = annotate('<p>port 80</p>');
    await settle(annotator);
    document.body.append('port 81');
    expect(annotator.isDone()).toBe(false);
    await settle(annotator);
    expect(annotator.isDone()).toBe(true);
  });

  it('stop() forgets every mark and follows the page no more', async () => {
    const annotator = annotate('<p>port 80</p>');
    await settle(annotator);
    annotator.stop();
    document.body.append('port 81');
    scheduler.runAll();
    expect(annotator.marks.count).toBe(0);
  });
});

describe('shadow DOM', () => {
  it('marks open shadow roots, including ones added later, and leaves closed ones alone', async () => {
    document.body.innerHTML = '<div id="open"></div><div id="closed"></div>';
    document.getElementById('open')!.attachShadow({ mode: 'open' }).append('port 27017');
    document.getElementById('closed')!.attachShadow({ mode: 'closed' }).append('port 6379');
    const annotator = createAnnotator({ root: document, find: simpleFind, schedule: scheduler.schedule });
    running.push(annotator);
    annotator.start();
    await settle(annotator);
    expect(marked(annotator)).toEqual(['27017']);
    const late = document.createElement('section');
    document.body.append(late);
    late.attachShadow({ mode: 'open' }).append('port 5432');
    late.append(' ');
    await settle(annotator);
    expect(marked(annotator)).toContain('5432');
  });
});

describe('time slicing and the keyboard order', () => {
  it('splits a large page into many slices when the budget is small', async () => {
    const html = Array.from({ length: 400 }, (_, i) => `<p>port ${1000 + i}</p>`).join('');
    const annotator = annotate(html, { budgetMs: 0 });
    await settle(annotator);
    expect(annotator.stats().slices).toBeGreaterThan(10);
    expect(annotator.marks.count).toBe(400);
  });

  it('a walk paused between slices goes on over the page as it now is, past skipped elements and comments', async () => {
    const rows = Array.from(
      { length: 300 },
      (_, i) => `<div id="d${i}"><!-- c --><p>port ${1000 + i}</p><textarea>port ${5000 + i}</textarea></div>`,
    );
    const annotator = annotate(rows.join(''), { budgetMs: 0 });
    // One slice, then the page removes what the walk has not reached, moves a later row before it and adds one.
    scheduler.runOne();
    expect(annotator.isDone()).toBe(false);
    for (let i = 150; i < 200; i++) document.getElementById(`d${i}`)!.remove();
    document.body.prepend(document.getElementById('d299')!);
    const added = document.createElement('div');
    added.innerHTML = '<p>port 9000</p><style>p{} /* 9001 */</style>';
    document.getElementById('d250')!.before(added);
    await settle(annotator);
    const want = [
      '1299',
      ...Array.from({ length: 299 }, (_, i) => i)
        .filter((i) => i < 150 || i >= 200)
        .flatMap((i) => (i === 250 ? ['9000', String(1000 + i)] : [String(1000 + i)])),
    ];
    expect(marked(annotator)).toEqual(want);
    expect(annotator.marks.count).toBe(want.length);
  });

  it('a walk whose next node the page removes between slices goes on over the rest of the page', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `<div id="d${i}"><p>port ${1000 + i}</p></div>`);
    const annotator = annotate(rows.join(''), { budgetMs: 0 });
    scheduler.runOne();
    const reached = marked(annotator).length;
    expect(reached).toBeLessThan(290);
    // The rows around where the walk paused: its next node is among them.
    const gone = (i: number) => i >= reached - 2 && i < reached + 8;
    for (let i = 0; i < 300; i++) if (gone(i)) document.getElementById(`d${i}`)?.remove();
    await settle(annotator);
    const kept = Array.from({ length: 300 }, (_, i) => i).filter((i) => !gone(i));
    expect(marked(annotator)).toEqual(kept.map((i) => String(1000 + i)));
  });

  it('reads the clock after a batch of texts, not after every text that has digits', async () => {
    const html = Array.from({ length: 400 }, (_, i) => `<p>port ${1000 + i}</p>`).join('');
    const clock = vi.spyOn(performance, 'now');
    try {
      const annotator = annotate(html, { budgetMs: 1000 });
      await settle(annotator);
      expect(annotator.marks.count).toBe(400);
      // One look per text would be 400; one per batch of about 2,000 characters or 64 steps is a few dozen.
      expect(clock.mock.calls.length).toBeLessThan(100);
    } finally {
      clock.mockRestore();
    }
  });

  it('steps through marks in reading order, wrapping around', async () => {
    const annotator = annotate('<p>port 1</p><p>port 2</p><p>port 3</p>');
    await settle(annotator);
    const ordered = marksInOrder(document, annotator.marks);
    expect(stepMark(ordered, ordered[0], 'next', 800)?.port).toBe(2);
    expect(stepMark(ordered, ordered[2], 'next', 800)?.port).toBe(1);
    expect(stepMark(ordered, ordered[0], 'previous', 800)?.port).toBe(3);
  });
});
