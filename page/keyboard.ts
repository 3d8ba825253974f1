// The keyboard path: a command moves to the next or previous port on the page in reading order (through open
// shadow roots), scrolls it into view and draws the focus highlight; the caller opens its card. No port is a
// Tab stop: one shortcut walks them all.

import type { Mark, Marks } from './marks';
import { markRects } from './hit-test';

import type { StepDirection } from '../lib/messages';

/** Every mark in reading order: document order, a shadow host's shadow tree before its light children. */
export function marksInOrder(root: Node, marks: Marks): Mark[] {
  const out: Mark[] = [];
  if (marks.count === 0) return out;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      const found = marks.marksOf(node as Text);
      if (found) out.push(...found);
      continue;
    }
    // Children pushed last-first so they pop in order; the shadow root goes on top of them.
    for (let child = node.lastChild; child !== null; child = child.previousSibling) stack.push(child);
    const shadow = node.nodeType === 1 ? (node as Element).shadowRoot : null;
    if (shadow) stack.push(shadow);
  }
  return out;
}

/**
 * The mark after (or before) `from`; with no `from`, the first mark at or below the top of the viewport
 * (or the last one above its bottom, going back). Wraps around the page.
 */
export function stepMark(
  ordered: Mark[],
  from: Mark | null,
  direction: StepDirection,
  viewportHeight: number,
): Mark | null {
  if (ordered.length === 0) return null;
  const at = from ? ordered.indexOf(from) : -1;
  if (at >= 0) {
    const next = direction === 'next' ? at + 1 : at - 1;
    return ordered[(next + ordered.length) % ordered.length];
  }
  // Reading order is nearly top to bottom: a binary search on the marks' tops finds where the viewport starts.
  const topOf = (m: Mark) => markRects(m)[0]?.top ?? Number.NEGATIVE_INFINITY;
  let lo = 0;
  let hi = ordered.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (topOf(ordered[mid]) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (direction === 'next') return ordered[lo % ordered.length];
  let last = lo;
  while (last < ordered.length && topOf(ordered[last]) < viewportHeight) last++;
  return ordered[(last - 1 + ordered.length) % ordered.length];
}

/** Scrolls the mark's digits into view unless they are already in it. */
export function revealMark(mark: Mark): void {
  const view = mark.text.ownerDocument.defaultView;
  if (!view) return;
  const inView = (r: DOMRect | undefined) =>
    r !== undefined && r.top >= 0 && r.bottom <= view.innerHeight && r.left >= 0 && r.right <= view.innerWidth;
  if (inView(markRects(mark)[0])) return;
  mark.text.parentElement?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const rect = markRects(mark)[0];
  // A long parent (a <pre> of a log) is "in view" while the digits are not: scroll the window to them, a third of
  // the way down, so the card opening below them has the room it needs.
  if (rect && !inView(rect))
    view.scrollBy({ top: rect.top - view.innerHeight / 3, left: 0, behavior: 'instant' as ScrollBehavior });
}

/** The whole keyboard step, as the lazily loaded card bundle offers it to the content script. */
export function stepAndReveal(root: Node, marks: Marks, from: Mark | null, direction: StepDirection): Mark | null {
  const view = root.ownerDocument?.defaultView ?? (root as Document).defaultView;
  const next = stepMark(marksInOrder(root, marks), from, direction, view?.innerHeight ?? 0);
  if (next) revealMark(next);
  return next;
}

/** The popup's page list: the index-th mention of a port in reading order (wrapping), scrolled into view. */
export function revealMention(root: Node, marks: Marks, port: number, index: number): Mark | null {
  const mentions = marksInOrder(root, marks).filter((mark) => mark.port === port);
  if (mentions.length === 0) return null;
  const mark = mentions[index % mentions.length];
  revealMark(mark);
  return mark;
}
