// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ANNOTATION_CSS,
  createAnnotator,
  textBefore,
  type Annotator,
  type AnnotatorOptions,
} from '../page/annotator';
import { ManualScheduler, simpleFind } from './helpers/random-dom';

let scheduler: ManualScheduler;
let running: Annotator[] = [];

function annotate(html: string, extra: Partial<AnnotatorOptions> = {}): Annotator {
  document.body.innerHTML = html;
  return start(extra);
}

function start(extra: Partial<AnnotatorOptions> = {}): Annotator {
  const annotator = createAnnotator({ root: document, find: simpleFind, schedule: scheduler.schedule, ...extra });
  running.push(annotator);
  annotator.start();
  return annotator;
}

/** Delivers pending mutation records and runs every queued slice. */
async function settle(annotator: Annotator): Promise<void> {
  const idle = annotator.whenIdle();
  scheduler.runAll();
  await idle;
}

function wrapped(root: ParentNode = document): string[] {
  return [...root.querySelectorAll('portolan-port')].map((el) => el.textContent ?? '');
}

beforeEach(() => {
  scheduler = new ManualScheduler();
  document.body.innerHTML = '';
});

afterEach(() => {
  for (const annotator of running) annotator.stop();
  running = [];
});

describe('wrapping', () => {
  it('wraps exactly the digits the finder reports, with the port and protocol on the wrapper', async () => {
    const annotator = annotate('<p>Listen on port 8080 and ports 443, not in 2024; DNS is 53/udp.</p>');
    await settle(annotator);
    const wrappers = [...document.querySelectorAll('portolan-port')];
    expect(wrappers.map((w) => w.textContent)).toEqual(['8080', '443', '53']);
    expect(wrappers.map((w) => w.getAttribute('data-portolan-port'))).toEqual(['8080', '443', '53']);
    expect(wrappers.map((w) => w.getAttribute('data-portolan-protocol'))).toEqual([null, null, 'udp']);
    expect(wrappers.every((w) => w.getAttribute('tabindex') === '0')).toBe(true);
    expect(document.body.textContent).toBe('Listen on port 8080 and ports 443, not in 2024; DNS is 53/udp.');
    expect(annotator.stats().wrappers).toBe(3);
  });

  it('gives the finder the text before the node inside its block, so "port <b>8080</b>" is found', async () => {
    const annotator = annotate('<p>Use port <b>8080</b> here.</p><p>port </p><p><b>9090</b></p>');
    await settle(annotator);
    // 9090 sits in another block than "port ", so it has no context.
    expect(wrapped()).toEqual(['8080']);
  });

  it('computes `before` within the block, across inline elements, skipping scripts', () => {
    document.body.innerHTML =
      '<div>outside</div><p>a <i>b <script>port</script>c</i> <span id="x">9</span></p><p>z<br>y <em id="y">1</em></p>';
    expect(textBefore(document.getElementById('x')!.firstChild!)).toBe('a b c ');
    expect(textBefore(document.getElementById('y')!.firstChild!)).toBe('y ');
    expect(textBefore(document.getElementById('x')!.firstChild!, 3)).toBe(' c ');
  });

  it('wraps inside links without moving the link', async () => {
    const annotator = annotate('<p><a href="http://localhost:3000/">dev server on port 3000</a></p>');
    await settle(annotator);
    const wrapper = document.querySelector('portolan-port')!;
    expect(wrapper.parentElement!.localName).toBe('a');
    expect(document.querySelector('a')!.getAttribute('href')).toBe('http://localhost:3000/');
  });

  it('ignores numbers above 65535 and malformed matches from the finder', async () => {
    const annotator = annotate('<p>port 70000 and port 22 and port 0</p>', {
      find: (text, before) => [
        ...simpleFind(text, before),
        { start: -1, end: 2, port: 1 },
        { start: 5, end: 500, port: 2 },
        { start: 3, end: 3, port: 3 },
      ],
    });
    await settle(annotator);
    expect(wrapped()).toEqual(['22', '0']);
    expect(document.body.textContent).toBe('port 70000 and port 22 and port 0');
  });

  it('survives a finder that throws', async () => {
    const annotator = annotate('<p>port 1</p><p>port 2</p>', {
      find: (text, before) => {
        if (text.includes('1')) throw new Error('detector bug');
        return simpleFind(text, before);
      },
    });
    await settle(annotator);
    expect(wrapped()).toEqual(['2']);
    expect(annotator.stats().findErrors).toBe(1);
  });

  it('never wraps inside an existing wrapper or nests wrappers, and trusts only its own wrappers', async () => {
    const annotator = annotate('<p>port <portolan-port data-portolan-port="1">8080</portolan-port> port 22</p>');
    await settle(annotator);
    const [pageMade, ours] = [...document.querySelectorAll('portolan-port')];
    expect(document.querySelectorAll('portolan-port portolan-port')).toHaveLength(0);
    expect(ours.textContent).toBe('22');
    expect(annotator.matchOf(ours)).toEqual({ port: 22 });
    // The page can forge an element and its attribute, but not our record of it.
    expect(annotator.matchOf(pageMade)).toBeUndefined();
  });

  it('exports a quiet stylesheet: dotted underline, inherited colour, forced inline', () => {
    expect(ANNOTATION_CSS).toContain('portolan-port{display:inline!important');
    expect(ANNOTATION_CSS).toContain('text-decoration-style:dotted');
    expect(ANNOTATION_CSS).toContain('color:inherit');
    expect(ANNOTATION_CSS).not.toMatch(/margin|padding|font-size|border/);
  });
});

