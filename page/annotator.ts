// Finds port mentions in a page's text nodes and wraps their digits, without ever changing the page's text.
// Pure DOM (no `browser.*`), so it runs unchanged in happy-dom tests and in the content script.

import { PROTOCOLS, type PortMatch, type Protocol } from '../lib/types';
import { defaultSchedule, type Schedule } from './scheduler';

export const WRAPPER_TAG = 'portolan-port';
export const PORT_ATTR = 'data-portolan-port';
export const PROTOCOL_ATTR = 'data-portolan-protocol';

/**
 * The wrapper's only styling: a thin dotted underline in the text's own colour. `display` is forced inline so
 * page rules such as `* { display: block !important }` cannot turn a wrapper into a line break.
 */
export const ANNOTATION_CSS =
  `${WRAPPER_TAG}{display:inline!important;color:inherit;cursor:help;` +
  'text-decoration-line:underline;text-decoration-style:dotted;text-decoration-thickness:1px;' +
  'text-underline-offset:0.18em;text-decoration-skip-ink:none;' +
  'text-decoration-color:currentColor;text-decoration-color:color-mix(in srgb,currentColor 55%,transparent)}' +
  `${WRAPPER_TAG}:focus{outline:none}` +
  `${WRAPPER_TAG}:focus-visible{outline:1px dotted currentColor;outline-offset:1px}`;

/** `before` is up to CONTEXT_CHARS of the text preceding `text` inside the same block. */
export type FindPorts = (text: string, before: string) => PortMatch[];

export interface AnnotatorOptions {
  root: Document | ShadowRoot | Element;
  find: FindPorts;
  /** Longest stretch of scanning in one task, in ms (scanning reads the DOM, never writes it). */
  budgetMs?: number;
  /**
   * Shortest stretch of writing wrappers in one task, in ms. Larger than `budgetMs` by default: each task that
   * writes costs the page one layout afterwards (hundreds of ms on a 12,000-row table), so fewer, fuller write
   * tasks finish far sooner. On a page whose layout or scan is slow, writing tasks grow (see MAX_WRITE_BUDGET_MS).
   */
  writeBudgetMs?: number;
  /** Called every time all known work is finished (after the first pass and after each burst of page changes). */
  onDone?: () => void;
  /** How slices are queued; tests pass a manual one. */
  schedule?: Schedule;
}

export interface AnnotatorStats {
  /** Wrappers currently in the page. */
  wrappers: number;
  /** Text nodes handed to `find` (a node rewritten by the page counts again). */
  textsScanned: number;
  findCalls: number;
  findErrors: number;
  slices: number;
  longestSliceMs: number;
  workMs: number;
  mutationBatches: number;
  shadowRoots: number;
  /** Text nodes the page rewrote so often that they are no longer annotated. */
  churnFrozen: number;
  /** Queued subtrees and text nodes not yet scanned, plus scanned matches not yet written. */
  pending: number;
}

/** What the annotator itself detected for a wrapper: trust this, not the page-writable attributes. */
export interface WrapperMatch {
  port: number;
  protocol?: Protocol;
}

export interface Annotator {
  start(): void;
  /** Removes every wrapper, restores each split text node and disconnects observers. */
  stop(): void;
  /** Resolves once pending page changes are scanned (or at once when stopped). */
  whenIdle(): Promise<void>;
  stats(): AnnotatorStats;
  matchOf(wrapper: Element): WrapperMatch | undefined;
}

