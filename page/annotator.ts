// The annotator for one document: wires the parts, each behind its wall.
//   walker   (page/walker.ts)   reads the DOM, never writes it;
//   marks    (page/marks.ts)    the only code that draws, with CSS highlights, never in the DOM;
//   observer (page/observer.ts) turns the page's DOM changes into work;
//   loop     (page/loop.ts)     does the work in time-boxed slices and backs off under storms.
// Pure DOM (no `browser.*`), so it runs unchanged in happy-dom tests and in the content script.

import type { TextContext } from '../lib/types';
import { createLoop, type FindPorts, type LoopStats } from './loop';
import { createMarks, type Marks } from './marks';
import { createObserver } from './observer';
import { defaultSchedule, now, type Schedule } from './scheduler';
import { isDocumentEditable, isSkippedElement } from './walker';

export type { FindPorts } from './loop';
export { CONTEXT_CHARS, textBefore, isSkippedElement } from './walker';

export interface AnnotatorOptions {
  root: Document | ShadowRoot | Element;
  find: FindPorts;
  /** What the page's structure says about a text (table column, heading...), for detection. */
  contextOf?: (text: Text) => TextContext | undefined;
  /** Where marks are kept and drawn; by default a fresh set for the root's document. */
  marks?: Marks;
  /** Longest stretch of work in one task, in ms. */
  budgetMs?: number;
  /** Called every time all known work is finished (after the first pass and after each burst of page changes). */
  onDone?: () => void;
  /** How slices are queued; tests pass a manual one. */
  schedule?: Schedule;
  /** How soon a text the page keeps rewriting is rescanned. */
  churnRescanMs?: number;
}

export interface Annotator {
  readonly marks: Marks;
  start(): void;
  /** Forgets every mark and stops following the page. The page's DOM was never changed. */
  stop(): void;
  /** Resolves once pending page changes are scanned (or at once when stopped). */
  whenIdle(): Promise<void>;
  /** Whether the scan of the current content has finished (pending page changes included). */
  isDone(): boolean;
  /** The loop's counters (tests read them; the extension never does). */
  stats(): LoopStats;
  /** Open shadow roots being annotated, for caret hit-testing inside them. */
  shadowRoots(): ShadowRoot[];
}

const DEFAULT_BUDGET_MS = 12;
// Shadow roots attached after their host was walked cannot be observed; look again now and then.
const HOST_RECHECK_MS = 500;
const HOST_RECHECK_TIMERS_MS = [1000, 4000];
// designMode fires no event: look at it this often.
const DESIGN_MODE_POLL_MS = 1000;

export function createAnnotator(options: AnnotatorOptions): Annotator {
  const root: Node = options.root;
  const doc = root.nodeType === 9 ? (root as Document) : (root.ownerDocument as Document);
  const marks = options.marks ?? createMarks(doc, null);
  const schedule = options.schedule ?? defaultSchedule();
  const observedRoots = new Set<ShadowRoot>();
  const hostCandidates = new Set<Element>();
  let running = false;
  let editing = false;
  let lastHostCheck = 0;
  let idleWaiters: Array<() => void> = [];
  let timers: ReturnType<typeof setTimeout>[] = [];
  let designPoll: ReturnType<typeof setInterval> | undefined;

  const loop = createLoop({
    root,
    find: options.find,
    contextOf: options.contextOf,
    marks,
    schedule,
    budgetMs: Math.max(0, options.budgetMs ?? DEFAULT_BUDGET_MS),
    churnRescanMs: options.churnRescanMs,
    onShadowRoot: adoptShadowRoot,
    onHostCandidate: (el) => hostCandidates.add(el),
    onIdle: notifyIdle,
    active: () => !checkDesignMode(),
  });

  const observer = createObserver({
    // The loop's methods use no `this`: passed as they are.
    textChanged: loop.textChanged,
    added: loop.added,
    removed: loop.sweepSoon,
    contextChanged: loop.rescanAround,
    editableChanged(el) {
      if (isSkippedElement(el)) loop.dropWhere((text) => el.contains(text));
      else loop.queueNode(el);
    },
    batch(records) {
      loop.pageChanged(records);
      if (hostCandidates.size > 0 && now() - lastHostCheck >= HOST_RECHECK_MS) recheckHosts();
      if (running) loop.wake();
    },
  });

  function adoptShadowRoot(shadow: ShadowRoot): void {
    if (observedRoots.has(shadow)) return;
    observedRoots.add(shadow);
    observer.observe(shadow);
    marks.adoptInto(shadow);
    loop.queueNode(shadow);
  }

  function recheckHosts(): void {
    lastHostCheck = now();
    for (const host of hostCandidates) {
      const shadow = host.shadowRoot;
      if (shadow) {
        hostCandidates.delete(host);
        adoptShadowRoot(shadow);
      } else if (!host.isConnected) {
        hostCandidates.delete(host);
      }
    }
    for (const shadow of observedRoots) if (!shadow.isConnected) observedRoots.delete(shadow);
  }

  /** True while the document is in designMode; on leaving it, the page is walked again. */
  function checkDesignMode(): boolean {
    const designMode = isDocumentEditable(doc);
    if (designMode !== editing) {
      editing = designMode;
      if (designMode) marks.clear();
      else {
        loop.queueNode(root);
        for (const shadow of observedRoots) loop.queueNode(shadow);
        loop.wake();
      }
    }
    return designMode;
  }

  function releaseWaiters(): void {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function notifyIdle(): void {
    releaseWaiters();
    options.onDone?.();
  }

  return {
    marks,
    start() {
      if (running) return;
      running = true;
      editing = isDocumentEditable(doc);
      loop.resume();
      observer.observe(root);
      loop.queueNode(root);
      lastHostCheck = now();
      timers = HOST_RECHECK_TIMERS_MS.map((ms) =>
        setTimeout(() => {
          if (!running || hostCandidates.size === 0) return;
          recheckHosts();
          loop.wake();
        }, ms),
      );
      designPoll = setInterval(() => {
        if (running && !checkDesignMode()) loop.wake();
      }, DESIGN_MODE_POLL_MS);
      if (!editing) loop.wake();
    },

    stop() {
      if (!running) return;
      running = false;
      for (const timer of timers) clearTimeout(timer);
      timers = [];
      clearInterval(designPoll);
      observer.disconnect();
      loop.stop();
      marks.clear();
      observedRoots.clear();
      hostCandidates.clear();
      releaseWaiters();
    },

    async whenIdle() {
      if (!running) return;
      observer.flush();
      if (loop.isIdle() || checkDesignMode()) return;
      loop.wake();
      await new Promise<void>((resolve) => idleWaiters.push(resolve));
    },

    isDone() {
      if (!running) return true;
      observer.flush();
      return checkDesignMode() || loop.isIdle();
    },

    stats: loop.stats,

    shadowRoots: () => [...observedRoots],
  };
}