describe('skipped contexts', () => {
  const build: Record<string, () => Node> = {};
  const element = (tag: string, attrs: Record<string, string> = {}): Element => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.appendChild(document.createTextNode('port 1111'));
    return el;
  };
  for (const tag of ['script', 'style', 'noscript', 'textarea', 'select', 'option', 'canvas', 'template', 'iframe',
    'title', 'portolan-card']) {
    build[tag] = () => element(tag);
  }
  // An empty srcdoc: happy-dom does not load about:blank into an iframe and prints a stack trace when asked to.
  build['iframe'] = () => element('iframe', { srcdoc: '' });
  build['contenteditable'] = () => element('div', { contenteditable: '' });
  build['contenteditable=plaintext-only'] = () => element('div', { contenteditable: 'plaintext-only' });
  build['child of contenteditable'] = () => {
    const outer = document.createElement('div');
    outer.setAttribute('contenteditable', 'true');
    outer.appendChild(document.createElement('p')).appendChild(element('b'));
    return outer;
  };
  build['contenteditable=false inside an editor'] = () => {
    const outer = document.createElement('div');
    outer.setAttribute('contenteditable', 'true');
    outer.appendChild(element('span', { contenteditable: 'false' }));
    return outer;
  };
  for (const cls of ['CodeMirror', 'cm-editor', 'monaco-editor', 'ace_editor']) {
    build[`.${cls}`] = () => {
      const editor = document.createElement('div');
      editor.className = `theme ${cls}`;
      editor.appendChild(document.createElement('div')).appendChild(element('span'));
      return editor;
    };
  }
  build['svg'] = () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const label = svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'text'));
    label.textContent = 'port 1111';
    return svg;
  };

  for (const [name, make] of Object.entries(build)) {
    it(`leaves ${name} alone`, async () => {
      document.body.innerHTML = '<p>port 2222</p>';
      document.body.appendChild(make());
      const before = document.body.innerHTML;
      const annotator = start();
      await settle(annotator);
      expect(wrapped()).toEqual(['2222']);
      // Content added later inside the skipped context stays alone too.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let inside: Node | null = walker.nextNode();
      while (inside !== null && (inside as Text).data !== 'port 1111') inside = walker.nextNode();
      const grow = inside !== null && inside.parentNode !== null;
      if (grow) inside!.parentNode!.insertBefore(document.createTextNode(' port 3333'), inside!.nextSibling);
      await settle(annotator);
      expect(wrapped()).toEqual(['2222']);
      annotator.stop();
      expect(document.body.innerHTML).toBe(grow ? before.replace('port 1111<', 'port 1111 port 3333<') : before);
    });
  }

  it('does not treat a class merely containing an editor name as an editor', async () => {
    const annotator = annotate('<div class="cm-editor-like">port 4444</div>');
    await settle(annotator);
    expect(wrapped()).toEqual(['4444']);
  });
});