export const CONTEXT_CHARS = 64;
const DEFAULT_BUDGET_MS = 12;
const DEFAULT_WRITE_BUDGET_MS = 30;
// With a short idle period offered, still do this much so progress is steady.
const MIN_SLICE_MS = 4;
// A huge text node (a 5 MB <pre>) is handed to `find` in windows of about this size.
const WINDOW_CHARS = 32_768;
const STEPS_PER_CLOCK_CHECK = 64;
// Writing: look at the clock after about this many wrappers; build a huge node's fragment this many at a time.
const MATCHES_PER_CLOCK_CHECK = 16;
const MATCHES_PER_BUILD_STEP = 256;
// Scanning does not touch the DOM; writes are batched, since every slice that writes costs the page a
// layout (a second or more per frame on a 5 MB <pre>). On huge pages, show progress at least this often.
const COMMIT_AT_LEAST_EVERY_MS = 1000;
// Every slice that writes costs the page a layout, and a huge page's layout is slow (200-500 ms for a 12,000-row
// table). So a writing slice may run as long as the page took to lay out our last write (the time until the next
// slice), or twice what scanning took since we were last idle (a page slow to scan is big, and writing a port
// costs about what scanning it did), up to this: a huge page is laid out once or twice, not dozens of times.
const MAX_WRITE_BUDGET_MS = 300;
// A node the page rewrote this many times (a clock, a ticker) is left alone from then on.
const CHURN_LIMIT = 20;
// Walking backwards for `before` stops after this many nodes (pages with runs of empty inline elements).
const CONTEXT_NODE_LIMIT = 32;
// Shadow roots attached after their host was walked cannot be observed; look again now and then.
const HOST_RECHECK_MS = 500;
const HOST_RECHECK_TIMERS_MS = [1000, 4000];

const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  // An element turned editable must lose its wrappers before the user types around them.
  attributeFilter: ['contenteditable'],
};

const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'textarea', 'input', 'select', 'option', 'optgroup', 'datalist', 'svg',
  'math', 'canvas', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'video', 'audio', 'head',
  'title', 'noembed', 'noframes', 'xmp', 'plaintext',
]);
const EDITOR_CLASS = /(?:^|\s)(?:CodeMirror|cm-editor|monaco-editor|ace_editor)(?:\s|$)/;
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details', 'dialog',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const HAS_DIGIT = /[0-9]/;

/** Elements whose content is never annotated: code, form fields, editors, our own nodes. */
export function isSkippedElement(el: Element): boolean {
  const name = el.localName;
  if (SKIP_TAGS.has(name) || name.startsWith('portolan-')) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  // getAttribute, not classList: classList allocates a token list per element.
  const cls = el.getAttribute('class');
  return cls !== null && EDITOR_CLASS.test(cls);
}

/** Up to `want` characters of rendered-order text before `node`, not crossing a block or <br>. */
export function textBefore(node: Node, want: number = CONTEXT_CHARS): string {
  const parts: string[] = [];
  let have = 0;
  let visited = 0;
  let cur: Node = node;
  outer: while (have < want && visited < CONTEXT_NODE_LIMIT) {
    let prev: Node | null = cur.previousSibling;
    while (prev === null) {
      const parent: Node | null = cur.parentNode;
      if (parent === null || parent.nodeType !== 1 || BLOCK_TAGS.has((parent as Element).localName)) break outer;
      cur = parent;
      prev = cur.previousSibling;
    }
    let found: Node = prev;
    // Descend into an inline element's last text.
    for (;;) {
      visited++;
      if (found.nodeType === 3) {
        const data = (found as Text).data;
        parts.push(data);
        have += data.length;
        break;
      }
      if (found.nodeType !== 1) break;
      const name = (found as Element).localName;
      if (BLOCK_TAGS.has(name)) break outer;
      if (SKIP_TAGS.has(name)) break;
      const last: Node | null = found.lastChild;
      if (last === null) break;
      found = last;
    }
    cur = found;
  }
  if (parts.length === 0) return '';
  const text = parts.reverse().join('');
  return text.length > want ? text.slice(text.length - want) : text;
}

/** Next node in document order after `node`'s subtree, staying inside `root`. */
function successor(node: Node, root: Node): Node | null {
  let cur: Node = node;
  while (cur !== root) {
    const sibling = cur.nextSibling;
    if (sibling !== null) return sibling;
    const parent = cur.parentNode;
    if (parent === null) return null;
    cur = parent;
  }
  return null;
}

