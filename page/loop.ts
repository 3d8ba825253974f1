// The loop: the one place where work happens, in time-boxed slices between the page's own tasks. It keeps the
// queue of subtrees to walk and texts to scan, steps the walker, hands text to detection and the results to
// marks. Under a storm of page changes it backs off (fewer, shorter slices) so the page's timers stay on time,
// and a text the page keeps rewriting is rescanned at a bounded rate, never given up on.
//
// Who calls it: page/annotator.ts queues work from the observer's records and asks whether it is done.

import type { PortMatch, TextContext } from '../lib/types';
import { isPort } from '../lib/range-classes';
import type { Marks } from './marks';
import { now, type Schedule } from './scheduler';
import {
  CONTEXT_CHARS,
  HAS_DIGIT,
  WINDOW_CHARS,
  inScope,
  isEditableText,
  startWalk,
  textAfter,
  textBefore,
  textsAround,
  walkStep,
  windowEnd,
  type Walk,
  type WalkVisitor,
} from './walker';

/** Detection for one page: `before` and `after` are up to CONTEXT_CHARS of the text around `text` in its block. */
export type FindPorts = (text: string, before: string, context?: TextContext, after?: string) => PortMatch[];

export interface LoopOptions {
  root: Node;
  find: FindPorts;
  contextOf?: (text: Text) => TextContext | undefined;
  marks: Marks;
  schedule: Schedule;
  budgetMs: number;
  /** How soon a text the page keeps rewriting is rescanned (CHURN_RESCAN_MS unless a test says otherwise). */
  churnRescanMs?: number;
  /** An open shadow root met while walking. */
  onShadowRoot(root: ShadowRoot): void;
  /** A custom element without a shadow root yet (it may attach one later). */
  onHostCandidate(el: Element): void;
  /** Called each time all known work is finished. */
  onIdle(): void;
  /** Whether to work at all now (false while the document is in designMode). */
  active(): boolean;
}

export interface LoopStats {
  findCalls: number;
  findErrors: number;
  slices: number;
}

export interface Loop {
  queueNode(node: Node): void;
  /** A node the page added or moved: scanned again even where its text is unchanged (its context may not be). */
  added(node: Node): void;
  /** Scans again `node` and the text around it in its block (their context changed). */
  rescanAround(node: Node): void;
  dropWhere(stale: (text: Text) => boolean): void;
  /** The page rewrote a text node: keep its marks if it only grew, rescan it at a bounded rate. */
  textChanged(text: Text): void;
  /** Marks of text that left the page or its scope are dropped at the next slice. */
  sweepSoon(): void;
  /** The page changed this many nodes now: fast change makes the loop back off. */
  pageChanged(records: number): void;
  wake(): void;
  isIdle(): boolean;
  stats(): LoopStats;
  /** Drops all queued work; `resume` starts taking work again with nothing remembered. */
  stop(): void;
  resume(): void;
}

// With a short idle period offered, still do this much so progress is steady.
const MIN_SLICE_MS = 4;
// The clock is read after about this much work: each step counts 32, each character handed to detection 1. A
// slice overruns its budget by under a millisecond (or one window of a huge text) and reads the clock a few dozen
// times, not once a text.
const WORK_PER_CLOCK_CHECK = 2048;
// A page changing more than this many nodes in a second is in a storm: slices shrink and spread out.
const STORM_RECORDS_PER_SECOND = 600;
const STORM_SLICE_MS = 6;
const STORM_GAP_MS = 60;
// A text rewritten more than this many times in a second is rescanned at most every CHURN_RESCAN_MS.
const CHURN_FREE_REWRITES = 4;
const CHURN_RESCAN_MS = 400;

/**
 * In-bounds, ordered, non-overlapping matches, shifted by `offset` into the whole node, appended to `out`, with the
 * range they are an end of (the card shows the range). A protocol is not kept: the card reads it (page/mark-protocol.ts).
 */
function sanitizeInto(out: PortMatch[], reported: readonly PortMatch[], length: number, offset: number): void {
  // By start, in a copy (the detector's array stays as it gave it); a list already in order costs the sort one pass.
  const ordered = [...reported].sort((a, b) => a.start - b.start);
  let last = 0;
  for (const { start, end, port, range } of ordered) {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < last || end <= start || end > length) continue;
    if (!isPort(port)) continue;
    const match: PortMatch = { start: start + offset, end: end + offset, port };
    if (range && isPort(range.from) && isPort(range.to) && range.from < range.to)
      match.range = { from: range.from, to: range.to };
    out.push(match);
    last = end;
  }
}

/** A text node being scanned window by window (one window unless it is huge). */
interface PartialScan {
  node: Text;
  data: string;
  from: number;
  found: PortMatch[];
}

interface Churn {
  windowStart: number;
  rewrites: number;
}