describe('stop() restores the page', () => {
  it('restores innerHTML and the very same nodes, without merging text nodes the page kept apart', async () => {
    document.body.innerHTML =
      '<main><h1>Ports</h1><p id="p">SSH on port 22, web on port 80 and port 443.</p>' +
      '<ul><li>port <b>8080</b></li><li>nothing</li></ul><pre>port 5432\nport 6379\n</pre></main>';
    const p = document.getElementById('p')!;
    p.appendChild(document.createTextNode(' Also port 25.'));
    const pageText = [...p.childNodes];
    const clone = document.body.cloneNode(true);
    const html = document.body.innerHTML;
    const text = document.body.textContent;

    const annotator = start();
    await settle(annotator);
    expect(wrapped()).toEqual(['22', '80', '443', '25', '8080', '5432', '6379']);
    expect(document.body.textContent).toBe(text);

    annotator.stop();
    expect(document.body.innerHTML).toBe(html);
    expect(document.body.isEqualNode(clone)).toBe(true);
    expect([...p.childNodes]).toEqual(pageText);
    expect(p.childNodes).toHaveLength(2);
    expect(annotator.stats().wrappers).toBe(0);
  });

  it('stops following the page after stop()', async () => {
    const annotator = annotate('<p>port 1</p>');
    await settle(annotator);
    annotator.stop();
    document.body.appendChild(document.createElement('p')).textContent = 'port 2';
    await Promise.resolve();
    scheduler.runAll();
    expect(wrapped()).toEqual([]);
  });

  it('can start again after stop()', async () => {
    const annotator = annotate('<p>port 1</p>');
    await settle(annotator);
    annotator.stop();
    annotator.start();
    await settle(annotator);
    expect(wrapped()).toEqual(['1']);
  });
});

describe('following the page', () => {
  it('annotates added nodes and rewritten text', async () => {
    const annotator = annotate('<div id="log"></div><p id="status">idle</p>');
    await settle(annotator);
    const line = document.createElement('div');
    line.textContent = 'connected to port 5000';
    document.getElementById('log')!.appendChild(line);
    document.getElementById('log')!.appendChild(document.createTextNode(' and port 6000'));
    (document.getElementById('status')!.firstChild as Text).data = 'listening on port 7000';
    await settle(annotator);
    expect(wrapped()).toEqual(['5000', '6000', '7000']);
  });

  it('when the page rewrites a text node it owns, the old wrappers go and the new text is annotated', async () => {
    const annotator = annotate('<p id="p">port 8080 is open</p>');
    await settle(annotator);
    const head = document.getElementById('p')!.firstChild as Text;
    expect(wrapped()).toEqual(['8080']);
    // A framework holding the original node writes the whole new value into it.
    head.data = 'port 9090 is open';
    await settle(annotator);
    expect(wrapped()).toEqual(['9090']);
    expect(document.getElementById('p')!.textContent).toBe('port 9090 is open');
    annotator.stop();
    expect(document.getElementById('p')!.innerHTML).toBe('port 9090 is open');
  });

  it('when the page removes a text node it owns, our tails leave with it', async () => {
    const annotator = annotate('<p id="p"><i>x</i>port 8080 is open</p>');
    await settle(annotator);
    const p = document.getElementById('p')!;
    const head = p.childNodes[1] as Text;
    p.removeChild(head);
    await settle(annotator);
    expect(p.innerHTML).toBe('<i>x</i>');
    expect(head.data).toBe('port 8080 is open');
  });

  it('a subtree re-inserted after the page removed a split head while it was detached loses the stale tails', async () => {
    const annotator = annotate('<div id="host"><p id="p">port 8080 is open</p></div>');
    await settle(annotator);
    const p = document.getElementById('p')!;
    p.remove();
    await settle(annotator);
    p.removeChild(p.firstChild!); // unseen: p is outside the observed tree
    document.getElementById('host')!.appendChild(p);
    await settle(annotator);
    expect(p.innerHTML).toBe('');
  });

  it('a node rewritten every frame costs bounded work and is left alone after a while', async () => {
    const annotator = annotate('<p id="clock">port 0</p>');
    await settle(annotator);
    const head = document.getElementById('clock')!.firstChild as Text;
    for (let i = 1; i <= 200; i++) {
      head.data = `port ${i}`;
      await settle(annotator);
      expect(document.getElementById('clock')!.textContent).toBe(`port ${i}`);
    }
    const stats = annotator.stats();
    expect(stats.textsScanned).toBeLessThanOrEqual(25);
    expect(stats.churnFrozen).toBe(1);
    expect(wrapped()).toEqual([]);
  });

  it('rescans a text node rewritten many times in one burst only once', async () => {
    const annotator = annotate('<p id="p">x</p>');
    await settle(annotator);
    const text = document.getElementById('p')!.firstChild as Text;
    for (let i = 0; i < 10; i++) text.data = `port ${i}`;
    await settle(annotator);
    expect(annotator.stats().textsScanned).toBe(1);
    expect(wrapped()).toEqual(['9']);
  });

  it('does not react to its own writes', async () => {
    const annotator = annotate('<p>port 1 port 2</p><p>port 3</p>');
    await settle(annotator);
    const { slices, mutationBatches } = annotator.stats();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(scheduler.pending).toBe(0);
    expect(annotator.stats().slices).toBe(slices);
    expect(annotator.stats().mutationBatches).toBe(mutationBatches);
    expect(mutationBatches).toBe(0);
  });

  it('calls onDone when the first pass and each later burst are finished', async () => {
    let done = 0;
    const annotator = annotate('<p>port 1</p>', { onDone: () => done++ });
    await settle(annotator);
    expect(done).toBe(1);
    document.body.appendChild(document.createElement('p')).textContent = 'port 2';
    await settle(annotator);
    expect(done).toBe(2);
  });
});