/** Where a window of a huge text ends: after a newline or a space near `at`, so no number is cut. */
function windowEnd(data: string, at: number): number {
  if (at >= data.length) return data.length;
  const newline = data.indexOf('\n', at);
  if (newline >= 0 && newline - at < 4096) return newline + 1;
  const space = data.indexOf(' ', at);
  if (space >= 0 && space - at < 256) return space + 1;
  return at;
}

function validProtocol(p: unknown): Protocol | undefined {
  return PROTOCOLS.includes(p as Protocol) ? (p as Protocol) : undefined;
}

/** A page text node we split: it keeps the text before its first match; `added` follow it. */
interface Split {
  head: Text;
  original: string;
  /** What we left in the head; if it reads otherwise, the page wrote to it since. */
  kept: string;
  added: Node[];
  wrappers: number;
}

interface Walk {
  root: Node;
  next: Node | null;
}

/** A text node being scanned window by window (one window unless it is huge). */
interface PartialScan {
  node: Text;
  data: string;
  from: number;
  found: PortMatch[];
}

/** A pending wrap whose nodes are being created, before they go into the page in one insertion. */
interface Build {
  item: PendingWrap;
  split: Split;
  fragment: DocumentFragment;
  /** An empty wrapper with the fixed attributes, cloned per match (cheaper than setting them each time). */
  prototype: Element;
  index: number;
  pos: number;
}

/** Matches found by a scan, written to the DOM later in one batch so the page lays out once, not per slice. */
interface PendingWrap {
  node: Text;
  data: string;
  found: PortMatch[];
  epoch: number;
}

const IDLE = 0;
const LIGHT = 1;
const HEAVY = 2;
type StepResult = typeof IDLE | typeof LIGHT | typeof HEAVY;

const now = (): number => performance.now();

