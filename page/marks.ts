// Marks: the only code that draws on the page, and it draws without touching the page's DOM. Each port found
// in a text node becomes a Mark (text node + offsets); marks are painted by the CSS Custom Highlight API as
// StaticRanges (a live Range costs Blink an update on every DOM change), and only the marks of text near the
// viewport are registered with the highlight, updated at most once per frame. The `::highlight()` sheet is
// adopted at document start (adopting it later costs a restyle of the whole page).
//
// Who calls it: page/loop.ts sets and drops a text node's marks; page/hover.ts and the keyboard path ask which
// mark is where and draw the hover and focus highlights; the page-ports answer reads the inventory.

import type { PortCount } from '../lib/port-list-messages';
import type { UnderlineStyle } from '../lib/settings';
import type { PortMatch } from '../lib/types';
import { listenPassive } from './listen';

export const HIGHLIGHT = 'portolan';
export const HOVER_HIGHLIGHT = 'portolan-hover';
export const FOCUS_HIGHLIGHT = 'portolan-focus';
const HIGHLIGHTS = [HIGHLIGHT, HOVER_HIGHLIGHT, FOCUS_HIGHLIGHT];

export interface Mark {
  readonly text: Text;
  readonly start: number;
  readonly end: number;
  readonly port: number;
  /** The characters marked when the mark was made: digits, or a service name (`*:http-alt`). */
  readonly shown: string;
  readonly range?: { from: number; to: number };
}

export interface Marks {
  /**
   * Replaces the marks of `text` (matches in order, in bounds, non-overlapping, holding no field but start, end,
   * port and range: each becomes a mark as it is); none drops them.
   */
  set(text: Text, found: readonly PortMatch[]): void;
  drop(text: Text): void;
  /** Drops the marks of every text for which `stale` says so (removed from the page, now editable...). */
  sweep(stale: (text: Text) => boolean): void;
  /** The mark that contains `offset` of `text`, or ends or starts exactly there (a caret beside the digits). */
  at(text: Text, offset: number): Mark | undefined;
  marksOf(text: Text): readonly Mark[] | undefined;
  /** The ports marked so far and how many mentions of each, by port. */
  inventory(): readonly PortCount[];
  readonly count: number;
  /** Draws the hover highlight on `mark` alone (null: on none); the mark already drawn is not drawn again. */
  setHover(mark: Mark | null): void;
  setFocus(mark: Mark | null): void;
  setUnderline(style: UnderlineStyle): void;
  /** Styles text inside an open shadow root too (document rules do not cross its boundary). */
  adoptInto(root: ShadowRoot): void;
  clear(): void;
  /** Clears, and takes the style sheet away (the extension is going away). */
  destroy(): void;
}

/**
 * What marks need from the browser: the window whose highlight registry, Highlight, StaticRange, ResizeObserver
 * and animation frames they use. None where highlights are missing (happy-dom in tests).
 */
type HighlightWindow = Window & typeof globalThis & { CSS: { highlights: Map<string, Highlight> } };

/** Where a marked text's element is, in page coordinates, measured when it first gets marks or the page moves. */
interface Place {
  top: number;
  bottom: number;
}

function styleSheetText(underline: UnderlineStyle): string {
  const line = `underline ${underline === 'solid' ? 'solid' : 'dotted'} 1px`;
  const rest = ';text-underline-offset:.18em;text-decoration-skip-ink:none}';
  // The shorthand sets what it leaves out to the initial value: the hover and focus lines are solid (focus) and
  // in currentColor, the full text colour, where the plain marks' is a lighter mix of it.
  return (
    `::highlight(${HIGHLIGHT}){text-decoration:${line} color-mix(in srgb,currentColor 55%,transparent)${rest}` +
    `::highlight(${HOVER_HIGHLIGHT}){text-decoration:${line}${rest}` +
    `::highlight(${FOCUS_HIGHLIGHT}){background-color:color-mix(in srgb,Highlight 28%,transparent);text-decoration:underline 2px${rest}`
  );
}

/** The marks style sheet: adopt it first thing (document_start), then `update` when the settings arrive. */
export interface MarkStyles {
  update(underline: UnderlineStyle): void;
  adoptInto(root: ShadowRoot): void;
  remove(): void;
}