describe('shadow DOM', () => {
  it('annotates open shadow roots, including ones added later and content added inside them', async () => {
    document.body.innerHTML = '<p>port 1</p><x-card id="a"></x-card>';
    const open = document.getElementById('a')!.attachShadow({ mode: 'open' });
    open.innerHTML = '<p>port 2</p>';
    const annotator = start();
    await settle(annotator);
    expect(wrapped()).toEqual(['1']);
    expect(wrapped(open)).toEqual(['2']);

    const late = document.createElement('x-late');
    late.attachShadow({ mode: 'open' }).innerHTML = '<span>port 3</span>';
    document.body.appendChild(late);
    open.appendChild(document.createElement('p')).textContent = 'port 4';
    await settle(annotator);
    expect(wrapped(late.shadowRoot!)).toEqual(['3']);
    expect(wrapped(open)).toEqual(['2', '4']);
    expect(annotator.stats().shadowRoots).toBe(2);

    const before = open.innerHTML;
    annotator.stop();
    expect(open.innerHTML).toBe('<p>port 2</p><p>port 4</p>');
    expect(before).toContain('portolan-port');
  });

  it('leaves closed shadow roots alone', async () => {
    document.body.innerHTML = '<x-closed id="c"></x-closed>';
    const closed = document.getElementById('c')!.attachShadow({ mode: 'closed' });
    closed.innerHTML = '<p>port 5</p>';
    const annotator = start();
    await settle(annotator);
    expect(wrapped(closed)).toEqual([]);
  });

  it('finds a shadow root attached to an already walked custom element on a later check', async () => {
    const annotator = annotate('<x-upgraded id="u"></x-upgraded>');
    await settle(annotator);
    document.getElementById('u')!.attachShadow({ mode: 'open' }).innerHTML = '<p>port 6</p>';
    await new Promise((resolve) => setTimeout(resolve, 550));
    // Any page activity after the recheck interval looks at custom elements again.
    document.body.appendChild(document.createElement('div'));
    await settle(annotator);
    expect(wrapped(document.getElementById('u')!.shadowRoot!)).toEqual(['6']);
  });
});

