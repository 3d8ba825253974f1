// Test kit for the annotator: a seeded random page generator, a tiny port finder and a manual scheduler.

import type { PortMatch, Protocol } from '../../lib/types';
import type { Schedule, SliceTask } from '../../page/scheduler';

const FINDER = /\bports? (\d+)|\b(\d+)\/(tcp|udp)\b/g;

/**
 * Stand-in for detection: "port N" (also across an inline boundary, through `before`) and "N/tcp".
 * Reports numbers above 65535 too, so the annotator's own range check is exercised.
 */
export function simpleFind(text: string, before: string): PortMatch[] {
  const whole = before + text;
  const out: PortMatch[] = [];
  FINDER.lastIndex = 0;
  for (let m = FINDER.exec(whole); m !== null; m = FINDER.exec(whole)) {
    const digits = m[1] ?? m[2];
    const start = m.index + m[0].indexOf(digits) - before.length;
    if (start < 0) continue;
    const match: PortMatch = { start, end: start + digits.length, port: Number(digits) };
    if (m[3] !== undefined) match.protocol = m[3] as Protocol;
    out.push(match);
  }
  return out;
}

/** Runs slices only when the test says so, so chunking is observable and deterministic. */
export class ManualScheduler {
  private tasks: SliceTask[] = [];
  readonly schedule: Schedule = (task) => {
    this.tasks.push(task);
    return () => {
      const at = this.tasks.indexOf(task);
      if (at >= 0) this.tasks.splice(at, 1);
    };
  };

  get pending(): number {
    return this.tasks.length;
  }

  /** Runs the next queued slice; false when none was queued. */
  runOne(idleMs?: number): boolean {
    const task = this.tasks.shift();
    if (task === undefined) return false;
    task(idleMs);
    return true;
  }

  /** Runs slices until none is queued; returns how many ran. */
  runAll(limit = 1_000_000): number {
    let ran = 0;
    while (ran < limit && this.runOne()) ran++;
    if (ran >= limit) throw new Error(`scheduler still busy after ${limit} slices`);
    return ran;
  }
}

/** Selector for every context the annotator must leave alone, written independently of its code. */
export const SKIPPED_CONTEXT =
  'script, style, noscript, textarea, input, select, option, svg, canvas, template, iframe, title, ' +
  '[contenteditable]:not([contenteditable="false"]), .CodeMirror, .cm-editor, .monaco-editor, .ace_editor, ' +
  'portolan-card';

export interface RandomPage {
  /** Ports the generator placed where the annotator must wrap them, in document order (light DOM first). */
  expectedPorts: number[];
  /** Open shadow roots created (their content is annotated too). */
  shadowRoots: ShadowRoot[];
  /** Closed shadow roots created (must stay untouched). */
  closedRoots: ShadowRoot[];
  /** Port tokens placed where they must not be wrapped (skipped contexts, closed roots). */
  hiddenPorts: number;
}

const WORDS = [
  'the',
  'server',
  'listens',
  'on',
  'and',
  'open',
  'firewall',
  'rule',
  'for',
  'traffic',
  'since',
  'version',
  'in',
  'at',
  'x',
  'é',
  'данные',
  '端口',
  '\u200b',
  '&lt;script&gt;',
  '<b>',
  'a&b',
  '\u202e',
  'e\u0301',
];
const BLOCKS = ['div', 'p', 'section', 'blockquote', 'pre', 'li', 'td', 'h2'];
const INLINES = ['span', 'b', 'i', 'em', 'a', 'code', 'small', 'strong', 'mark', 'x-widget'];
const SKIPPED = [
  'script',
  'style',
  'textarea',
  'noscript',
  'editable',
  'editable-false-inside',
  'codemirror',
  'monaco',
  'svg',
  'select',
  'title',
  'template',
  'portolan-card',
];

export interface GenerateOptions {
  maxDepth?: number;
  maxChildren?: number;
  /** Allow shadow roots (off for subtrees added as mutations, to keep the expected text simple). */
  shadow?: boolean;
  /** Stop adding elements after this many, so deep pages stay quick to check. */
  maxElements?: number;
}

/**
 * Fills `container` with a random page. Every text piece starts with a space so no port token glues to
 * the text before it; a port token sits wholly inside one text node or as "port " + <inline>digits</inline>.
 */
