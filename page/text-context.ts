// What the page's structure says about a text node, for detection (lib/types.ts TextContext): the header of
// its table column, the other cells of its row, the nearest heading, its list's lead-in, the <dt> of a <dd>.
// Read-only: it never changes the DOM. Cached per element in WeakMaps, so the many text nodes of one element,
// row or table cost one look.

import type { TextContext } from '../lib/types';

const MAX_TEXT = 200; // characters kept of a header, heading, lead-in or term
const MAX_ROW_CELLS = 12;
const MAX_DEPTH = 16; // ancestors read up from a text node
const MAX_HEADING_STEPS = 60; // elements read back to find a heading

const byElement = new WeakMap<Element, TextContext | null>();
const headerRows = new WeakMap<Element, Element | null>();
const headersOfTable = new WeakMap<Element, string[]>();
const headingBefore = new WeakMap<Element, string | null>();
const leadIns = new WeakMap<Element, string>();

/** `make(key)`, worked out once per element. */
function cachedIn<V>(cache: WeakMap<Element, V>, key: Element, make: (key: Element) => V): V {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make(key)));
  return value;
}

const isCell = (el: Element) => el.localName === 'td' || el.localName === 'th';

/** The structural context of `text`, or undefined when its element stands in no table, list or definition. */
export function textContextOf(text: Text): TextContext | undefined {
  const parent = text.parentElement;
  return (parent && cachedIn(byElement, parent, contextOfElement)) ?? undefined;
}

function contextOfElement(start: Element): TextContext | null {
  let cell: Element | null = null;
  let item: Element | null = null;
  let definition: Element | null = null;
  let el: Element | null = start;
  for (let depth = 0; el && depth < MAX_DEPTH; depth++, el = el.parentElement) {
    const tag = el.localName;
    if (!cell && isCell(el)) cell = el;
    else if (!item && tag === 'li') item = el;
    else if (!definition && tag === 'dd') definition = el;
    if (tag === 'table' || tag === 'body') break;
  }
  const context = cell ? cellContext(cell) : {};
  if (item && !cell) {
    const list = item.parentElement;
    if (list) context.listLeadIn = cachedIn(leadIns, list, leadInOf);
  }
  if (definition && !cell) {
    let dt = previousOf(definition);
    while (dt && dt.localName !== 'dt') dt = previousOf(dt);
    if (dt) context.term = clip(dt);
  }
  if (context.columnHeader === undefined && context.listLeadIn === undefined && context.term === undefined) return null;
  // Looked up from the row group, list or <dl>, so all its cells and items share one cached walk (a 12,000-row
  // table walked back from each cell cost 2.3 s); the walk still reaches the table's caption.
  const holder = (cell ? cell.parentElement?.parentElement : (item ?? definition)?.parentElement) ?? start;
  const heading = cachedIn(headingBefore, holder, headingOf);
  if (heading) context.heading = heading;
  return context;
}

// One name for a long property the content script reads seven times.
const previousOf = (element: Element) => element.previousElementSibling;

function cellContext(cell: Element): TextContext {
  const row = cell.parentElement;
  if (row?.localName !== 'tr') return {};
  // Sibling steps, not an array of the row's cells: a registry row has a dozen, and most of its numbers need none.
  let column = 0;
  for (let c = previousOf(cell); c; c = previousOf(c)) if (isCell(c)) column += span(c);
  // The other cells' text is read only when a rule asks for it.
  let others: string[] | undefined | null = null;
  const context: TextContext = {
    get rowCells() {
      if (others === null) {
        const texts: string[] = [];
        for (const c of row.children) if (c !== cell && isCell(c) && texts.length < MAX_ROW_CELLS) texts.push(clip(c));
        others = texts.length ? texts : undefined;
      }
      return others;
    },
  };
  const table = row.closest('table');
  if (table) {
    const headers = cachedIn(headersOfTable, table, headersOf);
    if (headers[column] !== undefined && cachedIn(headerRows, table, headerRowOf) !== row) {
      context.columnHeader = headers[column];
      context.firstColumnHeader = headers[0];
    }
  }
  // A row's header cell names what the row holds: <th>Port</th><td>22</td>.
  let first = row.firstElementChild;
  while (first && !isCell(first)) first = first.nextElementSibling;
  if (first && first !== cell && first.localName === 'th') context.term = clip(first);
  return context;
}

function span(cell: Element): number {
  const n = Number(cell.getAttribute('colspan'));
  return Number.isInteger(n) && n > 1 && n < 100 ? n : 1;
}

/** The header row: the first row of <thead>, else the first row when all its cells are <th>. */
function headerRowOf(table: Element): Element | null {
  const head = table.querySelector(':scope>thead>tr');
  if (head) return head;
  const first = table.querySelector(':scope>tbody>tr,:scope>tr');
  if (first && first.children.length > 0 && [...first.children].every((c) => c.localName === 'th')) return first;
  return null;
}

/** Header text per column, colspans expanded. */
function headersOf(table: Element): string[] {
  const headers: string[] = [];
  const row = cachedIn(headerRows, table, headerRowOf);
  for (const c of row?.children ?? []) {
    if (!isCell(c)) continue;
    const text = clip(c);
    for (let i = span(c); i > 0; i--) headers.push(text);
  }
  return headers;
}

/** The paragraph or line just before a list (its lead-in), or '' when there is none. */
function leadInOf(list: Element): string {
  const before = previousOf(list);
  if (before && !/^(?:ul|ol|table|pre)$/.test(before.localName)) return clip(before, true);
  const previous = list.previousSibling;
  if (previous && previous.nodeType === 3) return clip(previous as Text, true);
  return '';
}

/** The nearest h1–h6 (or caption, legend, summary) before `el` in document order, read back a bounded way. */
function headingOf(el: Element): string | null {
  let cur: Element | null = el;
  let steps = 0;
  while (cur && steps < MAX_HEADING_STEPS) {
    let sib = previousOf(cur);
    while (sib && steps++ < MAX_HEADING_STEPS) {
      if (isHeading(sib)) return clip(sib);
      const inner = sib.querySelectorAll('h1,h2,h3,h4,h5,h6');
      if (inner.length) return clip(inner[inner.length - 1]);
      sib = previousOf(sib);
    }
    cur = cur.parentElement;
    if (cur && /^(?:table|fieldset|details)$/.test(cur.localName)) {
      const label = cur.querySelector(':scope>:is(caption,legend,summary)');
      if (label) return clip(label);
    }
    // An ancestor already looked up answers for everything inside it from here on (its heading, or null).
    if (cur && headingBefore.has(cur)) return headingBefore.get(cur) as string | null;
  }
  return null;
}

function isHeading(el: Element): boolean {
  return /^h[1-6]$/.test(el.localName);
}

/** A node's text on one line, at most MAX_TEXT characters; a lead-in keeps its end, which matters most ("…these ports:"). */
function clip(node: Element | Text, keepEnd = false): string {
  // An element's or a text's textContent is a string (only a document's or a doctype's is null).
  const t = node.textContent!.replace(/\s+/g, ' ').trim();
  return keepEnd ? t.slice(-MAX_TEXT) : t.slice(0, MAX_TEXT); // all of a shorter text either way
}