describe('time slicing', () => {
  it('splits a large page into many slices when the budget is small', async () => {
    const html = Array.from({ length: 500 }, (_, i) => `<p>line ${i} on port ${i + 1}</p>`).join('');
    const annotator = annotate(html, { budgetMs: 0 });
    expect(scheduler.runOne()).toBe(true);
    expect(annotator.stats().wrappers).toBeLessThan(500);
    expect(annotator.stats().pending).toBeGreaterThan(0);
    await settle(annotator);
    expect(annotator.stats().wrappers).toBe(500);
    expect(annotator.stats().slices).toBeGreaterThan(100);
  });

  it('writes nothing while scanning, then all wrappers in few slices (each writing slice costs a layout)', async () => {
    const html = Array.from({ length: 300 }, (_, i) => `<p>port ${i + 1}</p>`).join('');
    const annotator = annotate(html, { budgetMs: 0 });
    for (let i = 0; i < 100; i++) scheduler.runOne();
    expect(annotator.stats().wrappers).toBe(0);
    await settle(annotator);
    expect(annotator.stats().wrappers).toBe(300);
  });

  it('writes in far fewer, longer slices when the page takes long to lay out each write', () => {
    // A fake clock: only creating nodes (writing) and the page's rendering between slices take time.
    let clock = 0;
    const clockSpy = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const createText = document.createTextNode.bind(document);
    const textSpy = vi.spyOn(document, 'createTextNode').mockImplementation((data: string) => {
      clock += 0.2;
      return createText(data);
    });
    try {
      const html = Array.from({ length: 300 }, (_, i) => `<p>${Array.from({ length: 10 }, (_, j) => `port ${1000 + i * 10 + j}`).join(', ')}</p>`).join('');
      const writingSlices = (layoutMs: number): number => {
        const annotator = annotate(html);
        let slices = 0;
        let before = 0;
        while (scheduler.runOne()) {
          const now = annotator.stats().wrappers;
          if (now > before) slices++;
          before = now;
          clock += layoutMs; // the page lays out what the slice wrote
        }
        expect(annotator.stats().wrappers).toBe(3000);
        annotator.stop();
        running = running.filter((a) => a !== annotator);
        return slices;
      };
      // About 4 ms of writing per paragraph: a 30 ms slice writes 7 or 8 of the 300.
      const cheapLayout = writingSlices(1);
      expect(cheapLayout).toBeGreaterThan(30);
      const slowLayout = writingSlices(250);
      expect(slowLayout).toBeLessThanOrEqual(6);
      // However slow the page, a writing slice stops after 300 ms: about 70 paragraphs.
      expect(writingSlices(5000)).toBeGreaterThanOrEqual(5);

      // A quiet spell after the last write is not a slow layout: later writing slices stay short.
      const annotator = annotate('<p>port 1</p><div id="feed"></div>');
      while (scheduler.runOne()) clock += 1;
      clock += 10_000;
      document.getElementById('feed')!.innerHTML = html;
      void annotator.whenIdle();
      let slices = 0;
      let before = annotator.stats().wrappers;
      while (scheduler.runOne()) {
        if (annotator.stats().wrappers > before) slices++;
        before = annotator.stats().wrappers;
        clock += 1;
      }
      expect(annotator.stats().wrappers).toBe(3001);
      expect(slices).toBeGreaterThan(30);
    } finally {
      clockSpy.mockRestore();
      textSpy.mockRestore();
    }
  });

  it('drops a scanned match when the page rewrites that text before it is written, and scans the new text', async () => {
    const annotator = annotate('<p id="a">port 1111</p><p>port 2222</p>', { budgetMs: 0 });
    scheduler.runOne(); // scans #a only; nothing written yet
    (document.getElementById('a')!.firstChild as Text).data = 'now port 3333';
    await settle(annotator);
    expect(wrapped()).toEqual(['3333', '2222']);
    expect(document.getElementById('a')!.textContent).toBe('now port 3333');
  });

  it('scans a huge single text node in windows, keeping the text and restoring it', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `svc-${i} port ${i} # comment ${i}`);
    document.body.innerHTML = '<pre id="pre"></pre>';
    const pre = document.getElementById('pre')!;
    pre.textContent = lines.join('\n');
    const text = pre.textContent;
    const annotator = start({ budgetMs: 0 });
    await settle(annotator);
    // About 190 KB in one text node: several windows, so several slices even for one node.
    expect(text.length).toBeGreaterThan(5 * 32_768);
    expect(annotator.stats().wrappers).toBe(5000);
    expect(annotator.stats().slices).toBeGreaterThan(5);
    expect(pre.textContent).toBe(text);
    const ports = wrapped(pre);
    expect(ports[0]).toBe('0');
    expect(ports[4999]).toBe('4999');
    annotator.stop();
    expect(pre.childNodes).toHaveLength(1);
    expect(pre.textContent).toBe(text);
  });
});
