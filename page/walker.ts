// The walker: reads the page and never writes to it. It says which elements are out of bounds (code, form
// fields, editors, editable regions), walks a subtree one node per step so the loop can stop between any two
// nodes, and reads the text before a node for detection's left context.
//
// Who calls it: page/loop.ts (steps through queued subtrees) and page/observer.ts (is a changed node in scope?).

export const CONTEXT_CHARS = 64;
// Walking backwards for `before` stops after this many nodes (pages with runs of empty inline elements).
const CONTEXT_NODE_LIMIT = 32;

// Space-separated words: as an array literal the list would cost the content script a third more bytes.
const SKIP_TAGS = new Set(
  (
    'script style noscript textarea input select option optgroup datalist svg math canvas template iframe ' +
    'frame frameset object embed video audio head title noembed noframes xmp plaintext sup'
  ).split(' '),
);
const EDITOR_CLASS = /(?:^|\s)(?:CodeMirror|cm-editor|monaco-editor|ace_editor)(?:\s|$)/;
const BLOCK_TAGS = new Set(
  (
    'address article aside blockquote body br caption center dd details dialog div dl dt fieldset ' +
    'figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p ' +
    'pre section summary table tbody td tfoot th thead tr ul'
  ).split(' '),
);
export const HAS_DIGIT = /[0-9]/;

/** Elements whose content is never annotated: code, form fields, editors, the extension's own host. */
export function isSkippedElement(el: Element): boolean {
  const name = el.localName;
  if (SKIP_TAGS.has(name) || name.startsWith('portolan-')) return true;
  // Most elements have no attribute at all: one call answers for the three looked up below.
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('data-portolan-card')) return true;
  // No contenteditable attribute reads as 'false': not an editor.
  if ((el.getAttribute('contenteditable') ?? 'false').toLowerCase() !== 'false') return true;
  // getAttribute, not classList: classList allocates a token list per element. No class reads as '', no editor's.
  return EDITOR_CLASS.test(el.getAttribute('class') ?? '');
}

/**
 * Whether the user can edit where `text` stands: an inherited contenteditable or `-webkit-user-modify`
 * (which only the computed style knows; Chromium's `isContentEditable` ignores it). Asked only of text that has
 * a port.
 */
export function isEditableText(text: Text): boolean {
  const parent = text.parentElement as HTMLElement | null;
  // This window's getComputedStyle: a node of a document without one reads '' there.
  return (
    !!parent &&
    (parent.isContentEditable ||
      getComputedStyle(parent).getPropertyValue('-webkit-user-modify').startsWith('read-write'))
  );
}

/** HTML (or XHTML) documents only: an XML document's DOM is not a page of text, and the card is HTML. */
export function isHtmlDocument(doc: Document): boolean {
  return doc.contentType === 'text/html' || doc.contentType === 'application/xhtml+xml';
}

/** The whole document is an editor (designMode): leave it alone while it is. */
export function isDocumentEditable(doc: Document): boolean {
  return doc.designMode === 'on';
}

/** True when `node` is inside `root` (through open shadow roots) and no ancestor is skipped. */
export function inScope(node: Node, root: Node): boolean {
  let cur: Node | null = node;
  while (cur) {
    if (cur === root) return true;
    if (cur.nodeType === 1 && isSkippedElement(cur as Element)) return false;
    // A fragment that is no shadow root has no host: the climb ends there.
    cur = cur.nodeType === 11 ? (cur as ShadowRoot).host : cur.parentNode;
  }
  return false;
}

/**
 * Text nodes beside `node` in one direction, nearest first, inside the same block (not crossing a block or
 * <br>, nor entering skipped elements), until `want` characters are collected.
 */