export function adoptMarkStyles(doc: Document, underline: UnderlineStyle = 'dotted'): MarkStyles {
  const view = doc.defaultView;
  let css = styleSheetText(underline);
  let sheet: CSSStyleSheet | null = null;
  const roots = new Set<Document | ShadowRoot>();
  const adopt = (root: Document | ShadowRoot): void => {
    if (!sheet) return;
    try {
      const adopted = root.adoptedStyleSheets;
      if (!adopted.includes(sheet)) root.adoptedStyleSheets = [...adopted, sheet];
      roots.add(root);
    } catch {
      // a root whose document went away, or a sandbox that refuses the sheet
    }
  };
  try {
    if (view && 'CSSStyleSheet' in view) {
      sheet = new view.CSSStyleSheet();
      sheet.replaceSync(css);
    }
  } catch {
    sheet = null;
  }
  // Firefox's content-script sandbox may refuse a sheet from its own compartment; then marks stay unstyled
  // rather than a <style> going into the page's DOM.
  adopt(doc);
  return {
    update(next) {
      const text = styleSheetText(next);
      if (text === css) return;
      css = text;
      sheet?.replaceSync(css);
    },
    adoptInto: adopt,
    remove() {
      for (const root of roots) {
        try {
          root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
        } catch {
          // a root from a document that went away
        }
      }
      roots.clear();
    },
  };
}

function highlightWindow(doc: Document): HighlightWindow | null {
  const view = doc.defaultView as HighlightWindow | null;
  return view?.CSS?.highlights && typeof view.Highlight === 'function' && typeof view.StaticRange === 'function'
    ? view
    : null;
}

interface Entry {
  marks: Mark[];
  /** The element whose place decides whether the marks are near the viewport. */
  parent: Element | null;
  /** The drawn ranges, created when the text first comes near the viewport. */
  ranges?: StaticRange[];
  registered: boolean;
}