export function createLoop(options: LoopOptions): Loop {
  const { root, find, marks, schedule } = options;
  const queue: Node[] = [];
  let queueHead = 0;
  const queued = new Set<Node>();
  let walk: Walk | null = null;
  let partial: PartialScan | null = null;
  // The text each node had when it was last scanned: an unchanged node re-added by the page needs no scan.
  let scannedData = new WeakMap<Text, string>();
  const churn = new WeakMap<Text, Churn>();
  // Rewritten texts waiting for their rescan time.
  const later = new Map<Text, number>();
  let sweepDue = false;
  let cancelSlice: (() => void) | null = null;
  let laterTimer: ReturnType<typeof setTimeout> | undefined;
  let gapTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  // Records seen in the current one-second window, and in the last full one.
  let changeWindowStart = now();
  let changesThisWindow = 0;
  let changesLastWindow = 0;
  const counters: LoopStats = { findCalls: 0, findErrors: 0, slices: 0 };
  let scannedChars = 0;

  // Nodes the page added or moved: their context may be new, so their text is scanned even if unchanged.
  const forced = new WeakSet<Node>();
  let walkForced = false;
  const visitor: WalkVisitor = {
    text: (node) => {
      if (walkForced) scannedData.delete(node);
      startText(node);
    },
    // Neither uses `this` (page/annotator.ts): passed as they are.
    shadowRoot: options.onShadowRoot,
    hostCandidate: options.onHostCandidate,
  };

  function inStorm(at: number): boolean {
    if (at - changeWindowStart >= 1000) {
      changesLastWindow = at - changeWindowStart >= 2000 ? 0 : changesThisWindow;
      changesThisWindow = 0;
      changeWindowStart = at;
    }
    return Math.max(changesLastWindow, changesThisWindow) > STORM_RECORDS_PER_SECOND;
  }

  /** Starts scanning a text node; the scan may continue as `partial` when the node is huge. */
  function startText(text: Text): void {
    const data = text.data;
    // Most texts hold no digit: they are dropped without a record (a WeakMap entry for each costs more than the test).
    if (!HAS_DIGIT.test(data)) {
      scannedData.delete(text);
      marks.drop(text);
      return;
    }
    if (scannedData.get(text) === data) return;
    scannedData.set(text, data);
    const scan: PartialScan = { node: text, data, from: 0, found: [] };
    scanWindow(scan);
    if (scan.from < data.length) partial = scan;
    else finish(scan);
  }

  /** Hands the next window of a text node to detection. */
  function scanWindow(scan: PartialScan): void {
    const { node, data, from } = scan;
    const cut = windowEnd(data, from + WINDOW_CHARS); // the text's end where that is at most a window away
    scan.from = cut;
    const text = data.slice(from, cut); // the whole string itself for a text of one window
    if (!HAS_DIGIT.test(text)) return;
    const before =
      from >= CONTEXT_CHARS
        ? data.slice(from - CONTEXT_CHARS, from)
        : textBefore(node, CONTEXT_CHARS - from) + data.slice(0, from);
    counters.findCalls++;
    scannedChars += text.length;
    try {
      const context = from === 0 ? options.contextOf?.(node) : undefined;
      // The next window's start, or (after the last window) the text after the node.
      const after = data.slice(cut, cut + CONTEXT_CHARS) || textAfter(node);
      sanitizeInto(scan.found, find(text, before, context, after), text.length, from);
    } catch {
      // A detector bug must never break the page.
      counters.findErrors++;
    }
  }

  function finish(scan: PartialScan): void {
    // Text the user can edit (an inherited contenteditable, -webkit-user-modify) is never marked.
    if (scan.found.length > 0 && !isEditableText(scan.node)) marks.set(scan.node, scan.found);
    else marks.drop(scan.node);
  }

  function startQueued(node: Node): void {
    queued.delete(node);
    const force = forced.has(node);
    forced.delete(node);
    if (node.nodeType === 3) {
      const text = node as Text;
      if (!text.parentNode || !inScope(text, root)) {
        forget(text);
        return;
      }
      if (force) scannedData.delete(text);
      startText(text);
      return;
    }
    if (node.nodeType === 11 || inScope(node, root)) {
      walk = startWalk(node);
      walkForced = force;
    } else if (node.isConnected) dropWhere((text) => node.contains(text)); // moved into an editor or a skipped element
  }

  /** One unit of work; false when there is nothing left to do now. */
  function step(): boolean {
    if (partial) {
      const scan = partial;
      scanWindow(scan);
      if (scan.from >= scan.data.length) {
        partial = null;
        finish(scan);
      }
      return true;
    }
    if (walk) {
      if (walkStep(walk, visitor)) return true;
      walk = null;
    }
    if (queueHead < queue.length) {
      const node = queue[queueHead++];
      if (queueHead >= queue.length) {
        queue.length = 0;
        queueHead = 0;
      }
      startQueued(node);
      return true;
    }
    const due = dueLater(now());
    if (due) {
      later.delete(due);
      startQueued(due);
      return true;
    }
    return false;
  }

  function dueLater(at: number): Text | null {
    for (const [text, when] of later) if (when <= at) return text;
    return null;
  }

  /** The page may have moved what a walk or a partial scan was at since the last slice. */
  function revalidate(): void {
    // The root itself is in scope (inScope answers true for it at once).
    if (walk && !inScope(walk.root, root)) walk = null;
    else if (walk?.next && !walk.root.contains(walk.next)) {
      // The page took the walk's next node out of its subtree (else the rest went unwalked): on from the node
      // visited last (nothing after it was visited), or from the start when that went too.
      const last = walk.visited!;
      if (walk.root.contains(last)) walk.next = walk.walker.currentNode = last;
      else walk = startWalk(walk.root);
    }
    if (partial && (partial.node.data !== partial.data || !inScope(partial.node, root))) {
      const node = partial.node;
      partial = null;
      scannedData.delete(node);
      queueNode(node);
    }
    // A walk whose next node the page moved elsewhere goes on from there; what moved in is queued as added.
  }

  function forget(text: Text): void {
    marks.drop(text);
    scannedData.delete(text);
  }

  /** Drops marks where `stale` says so, and forgets those texts were scanned (they may come back). */
  function dropWhere(stale: (text: Text) => boolean): void {
    marks.sweep((text) => {
      if (!stale(text)) return false;
      scannedData.delete(text);
      return true;
    });
  }

  function sweep(): void {
    sweepDue = false;
    dropWhere((text) => !text.isConnected);
  }

  function hasNowWork(): boolean {
    return sweepDue || !!partial || !!walk || queueHead < queue.length;
  }

  function isIdle(): boolean {
    return !hasNowWork() && later.size === 0;
  }

  function scheduleSlice(): void {
    if (stopped || cancelSlice || gapTimer !== undefined) return;
    if (!hasNowWork()) {
      armLater();
      return;
    }
    if (inStorm(now())) {
      gapTimer = setTimeout(() => {
        gapTimer = undefined;
        cancelSlice = schedule(runSlice);
      }, STORM_GAP_MS);
      return;
    }
    cancelSlice = schedule(runSlice);
  }

  /** Wakes the loop when the earliest deferred rescan falls due. */
  function armLater(): void {
    clearTimeout(laterTimer);
    laterTimer = undefined;
    if (later.size === 0 || stopped) return;
    let earliest = Infinity;
    for (const when of later.values()) earliest = Math.min(earliest, when);
    laterTimer = setTimeout(
      () => {
        laterTimer = undefined;
        if (stopped) return;
        cancelSlice ??= schedule(runSlice);
      },
      Math.max(0, earliest - now()),
    );
  }

  function runSlice(idleMs: number | undefined): void {
    cancelSlice = null;
    if (stopped) return;
    const started = now();
    if (!options.active()) {
      // The whole document is an editor: nothing is marked, and that is all there is to do until it is not.
      marks.clear();
      scannedData = new WeakMap();
      options.onIdle();
      return;
    }
    const storm = inStorm(started);
    const cap = storm ? STORM_SLICE_MS : options.budgetMs;
    const budget = idleMs === undefined ? cap : Math.min(cap, Math.max(idleMs, MIN_SLICE_MS));
    const deadline = started + budget;
    counters.slices++;
    if (sweepDue) sweep();
    revalidate();
    let work = 0;
    let chars = scannedChars;
    while (step()) {
      work += 32 + scannedChars - chars;
      chars = scannedChars;
      if (work >= WORK_PER_CLOCK_CHECK) {
        work = 0;
        if (now() >= deadline) break;
      }
    }
    if (isIdle()) options.onIdle();
    else scheduleSlice();
  }

  function queueNode(node: Node): void {
    if (stopped || queued.has(node)) return;
    queued.add(node);
    queue.push(node);
  }

  return {
    queueNode,
    added(node) {
      forced.add(node);
      queueNode(node);
    },
    rescanAround(node) {
      for (const text of textsAround(node)) {
        // A text the page keeps rewriting waits for its churn rescan, whatever its neighbours do.
        if (later.has(text)) continue;
        scannedData.delete(text);
        queueNode(text);
      }
    },
    dropWhere,
    textChanged(text) {
      const data = text.data;
      const old = scannedData.get(text);
      // Text that only grew keeps its marks (same characters at the same offsets) until its rescan.
      if (old === undefined || !data.startsWith(old)) marks.drop(text);
      scannedData.delete(text);
      const at = now();
      const seen = churn.get(text);
      const record = seen && at - seen.windowStart < 1000 ? seen : { windowStart: at, rewrites: 0 };
      record.rewrites++;
      churn.set(text, record);
      if (record.rewrites > CHURN_FREE_REWRITES) {
        if (!later.has(text)) later.set(text, at + (options.churnRescanMs ?? CHURN_RESCAN_MS));
      } else {
        queueNode(text);
      }
    },
    sweepSoon() {
      sweepDue = true;
    },
    pageChanged(records) {
      inStorm(now());
      changesThisWindow += records;
    },
    wake: scheduleSlice,
    isIdle,
    stats: () => ({ ...counters }),
    stop() {
      stopped = true;
      cancelSlice?.();
      cancelSlice = null;
      clearTimeout(laterTimer);
      clearTimeout(gapTimer);
      gapTimer = undefined;
      queue.length = 0;
      queueHead = 0;
      queued.clear();
      later.clear();
      walk = null;
      partial = null;
    },
    resume() {
      stopped = false;
      scannedData = new WeakMap();
    },
  };
}
