// Which mark is under a point, without any element to receive events: the caret position at the point gives
// (text node, offset), the marks of that node answer by binary search, and the mark's client rects confirm
// the point is on its digits (a caret snaps to the nearest character even beside the text).

import type { Mark, Marks } from './marks';

/** What a card is opened for: a port on the page (a mark) or a place (the context menu). */
export interface CardAnchor {
  port: number;
  range?: { from: number; to: number };
  /** The mark a card is opened for: the card reads what the page says of its protocol (page/mark-protocol.ts). */
  mark?: Mark;
  /** Where the port is now, in client coordinates; empty once it is gone from the page. */
  rects(): DOMRect[];
  /** The same mark gives the same key, so hovering on does not reopen its card. */
  key: object;
  /** The element the port is shown in, whose background the "auto" theme follows. */
  element?(): Element | null;
}

/** The attribute on the card's host (a plain <div> on <html>): the walker skips it, and tests find it by it. */
export const CARD_HOST_ATTR = 'data-portolan-card';

export function isCardHost(target: EventTarget | null): boolean {
  return target instanceof Element && target.hasAttribute(CARD_HOST_ATTR);
}

// A pointer this close to the digits counts as on them (sub-pixel rounding between rects and events).
const SLACK_PX = 1;

/** The mark's digits as the page shows them now; empty when the page has rewritten them. */
export function markRects(mark: Mark): DOMRect[] {
  const { text } = mark;
  if (!text.isConnected || !isMarkIntact(mark)) return [];
  const range = text.ownerDocument.createRange();
  range.setStart(text, mark.start);
  range.setEnd(text, mark.end);
  return [...range.getClientRects()];
}

/** The text at the mark still reads as it did (a card never describes another port than the one shown). */
export function isMarkIntact(mark: Mark): boolean {
  return mark.text.data.slice(mark.start, mark.end) === mark.shown;
}

export function anchorOf(mark: Mark): CardAnchor {
  return {
    port: mark.port,
    range: mark.range, // undefined for a lone port: the card asks only whether it has one
    mark,
    rects: () => markRects(mark),
    key: mark,
    element: () => mark.text.parentElement,
  };
}

/** Where the context menu's card opens: at the selection (or the top left corner when there is none). */
export function selectionAnchor(doc: Document, port: number): CardAnchor {
  const selection = doc.getSelection();
  const range = selection?.rangeCount ? selection.getRangeAt(0) : null;
  const rect = range ? range.getBoundingClientRect() : new DOMRect(16, 16, 0, 0);
  const container = range?.commonAncestorContainer ?? null;
  const element = container instanceof Element ? container : (container?.parentElement ?? null);
  return { port, rects: () => [rect], key: {}, element: () => element };
}

export function rectsContain(rects: readonly DOMRect[], x: number, y: number): boolean {
  return rects.some(
    (r) => x >= r.left - SLACK_PX && x <= r.right + SLACK_PX && y >= r.top - SLACK_PX && y <= r.bottom + SLACK_PX,
  );
}

type CaretDocument = Document & {
  caretPositionFromPoint?: (
    x: number,
    y: number,
    options?: { shadowRoots?: ShadowRoot[] },
  ) => { offsetNode: Node; offset: number } | null;
};

export function markAtPoint(
  doc: Document,
  marks: Marks,
  x: number,
  y: number,
  shadowRoots: ShadowRoot[],
): Mark | undefined {
  if (marks.count === 0) return undefined;
  // The caret at the point, looking into the given open shadow roots (Chromium 128+, Firefox).
  const caret = (doc as CaretDocument).caretPositionFromPoint?.(x, y, { shadowRoots });
  if (caret?.offsetNode.nodeType !== 3) return undefined;
  const mark = marks.at(caret.offsetNode as Text, caret.offset);
  return mark && rectsContain(markRects(mark), x, y) ? mark : undefined;
}