export function createMarks(doc: Document, styles: MarkStyles | null, underline: UnderlineStyle = 'dotted'): Marks {
  const view = highlightWindow(doc);
  const entries = new Map<Text, Entry>();
  const byParent = new Map<Element, Set<Text>>();
  let nearParents = new Set<Element>();
  const counts = new Map<number, number>();
  // Sorted again only when a port comes or goes, not on every count: the popup and tests poll the inventory.
  let portsInOrder: number[] | null = null;
  // The last answer, kept until a count changes.
  let listed: readonly PortCount[] | null = null;
  let total = 0;
  let style = underline;
  // Entries whose registration must be brought in line with nearness, at the next frame.
  const dirty = new Set<Entry>();
  let frameQueued = false;
  let hovered: Mark | null = null;
  let focused: Mark | null = null;

  // Each painted over the one before: focus over hover over the plain marks.
  const [base, hover, focus]: (Highlight | undefined)[] = view
    ? HIGHLIGHTS.map((name, priority) => {
        const highlight = new view.Highlight();
        highlight.priority = priority;
        view.CSS.highlights.set(name, highlight);
        return highlight;
      })
    : [];

  // Nearness without an IntersectionObserver: Blink recomputes every observed target on every frame that
  // paints anything (7,500 targets cost 7 ms a frame, up to 139 ms, while a card opened). Instead each marked
  // element's place is read once, and again only when the page's size changes, the window resizes or a scroll
  // container scrolls; a window scroll moves only the window over places sorted by top.
  const places = new Map<Element, Place>();
  const unmeasured = new Set<Element>();
  /** Elements with no box (display: contents, an empty inline) cannot say where they are: always near. */
  const unsized = new Set<Element>();
  /** Elements taller than a viewport (a long <pre>), checked one by one. */
  const tall = new Set<Element>();
  let byTop: Element[] = [];
  let orderStale = false;
  let measureAll = false;
  /** Scroll containers that scrolled since the last frame: only what they hold moved. */
  const scrolled = new Set<Node>();
  let measuredHeight = 0;
  // The part of the page whose marks are registered, in page coordinates. Any change to a highlight makes Blink
  // rebuild every highlight marker and repaint the page at the next frame (20-40 ms on a page of 10,000 marks),
  // so the window moves only when the view comes within half a viewport of its edge, not on every scroll frame.
  let windowFrom = 0;
  let windowTo = -1;

  const remeasure = () => {
    measureAll = true;
    windowTo = -1;
    queueFrame();
  };
  const onScroll = (event: Event) => {
    // The window's scroll moves no element in page coordinates; a scroll container's moves what it holds.
    const target = event.target as Node | null;
    if (target && target !== doc && target !== doc.documentElement) scrolled.add(target);
    queueFrame();
  };
  const resizeObserver = view?.ResizeObserver ? new view.ResizeObserver(remeasure) : null;
  const stopListening = view
    ? [listenPassive(view, 'scroll', onScroll, true), listenPassive(view, 'resize', remeasure, false)]
    : [];
  resizeObserver?.observe(doc.documentElement);

  function measure(scrollY: number, innerHeight: number): void {
    if (measureAll) {
      measureAll = false;
      for (const el of byParent.keys()) unmeasured.add(el);
    } else if (scrolled.size > 0) {
      for (const el of byParent.keys()) for (const box of scrolled) if (box.contains(el)) unmeasured.add(el);
    }
    scrolled.clear();
    if (unmeasured.size === 0) return;
    measuredHeight = innerHeight;
    for (const el of unmeasured) {
      unsized.delete(el);
      tall.delete(el);
      if (!byParent.has(el)) continue;
      const box = el.getBoundingClientRect();
      const top = box.top + scrollY;
      if (places.has(el)) orderStale = true;
      if (box.width === 0 && box.height === 0) unsized.add(el);
      else if (box.height > innerHeight) tall.add(el);
      // A new place below all the others (a scan goes down the page) is appended: sorting all 12,000 places in
      // every frame of a scan cost 15 ms a pass. With byTop empty, `top < undefined` is false.
      else if (orderStale || top < (places.get(byTop.at(-1)!)?.top as number)) orderStale = true;
      else byTop.push(el);
      places.set(el, { top, bottom: box.bottom + scrollY });
    }
    unmeasured.clear();
  }

  /** Marks the entries whose element came near the viewport or went away since the last frame. */
  function updateNearness(view: Window): void {
    // Read once, before the measuring: reading them brings layout up to date, and no measuring changes it.
    const { scrollY, innerHeight } = view;
    measure(scrollY, innerHeight);
    if (orderStale) {
      orderStale = false;
      byTop = [...places.keys()].filter((el) => !unsized.has(el) && !tall.has(el));
      byTop.sort((a, b) => places.get(a)!.top - places.get(b)!.top);
    }
    if (scrollY - innerHeight / 2 < windowFrom || scrollY + 1.5 * innerHeight > windowTo) {
      windowFrom = scrollY - 1.5 * innerHeight;
      windowTo = scrollY + 2.5 * innerHeight;
    }
    const near = new Set<Element>(unsized);
    for (const el of tall) {
      const place = places.get(el)!;
      if (place.bottom > windowFrom && place.top < windowTo) near.add(el);
    }
    // Elements in byTop are at most measuredHeight tall: start where one could still reach into the window.
    let lo = 0;
    let hi = byTop.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (places.get(byTop[mid])!.top < windowFrom - measuredHeight) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < byTop.length; i++) {
      const place = places.get(byTop[i])!;
      if (place.top >= windowTo) break;
      if (place.bottom > windowFrom) near.add(byTop[i]);
    }
    for (const el of nearParents) if (!near.has(el)) touch(el);
    for (const el of near) if (!nearParents.has(el)) touch(el);
    nearParents = near;
  }

  function touch(el: Element): void {
    for (const text of byParent.get(el) ?? []) {
      const entry = entries.get(text);
      if (entry) dirty.add(entry);
    }
  }

  function queueFrame(): void {
    if (frameQueued || !view) return;
    frameQueued = true;
    view.requestAnimationFrame(flush);
  }

  function shouldRegister(entry: Entry): boolean {
    if (style === 'none-until-hover' || !entries.has(entry.marks[0].text)) return false;
    return !entry.parent || nearParents.has(entry.parent);
  }

  // Only called with the API present.
  const rangeOf = (m: Mark): StaticRange =>
    new view!.StaticRange({ startContainer: m.text, startOffset: m.start, endContainer: m.text, endOffset: m.end });

  function rangesOf(entry: Entry): StaticRange[] {
    return (entry.ranges ??= entry.marks.map(rangeOf));
  }

  /** One batch of highlight changes per frame, however many texts came near or went away. */
  function flush(): void {
    frameQueued = false;
    if (!view || !base) return;
    updateNearness(view);
    for (const entry of dirty) {
      const want = shouldRegister(entry);
      if (want === entry.registered) continue;
      entry.registered = want;
      for (const range of rangesOf(entry)) {
        if (want) base.add(range);
        else base.delete(range);
      }
    }
    dirty.clear();
  }

  function unregister(entry: Entry): void {
    // Only flush registers an entry, and it makes the ranges first, with the highlight present.
    if (entry.registered) for (const range of entry.ranges!) base!.delete(range);
    entry.registered = false;
    dirty.delete(entry);
  }

  function count(port: number, delta: number): void {
    const next = (counts.get(port) ?? 0) + delta;
    if (next > 0 !== counts.has(port)) portsInOrder = null;
    listed = null;
    if (next > 0) counts.set(port, next);
    else counts.delete(port);
    total += delta;
  }

  function drop(text: Text): void {
    const entry = entries.get(text);
    if (!entry) return;
    entries.delete(text);
    unregister(entry);
    for (const m of entry.marks) count(m.port, -1);
    if (hovered?.text === text) setHover(null);
    if (focused?.text === text) setFocus(null);
    const parent = entry.parent;
    if (parent) {
      const siblings = byParent.get(parent);
      siblings?.delete(text);
      if (siblings?.size === 0) {
        // The element's last text is gone: it leaves every record of elements.
        for (const held of [byParent, nearParents, places, unmeasured, unsized, tall]) held.delete(parent);
        orderStale = true;
      }
    }
  }

  function drawOne(highlight: Highlight | undefined, mark: Mark | null): void {
    if (!highlight) return;
    highlight.clear();
    if (mark && entries.get(mark.text)?.marks.includes(mark)) highlight.add(rangeOf(mark));
  }

  function setHover(mark: Mark | null): void {
    if (mark === hovered) return;
    hovered = mark;
    drawOne(hover, mark);
  }

  function setFocus(mark: Mark | null): void {
    if (mark === focused) return;
    focused = mark;
    drawOne(focus, mark);
  }

  function sweep(stale: (text: Text) => boolean): void {
    for (const text of [...entries.keys()]) if (stale(text)) drop(text);
  }

  function clear(): void {
    // Dropping the last text of an element takes it out of byParent, places and the sets: they end empty.
    sweep(() => true);
    byTop = [];
    base?.clear();
    setHover(null);
    setFocus(null);
  }

  return {
    set(text, found) {
      drop(text);
      if (found.length === 0) return;
      const marks: Mark[] = found.map((m) => ({ ...m, text, shown: text.data.slice(m.start, m.end) }));
      const parent = text.parentElement;
      const entry: Entry = { marks, parent, registered: false };
      entries.set(text, entry);
      for (const m of marks) count(m.port, 1);
      if (parent) {
        let siblings = byParent.get(parent);
        if (!siblings) {
          byParent.set(parent, (siblings = new Set()));
          unmeasured.add(parent);
        }
        siblings.add(text);
      }
      dirty.add(entry);
      queueFrame();
    },
    drop,
    sweep,
    at(text, offset) {
      const marks = entries.get(text)?.marks;
      if (!marks) return undefined;
      let lo = 0;
      let hi = marks.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const m = marks[mid];
        if (offset < m.start) hi = mid - 1;
        else if (offset > m.end) lo = mid + 1;
        else return m;
      }
      return undefined;
    },
    marksOf: (text) => entries.get(text)?.marks,
    inventory() {
      portsInOrder ??= [...counts.keys()].sort((a, b) => a - b);
      return (listed ??= portsInOrder.map((port) => ({ port, count: counts.get(port)! })));
    },
    get count() {
      return total;
    },
    setHover,
    setFocus,
    setUnderline(next) {
      styles?.update(next);
      if (next === style) return;
      style = next;
      for (const entry of entries.values()) dirty.add(entry);
      queueFrame();
    },
    adoptInto(root) {
      styles?.adoptInto(root);
    },
    clear,
    destroy() {
      clear();
      resizeObserver?.disconnect();
      for (const stop of stopListening) stop();
      if (view) for (const name of HIGHLIGHTS) view.CSS.highlights.delete(name);
      styles?.remove();
    },
  };
}