export function generatePage(
  doc: Document,
  container: Element,
  random: () => number,
  options: GenerateOptions = {},
): RandomPage {
  const maxDepth = options.maxDepth ?? 10;
  const maxChildren = options.maxChildren ?? 5;
  let elementsLeft = options.maxElements ?? 400;
  const page: RandomPage = { expectedPorts: [], shadowRoots: [], closedRoots: [], hiddenPorts: 0 };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number): boolean => random() < p;
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));

  const portNumber = (): number => (chance(0.1) ? int(65536, 99999) : int(0, 65535));

  /** Text with and without ports; records the ports when `eligible`. */
  function text(eligible: boolean): string {
    const parts: string[] = [];
    const n = int(0, 6);
    for (let i = 0; i < n; i++) {
      const roll = random();
      if (roll < 0.2) {
        const port = portNumber();
        parts.push(`port ${port}`);
        if (eligible && port <= 65535) page.expectedPorts.push(port);
        else if (!eligible) page.hiddenPorts++;
      } else if (roll < 0.28) {
        const port = portNumber();
        parts.push(`${port}/${pick(['tcp', 'udp'])}`);
        if (eligible && port <= 65535) page.expectedPorts.push(port);
        else if (!eligible) page.hiddenPorts++;
      } else if (roll < 0.4) {
        parts.push(String(int(0, 99999)));
      } else {
        parts.push(pick(WORDS));
      }
    }
    return ` ${parts.join(' ')}${chance(0.5) ? ' ' : ''}`;
  }

  function addText(parent: Node, eligible: boolean): void {
    parent.appendChild(doc.createTextNode(text(eligible)));
    // Sometimes the page itself keeps adjacent text nodes; restoring must not merge them.
    if (chance(0.1)) parent.appendChild(doc.createTextNode(text(eligible)));
  }

  function skippedElement(parent: Node, depth: number): void {
    const kind = pick(SKIPPED);
    let el: Element;
    let inner: Node;
    switch (kind) {
      case 'editable':
        el = doc.createElement('div');
        el.setAttribute('contenteditable', pick(['', 'true', 'plaintext-only']));
        inner = el;
        break;
      case 'editable-false-inside': {
        el = doc.createElement('div');
        el.setAttribute('contenteditable', 'true');
        const island = doc.createElement('span');
        island.setAttribute('contenteditable', 'false');
        el.appendChild(island);
        inner = island;
        break;
      }
      case 'codemirror':
        el = doc.createElement('div');
        el.setAttribute('class', pick(['CodeMirror cm-s-default', 'cm-editor', 'x ace_editor']));
        inner = el.appendChild(doc.createElement('div'));
        break;
      case 'monaco':
        el = doc.createElement('div');
        el.setAttribute('class', 'monaco-editor');
        inner = el;
        break;
      case 'svg':
        el = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
        inner = el.appendChild(doc.createElementNS('http://www.w3.org/2000/svg', 'text'));
        break;
      default:
        el = doc.createElement(kind);
        inner = el;
    }
    parent.appendChild(el);
    // Ports in here must never be wrapped: they are not added to expectedPorts.
    inner.appendChild(doc.createTextNode(text(false)));
    if (depth < maxDepth && chance(0.3) && inner.nodeType === 1 && kind !== 'svg') {
      const nested = doc.createElement('span');
      nested.appendChild(doc.createTextNode(text(false)));
      inner.appendChild(nested);
    }
  }

  function fill(parent: Node, depth: number, eligible: boolean): void {
    const n = int(0, maxChildren);
    for (let i = 0; i < n; i++) {
      const roll = random();
      if (roll < 0.35 || depth >= maxDepth || elementsLeft-- <= 0) {
        addText(parent, eligible);
      } else if (roll < 0.45) {
        skippedElement(parent, depth);
      } else if (roll < 0.5) {
        // "port " + <inline>digits</inline>: the port's context is in the previous node.
        const port = int(0, 65535);
        parent.appendChild(doc.createTextNode(' port '));
        const b = parent.appendChild(doc.createElement(pick(['b', 'span', 'code'])));
        b.appendChild(doc.createTextNode(String(port)));
        if (eligible) page.expectedPorts.push(port);
      } else if (roll < 0.53 && options.shadow !== false) {
        shadowHost(parent, depth, eligible);
      } else {
        const block = roll < 0.75;
        const el = doc.createElement(block ? pick(BLOCKS) : pick(INLINES));
        if (el.localName === 'a') el.setAttribute('href', `http://localhost:${int(1, 65535)}/`);
        if (chance(0.3)) el.setAttribute('title', `port ${int(0, 65535)}`);
        if (chance(0.2)) el.setAttribute('data-note', '<port 80>');
        if (chance(0.1)) el.setAttribute('contenteditable', 'false');
        parent.appendChild(el);
        fill(el, depth + 1, eligible);
      }
    }
  }

  function shadowHost(parent: Node, depth: number, eligible: boolean): void {
    const host = doc.createElement('x-host');
    parent.appendChild(host);
    const open = chance(0.7);
    const shadow = host.attachShadow({ mode: open ? 'open' : 'closed' });
    // Ports in the shadow tree count only when the annotator can see it; expected order is light DOM first.
    const saved = page.expectedPorts;
    page.expectedPorts = [];
    fill(shadow, depth + 1, eligible && open);
    const inShadow = page.expectedPorts;
    page.expectedPorts = saved;
    if (open) {
      page.shadowRoots.push(shadow);
      shadowPorts.push(...inShadow);
    } else {
      page.closedRoots.push(shadow);
    }
    // Light DOM children of a host are not rendered without a slot, but they are still page text.
    if (chance(0.5)) addText(host, eligible);
  }

  const shadowPorts: number[] = [];
  fill(container, 0, true);
  page.expectedPorts.push(...shadowPorts);
  return page;
}