export function createAnnotator(options: AnnotatorOptions): Annotator {
  const root: Node = options.root;
  const find = options.find;
  const budgetMs = Math.max(0, options.budgetMs ?? DEFAULT_BUDGET_MS);
  const writeBudgetMs = Math.max(0, options.writeBudgetMs ?? Math.max(budgetMs, DEFAULT_WRITE_BUDGET_MS));
  const schedule = options.schedule ?? defaultSchedule();

  const splits = new Map<Text, Split>();
  const splitOfOwn = new WeakMap<Node, Split>();
  const own = new WeakSet<Node>();
  const matches = new WeakMap<Element, WrapperMatch>();
  const rewrites = new WeakMap<Text, number>();
  const frozen = new WeakSet<Text>();
  let scanned = new WeakSet<Text>();
  const observed = new Set<Node>();
  const hostCandidates = new Set<Element>();

  const queue: Node[] = [];
  let queueHead = 0;
  const queuedTexts = new Set<Text>();
  let walk: Walk | null = null;
  let partial: PartialScan | null = null;
  let pending: PendingWrap[] = [];
  let pendingHead = 0;
  let building: Build | null = null;
  let wrapperPrototype: Element | null = null;
  let oldestPendingAt = 0;
  let writeBudget = writeBudgetMs;
  // Time spent since the annotator was last idle in slices that inserted nothing: mostly scanning.
  let scanMs = 0;
  let wrote = false;
  // When the last slice that inserted wrappers ended, or 0.
  let wroteAt = 0;
  // Bumped whenever page changes are absorbed: a pending wrap scanned in an older epoch is re-checked.
  let epoch = 0;

  let running = false;
  let observer: MutationObserver | null = null;
  let muting = false;
  let cancelSlice: (() => void) | null = null;
  let idleWaiters: Array<() => void> = [];
  let hostTimers: ReturnType<typeof setTimeout>[] = [];
  let lastHostCheck = 0;

  const counters = {
    wrappers: 0,
    textsScanned: 0,
    findCalls: 0,
    findErrors: 0,
    slices: 0,
    longestSliceMs: 0,
    workMs: 0,
    mutationBatches: 0,
    shadowRoots: 0,
    churnFrozen: 0,
  };

  // ---- observing, with our own writes kept out of the record stream ----

  /**
   * Runs `write`, first absorbing what the page changed before. Every record queued while `write` runs is
   * ours (no page script runs inside our synchronous slice), so those are dropped rather than re-read.
   * Dropping beats disconnect/observe: re-observing is O(subtree) in some DOM implementations.
   */
  function muted(write: () => void): void {
    if (observer === null || muting) {
      write();
      return;
    }
    muting = true;
    try {
      const pending = observer.takeRecords();
      if (pending.length > 0) absorb(pending);
      write();
    } finally {
      observer?.takeRecords();
      muting = false;
    }
  }

  function onMutations(records: MutationRecord[]): void {
    if (!running) return;
    muted(() => absorb(records));
    if (!isIdle()) scheduleSlice();
  }

  function absorb(records: MutationRecord[]): void {
    counters.mutationBatches++;
    epoch++;
    handleRecords(records);
    if (hostCandidates.size > 0 && now() - lastHostCheck >= HOST_RECHECK_MS) recheckHosts();
  }

  function handleRecords(records: MutationRecord[]): void {
    for (const record of records) {
      if (record.type === 'characterData') {
        const text = record.target as Text;
        if (!own.has(text)) pageRewroteText(text);
        continue;
      }
      if (record.type === 'attributes') {
        const el = record.target as Element;
        if (isSkippedElement(el)) unwrapWithin(el);
        else queue.push(el);
        continue;
      }
      if (record.type !== 'childList') continue;
      // A split head the page removed leaves our tails behind: take them out and make the head whole again.
      for (const removed of record.removedNodes) {
        if (removed.nodeType !== 3) continue;
        const split = splits.get(removed as Text);
        if (split) unwrap(split, true);
      }
      for (const added of record.addedNodes) {
        if (own.has(added)) continue;
        if (added.nodeType === 3) {
          // A split head moved on its own (perhaps out of a detached parent we no longer saw): its tails stayed.
          const split = splits.get(added as Text);
          if (split) unwrap(split, true);
          queueText(added as Text);
        } else if (added.nodeType === 1) queue.push(added);
      }
    }
  }

  function pageRewroteText(text: Text): void {
    const count = (rewrites.get(text) ?? 0) + 1;
    rewrites.set(text, count);
    const split = splits.get(text);
    // The page wrote the whole new text into the head; our old tails would repeat stale text after it.
    if (split) unwrap(split, false);
    if (count > CHURN_LIMIT) {
      if (!frozen.has(text)) {
        frozen.add(text);
        counters.churnFrozen++;
      }
      return;
    }
    scanned.delete(text);
    queueText(text);
  }

  function queueText(text: Text): void {
    if (queuedTexts.has(text)) return;
    queuedTexts.add(text);
    queue.push(text);
  }

  function adoptShadowRoot(shadow: ShadowRoot): void {
    if (observed.has(shadow)) return;
    observed.add(shadow);
    counters.shadowRoots++;
    observer?.observe(shadow, OBSERVE);
    queue.push(shadow);
  }

  function recheckHosts(): void {
    lastHostCheck = now();
    for (const host of hostCandidates) {
      const shadow = host.shadowRoot;
      if (shadow !== null) {
        hostCandidates.delete(host);
        adoptShadowRoot(shadow);
      } else if (!host.isConnected) {
        hostCandidates.delete(host);
      }
    }
    for (const target of observed) {
      if (target !== root && !target.isConnected) observed.delete(target);
    }
  }

  // ---- splitting and restoring ----

  function unwrap(split: Split, restoreText: boolean): void {
    for (const node of split.added) node.parentNode?.removeChild(node);
    // Records arrive late: never put back our original over a value the page wrote meanwhile.
    if (restoreText && split.head.data === split.kept) split.head.data = split.original;
    counters.wrappers -= split.wrappers;
    splits.delete(split.head);
    scanned.delete(split.head);
  }

  /**
   * A subtree coming back into the page may carry tails whose head the page took out while the subtree was
   * detached (we could not see that): remove them, or the page would read our stale copy of its text.
   */
  function dropOrphans(el: Element): void {
    if (splits.size === 0) return;
    for (const wrapper of el.querySelectorAll(WRAPPER_TAG)) {
      const split = splitOfOwn.get(wrapper);
      if (split !== undefined && splits.get(split.head) === split && split.head.parentNode !== wrapper.parentNode) {
        unwrap(split, true);
      }
    }
  }

  /** Takes our wrappers out of a subtree that the page moved into, or turned into, a skipped context. */
  function unwrapWithin(el: Element): void {
    for (const wrapper of el.querySelectorAll(WRAPPER_TAG)) {
      const split = splitOfOwn.get(wrapper);
      if (split !== undefined && splits.get(split.head) === split) unwrap(split, true);
    }
  }

  /**
   * Builds the wrappers and plain tails that replace a text node's content from its first match on, in a
   * detached fragment, a bounded number of matches per call (a 5 MB <pre> holds thousands). Returns true
   * when the fragment is complete.
   */
  function buildStep(b: Build): boolean {
    const { data, found } = b.item;
    const doc = b.item.node.ownerDocument;
    const end = Math.min(b.index + MATCHES_PER_BUILD_STEP, found.length);
    for (let i = b.index; i < end; i++) {
      const m = found[i];
      if (m.start > b.pos) b.fragment.appendChild(tail(doc, data.slice(b.pos, m.start), b.split));
      const wrapper = b.prototype.cloneNode(false) as Element;
      wrapper.setAttribute(PORT_ATTR, String(m.port));
      if (m.protocol !== undefined) wrapper.setAttribute(PROTOCOL_ATTR, m.protocol);
      const digits = doc.createTextNode(data.slice(m.start, m.end));
      wrapper.appendChild(digits);
      own.add(wrapper);
      own.add(digits);
      splitOfOwn.set(wrapper, b.split);
      matches.set(wrapper, m.protocol === undefined ? { port: m.port } : { port: m.port, protocol: m.protocol });
      b.split.added.push(wrapper);
      b.fragment.appendChild(wrapper);
      b.pos = m.end;
    }
    b.index = end;
    if (end < found.length) return false;
    if (b.pos < data.length) b.fragment.appendChild(tail(doc, data.slice(b.pos), b.split));
    return true;
  }

  function prototypeFor(doc: Document): Element {
    if (wrapperPrototype === null || wrapperPrototype.ownerDocument !== doc) {
      wrapperPrototype = doc.createElement(WRAPPER_TAG);
      wrapperPrototype.setAttribute('tabindex', '0');
    }
    return wrapperPrototype;
  }

  /** Still safe to write what was scanned: same text, still in the page, not yet split, not now in an editor. */
  function stillWrappable(item: PendingWrap): boolean {
    const { node } = item;
    if (node.data !== item.data || splits.has(node) || node.parentNode === null) return false;
    return item.epoch === epoch || inScope(node);
  }

  /** Advances the write of the oldest pending wrap; returns how many matches it handled. */
  function commitStep(): number {
    if (building === null) {
      const item = pending[pendingHead++];
      if (pendingHead >= pending.length) {
        pending = [];
        pendingHead = 0;
      }
      if (!stillWrappable(item)) return 0;
      const { node, data, found } = item;
      const split: Split = { head: node, original: data, kept: data.slice(0, found[0].start), added: [], wrappers: 0 };
      const doc = node.ownerDocument;
      building = { item, split, fragment: doc.createDocumentFragment(), prototype: prototypeFor(doc), index: 0, pos: found[0].start };
    }
    const b = building;
    const before = b.index;
    if (!buildStep(b)) return b.index - before;
    building = null;
    // The page may have changed between slices while a big fragment was being built.
    if (!stillWrappable(b.item)) return b.index - before;
    const { node } = b.item;
    b.split.wrappers = b.item.found.length;
    counters.wrappers += b.split.wrappers;
    splits.set(node, b.split);
    node.data = b.split.kept;
    node.parentNode!.insertBefore(b.fragment, node.nextSibling);
    wrote = true;
    return b.index - before;
  }

  function tail(doc: Document, text: string, split: Split): Text {
    const node = doc.createTextNode(text);
    own.add(node);
    scanned.add(node);
    splitOfOwn.set(node, split);
    split.added.push(node);
    return node;
  }

  /** Hands the next window of a text node to `find`; returns true when `find` was called. */
  function scanWindow(scan: PartialScan): boolean {
    const { node, data, from } = scan;
    const cut = data.length - from > WINDOW_CHARS ? windowEnd(data, from + WINDOW_CHARS) : data.length;
    scan.from = cut;
    const text = from === 0 && cut === data.length ? data : data.slice(from, cut);
    if (!HAS_DIGIT.test(text)) return false;
    const before =
      from >= CONTEXT_CHARS
        ? data.slice(from - CONTEXT_CHARS, from)
        : textBefore(node, CONTEXT_CHARS - from) + data.slice(0, from);
    counters.findCalls++;
    let reported: PortMatch[];
    try {
      reported = find(text, before);
    } catch {
      // A detector bug must never break the page.
      counters.findErrors++;
      return true;
    }
    sanitizeInto(scan.found, reported, text.length, from);
    return true;
  }

  /** Scans as much of `scan` as one step allows; on the last window, queues the matches for writing. */
  function advanceScan(scan: PartialScan): { done: boolean; calledFind: boolean } {
    const calledFind = scanWindow(scan);
    if (scan.from < scan.data.length) return { done: false, calledFind };
    if (scan.found.length > 0) {
      if (pendingHead >= pending.length) oldestPendingAt = now();
      pending.push({ node: scan.node, data: scan.data, found: scan.found, epoch });
    }
    return { done: true, calledFind };
  }

  /** Appends in-bounds, ordered, non-overlapping matches to `out`, shifted to offsets in the whole node. */
  function sanitizeInto(out: PortMatch[], reported: PortMatch[], length: number, offset: number): void {
    const ordered = isSorted(reported) ? reported : [...reported].sort((a, b) => a.start - b.start);
    let end = 0;
    for (const m of ordered) {
      if (!Number.isInteger(m.start) || !Number.isInteger(m.end)) continue;
      if (m.start < end || m.end <= m.start || m.end > length) continue;
      if (!Number.isInteger(m.port) || m.port < 0 || m.port > 65535) continue;
      const protocol = validProtocol(m.protocol);
      out.push({ start: m.start + offset, end: m.end + offset, port: m.port, ...(protocol ? { protocol } : {}) });
      end = m.end;
    }
  }

  // ---- the work loop ----

  /** True when `node` is inside `root` (through open shadow roots) and no ancestor is skipped. */
  function inScope(node: Node): boolean {
    let cur: Node | null = node;
    while (cur !== null) {
      if (cur === root) return true;
      if (cur.nodeType === 1 && isSkippedElement(cur as Element)) return false;
      cur = cur.nodeType === 11 ? ((cur as ShadowRoot).host ?? null) : cur.parentNode;
    }
    return false;
  }

  /** Starts scanning a text node not seen before; returns the step's weight, or null if there was nothing to do. */
  function startText(text: Text): StepResult | null {
    if (scanned.has(text) || frozen.has(text)) return null;
    scanned.add(text);
    const data = text.data;
    // Most text has no digit at all: skip it without computing context or calling `find`.
    if (!HAS_DIGIT.test(data)) return LIGHT;
    counters.textsScanned++;
    const scan: PartialScan = { node: text, data, from: 0, found: [] };
    const { done, calledFind } = advanceScan(scan);
    if (!done) partial = scan;
    return calledFind ? HEAVY : LIGHT;
  }

  function walkStep(w: Walk, node: Node): StepResult {
    const type = node.nodeType;
    if (type === 3) {
      const result = startText(node as Text);
      // A huge text continues as `partial`; the walk resumes after it.
      w.next = partial !== null ? null : successor(node, w.root);
      return result ?? LIGHT;
    }
    if (type === 1) {
      const el = node as Element;
      if (isSkippedElement(el)) {
        w.next = successor(el, w.root);
        return LIGHT;
      }
      const shadow = el.shadowRoot;
      if (shadow !== null) adoptShadowRoot(shadow);
      else if (el.localName.includes('-')) hostCandidates.add(el);
      w.next = el.firstChild ?? successor(el, w.root);
      return LIGHT;
    }
    if (type === 9 || type === 11) {
      w.next = node.firstChild ?? successor(node, w.root);
      return LIGHT;
    }
    w.next = successor(node, w.root);
    return LIGHT;
  }

  function startQueued(node: Node): StepResult {
    if (node.nodeType === 3) {
      const text = node as Text;
      queuedTexts.delete(text);
      if (own.has(text) || text.parentNode === null || !inScope(text)) return LIGHT;
      return startText(text) ?? LIGHT;
    }
    if (node.nodeType === 11) {
      if (observed.has(node)) walk = { root: node, next: node };
    } else if (inScope(node)) {
      if (node.nodeType === 1) dropOrphans(node as Element);
      walk = { root: node, next: node };
    } else if (node.nodeType === 1) {
      unwrapWithin(node as Element);
    }
    return LIGHT;
  }

  /** One unit of scanning (never writes to the DOM); IDLE when there is nothing left to scan. */
  function step(): StepResult {
    if (partial !== null) {
      const scan = partial;
      const { done, calledFind } = advanceScan(scan);
      if (done) {
        partial = null;
        if (walk !== null) walk.next = successor(scan.node, walk.root);
      }
      return calledFind ? HEAVY : LIGHT;
    }
    if (walk !== null) {
      if (walk.next !== null) return walkStep(walk, walk.next);
      walk = null;
    }
    if (queueHead < queue.length) {
      const node = queue[queueHead++];
      if (queueHead >= queue.length) {
        queue.length = 0;
        queueHead = 0;
      }
      return startQueued(node);
    }
    return IDLE;
  }

  function scanIdle(): boolean {
    return partial === null && (walk === null || walk.next === null) && queueHead >= queue.length;
  }

  /** Write when scanning is done, or now and then on a page so big that scanning it takes long. */
  function commitDue(sliceStart: number): boolean {
    if (building !== null) return true;
    return pendingHead < pending.length && (scanIdle() || sliceStart - oldestPendingAt >= COMMIT_AT_LEAST_EVERY_MS);
  }

  function writesPending(): boolean {
    return building !== null || pendingHead < pending.length;
  }

  /**
   * Between slices the page may have moved or removed what we were about to visit, or moved it into a
   * skipped context (an editor). Continue after the skipped ancestor, or start the subtree over.
   */
  function revalidate(): void {
    if (walk !== null && walk.root !== root && !inScope(walk.root)) walk = null;
    if (partial !== null && (partial.node.data !== partial.data || !inScope(partial.node))) {
      const node = partial.node;
      partial = null;
      if (walk !== null) walk.next = reenter(walk, node, true);
    }
    if (walk !== null && walk.next !== null) walk.next = reenter(walk, walk.next, false);
  }

  /** `node` or (when `after`) what follows it, unless it now sits in a skipped element or left the walk. */
  function reenter(w: Walk, node: Node, after: boolean): Node | null {
    let topSkipped: Node | null = null;
    let cur: Node | null = node;
    while (cur !== null && cur !== w.root) {
      if (cur.nodeType === 1 && isSkippedElement(cur as Element)) topSkipped = cur;
      cur = cur.parentNode;
    }
    // Left the walk's subtree: start it over; scanned text is passed over quickly.
    if (cur === null) return w.root;
    if (topSkipped !== null) return successor(topSkipped, w.root);
    return after ? successor(node, w.root) : node;
  }

  function isIdle(): boolean {
    return scanIdle() && !writesPending();
  }

  function scheduleSlice(): void {
    if (running && cancelSlice === null) cancelSlice = schedule(runSlice);
  }

  function runSlice(idleMs: number | undefined): void {
    cancelSlice = null;
    if (!running) return;
    const started = now();
    if (wroteAt > 0) writeBudget = Math.max(writeBudgetMs, started - wroteAt);
    wroteAt = 0;
    wrote = false;
    const budget = idleMs === undefined ? budgetMs : Math.min(budgetMs, Math.max(idleMs, MIN_SLICE_MS));
    const deadline = started + budget;
    // A slice that writes pays for a layout anyway; let it write its fill.
    const writeDeadline = started + Math.min(MAX_WRITE_BUDGET_MS, Math.max(writeBudget, 2 * scanMs));
    let idle = false;
    counters.slices++;
    muted(() => {
      revalidate();
      let steps = 0;
      let written = 0;
      for (;;) {
        if (commitDue(started)) {
          written += commitStep() + 1;
          if (written >= MATCHES_PER_CLOCK_CHECK) {
            written = 0;
            if (now() >= writeDeadline) break;
          }
          continue;
        }
        const result = step();
        if (result === IDLE) {
          if (writesPending()) continue;
          idle = true;
          break;
        }
        if ((result === HEAVY || ++steps % STEPS_PER_CLOCK_CHECK === 0) && now() >= deadline) break;
      }
    });
    const ended = now();
    const took = ended - started;
    // Only a slice that follows at once measures the page's layout; after idling the gap says nothing.
    if (wrote && !idle) wroteAt = ended;
    else if (!wrote) scanMs += took;
    counters.workMs += took;
    if (took > counters.longestSliceMs) counters.longestSliceMs = took;
    if (idle) {
      scanMs = 0;
      notifyIdle();
    } else scheduleSlice();
  }

  function notifyIdle(): void {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
    options.onDone?.();
  }

  function resetState(): void {
    splits.clear();
    observed.clear();
    hostCandidates.clear();
    queue.length = 0;
    queueHead = 0;
    queuedTexts.clear();
    walk = null;
    partial = null;
    pending = [];
    pendingHead = 0;
    building = null;
    scanned = new WeakSet<Text>();
    counters.wrappers = 0;
  }

  return {
    start(): void {
      if (running) return;
      resetState();
      running = true;
      const Observer = globalThis.MutationObserver;
      if (typeof Observer === 'function') {
        observer = new Observer(onMutations);
        observer.observe(root, OBSERVE);
      }
      observed.add(root);
      queue.push(root);
      lastHostCheck = now();
      hostTimers = HOST_RECHECK_TIMERS_MS.map((ms) =>
        setTimeout(() => {
          if (!running || hostCandidates.size === 0) return;
          muted(recheckHosts);
          if (!isIdle()) scheduleSlice();
        }, ms),
      );
      scheduleSlice();
    },

    stop(): void {
      if (!running) return;
      cancelSlice?.();
      cancelSlice = null;
      for (const timer of hostTimers) clearTimeout(timer);
      hostTimers = [];
      muted(() => {
        // Handling pending records first means a head the page rewrote keeps the page's text.
        running = false;
        for (const split of [...splits.values()]) unwrap(split, true);
      });
      running = false;
      observer?.disconnect();
      observer = null;
      resetState();
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    },

    whenIdle(): Promise<void> {
      if (!running) return Promise.resolve();
      // Records the observer has not delivered yet are work too.
      muted(() => {});
      if (isIdle()) return Promise.resolve();
      scheduleSlice();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },

    stats(): AnnotatorStats {
      const queued = queue.length - queueHead + (walk?.next ? 1 : 0) + (partial ? 1 : 0);
      return { ...counters, pending: queued + pending.length - pendingHead + (building ? 1 : 0) };
    },

    matchOf(wrapper: Element): WrapperMatch | undefined {
      return matches.get(wrapper);
    },
  };
}

function isSorted(found: PortMatch[]): boolean {
  for (let i = 1; i < found.length; i++) if (found[i].start < found[i - 1].start) return false;
  return true;
}