function textsBeside(node: Node, forward: boolean, want: number): Text[] {
  const out: Text[] = [];
  let have = 0;
  let visited = 0;
  let cur: Node = node;
  // The sibling on the side being read.
  const sibling = (of: Node) => (forward ? of.nextSibling : of.previousSibling);
  outer: while (have < want && visited < CONTEXT_NODE_LIMIT) {
    let next = sibling(cur);
    while (!next) {
      const parent: Node | null = cur.parentNode;
      if (parent?.nodeType !== 1 || BLOCK_TAGS.has((parent as Element).localName)) break outer;
      cur = parent;
      next = sibling(cur);
    }
    let found: Node = next;
    // Descend into an inline element's nearest text.
    for (;;) {
      visited++;
      if (found.nodeType === 3) {
        out.push(found as Text);
        have += (found as Text).length;
        break;
      }
      if (found.nodeType !== 1) break;
      const name = (found as Element).localName;
      if (BLOCK_TAGS.has(name)) break outer;
      const inner: Node | null = forward ? found.firstChild : found.lastChild;
      if (SKIP_TAGS.has(name) || !inner) break;
      found = inner;
    }
    cur = found;
  }
  return out;
}

/**
 * Up to `want` characters of rendered-order text before `node` (after it when `forward`: "`21116` UDP" split by a
 * code span), not crossing a block or <br>.
 */
export function textBefore(node: Node, want: number = CONTEXT_CHARS, forward = false): string {
  let text = '';
  for (const t of textsBeside(node, forward, want)) text = forward ? text + t.data : t.data + text;
  // The `want` characters nearest the node (all of a shorter text; none is collected when none is wanted).
  return forward ? text.slice(0, want) : text.slice(-want);
}

export const textAfter = (node: Node): string => textBefore(node, CONTEXT_CHARS, true);

/**
 * The texts whose `textBefore` or `textAfter` may include `node`, and `node` if it is one: rescan them when `node`
 * changes, appears or goes.
 */
export function textsAround(node: Node): Text[] {
  return textsBeside(node, false, CONTEXT_CHARS).concat(
    textsBeside(node, true, CONTEXT_CHARS),
    node.nodeType === 3 ? (node as Text) : [],
  );
}

/** What one step of a walk met: a text to scan, an open shadow root to adopt, a custom element to re-check later. */
export interface WalkVisitor {
  text(node: Text): void;
  shadowRoot(root: ShadowRoot): void;
  hostCandidate(el: Element): void;
}

/**
 * A walk of one subtree, one node per step, on a native TreeWalker: one call a node instead of a
 * firstChild / nextSibling / parentNode climb in script (30 ms of 12,000 rows' walk).
 */
export interface Walk {
  readonly root: Node;
  next: Node | null;
  readonly walker: TreeWalker;
  /** The node visited last: visiting it again changes nothing, so a walk whose next node went away goes on there. */
  visited?: Node;
}

export function startWalk(root: Node): Walk {
  // 5: SHOW_ELEMENT | SHOW_TEXT (comments are passed over natively). Any document's walker walks any node.
  return { root, next: root, walker: document.createTreeWalker(root, 5) };
}

/** Visits `walk.next` (the walker's current node) and moves on; false when the walk is over. */
export function walkStep(walk: Walk, visit: WalkVisitor): boolean {
  const node = walk.next;
  if (!node) return false;
  const type = node.nodeType;
  // Into the children of a document, a shadow root or an element that is not skipped; else on past the node.
  let inside = type !== 1;
  if (type === 3) visit.text(node as Text);
  else if (!inside && !isSkippedElement(node as Element)) {
    const el = node as Element;
    inside = true;
    const shadow = el.shadowRoot;
    if (shadow) visit.shadowRoot(shadow);
    else if (el.localName.includes('-')) visit.hostCandidate(el);
  }
  walk.visited = node;
  const walker = walk.walker;
  // Past a subtree: parentNode stops at the root, nextSibling never leaves it.
  if (inside) walk.next = walker.nextNode();
  else while (!(walk.next = walker.nextSibling()) && walker.parentNode());
  return true;
}

// A huge text node (a 5 MB <pre>) is handed to detection in windows of about this size.
export const WINDOW_CHARS = 32_768;

/**
 * Where a window ends: the text's end if `at` is at or past it, else after a newline or a space near `at`, so no
 * number is cut.
 */
export function windowEnd(data: string, at: number): number {
  if (at >= data.length) return data.length;
  const newline = data.indexOf('\n', at);
  if (newline >= 0 && newline - at < 4096) return newline + 1;
  const space = data.indexOf(' ', at);
  if (space >= 0 && space - at < 256) return space + 1;
  return at;
}
