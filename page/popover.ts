// The in-page popover: shows the port card next to a hovered or focused <portolan-port>, one at a time,
// inside <portolan-card> with an open shadow root so page CSS and card CSS never meet.
// DOM only: the caller supplies getInfo (a background message) and the reader's OS and theme.
import type { CheckOs } from '../lib/how-to-check';
import type { PortInfo } from '../lib/types';
import { portElementOf, portOfElement } from './port-element';
import { pageTheme } from './page-theme';

export { portOfElement } from './port-element';
import type { CardRenderer, CardTheme } from '../lib/card-ui';

export const CARD_TAG = 'portolan-card';

export interface PopoverOptions {
  getInfo: (port: number) => Promise<PortInfo>;
  /** The card's renderer (Preact + CSS), loaded on first use so the content script stays small. */
  loadRenderer: () => Promise<CardRenderer>;
  hoverDelayMs?: number;
  /** How long the pointer may be off both port and card before the card closes. */
  hideDelayMs?: number;
  /** A look-up slower than this shows a "Looking up" card instead of nothing. */
  loadingDelayMs?: number;
  os?: CheckOs;
  theme?: CardTheme;
  /**
   * The port a wrapper stands for, or null for an element the page made to look like one. The content script
   * passes the annotator's own record, so a card only ever describes a number the detector found.
   */
  portOf?: (wrapper: Element) => number | null;
}

export interface Popover {
  attach(root: Document): void;
  detach(): void;
  /** Opens the card for a port at a given place (context menu), without a port element. */
  showFor(port: number, anchorRect: DOMRect): void;
  hide(): void;
  /** Carries on from a first hover or focus that reached the content script before this popover existed. */
  engage(anchor: Element, how: 'hover' | 'focus'): void;
  /** The port whose card is open, or null. */
  readonly openPort: number | null;
}

const GAP = 6;
const MARGIN = 8;
const MAX_CARD_HEIGHT = 480;
const MIN_CARD_HEIGHT = 160;

/** Whether node is container or inside it, also through shadow roots (event targets may be retargeted or not). */
function isInside(container: Element | null, node: EventTarget | null): boolean {
  if (!container || !(node instanceof Node)) return false;
  for (let current: Node | null = node; current; ) {
    if (container.contains(current)) return true;
    const root = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return false;
}

/** The one <portolan-card> of a document: created once, taken out of the page while no card shows. */
interface CardHost {
  host: HTMLElement;
  dialog: HTMLElement;
  renderer?: CardRenderer; // set once the card's CSS is in this host's shadow root
}

interface OpenCard {
  host: HTMLElement;
  dialog: HTMLElement;
  shared: CardHost;
  port: number;
  anchor: Element | null; // null when opened by showFor
  anchorRect: DOMRect;
  returnFocus: Element | null;
  /** The card's size at full height, measured once per content (scrolling re-places without measuring). */
  size?: { width: number; height: number };
}

export function createPopover(options: PopoverOptions): Popover {
  const hoverDelayMs = options.hoverDelayMs ?? 300;
  const portOf = options.portOf ?? portOfElement;
  const hideDelayMs = options.hideDelayMs ?? 300;
  const loadingDelayMs = options.loadingDelayMs ?? 150;
  let doc: Document | null = null;
  let cardHost: CardHost | null = null;
  let open: OpenCard | null = null;
  let pendingAnchor: Element | null = null;
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  let loadingTimer: ReturnType<typeof setTimeout> | undefined;
  // Each show bumps this, so a slow answer for an earlier port never replaces a newer card.
  let generation = 0;
  // Focus we give back to a port on close must not reopen its card.
  let refocusing: Element | null = null;

  const cancelShow = () => {
    clearTimeout(showTimer);
    pendingAnchor = null;
  };
  const cancelHide = () => clearTimeout(hideTimer);
  const scheduleHide = () => {
    cancelHide();
    hideTimer = setTimeout(() => hide(), hideDelayMs);
  };

  function hostFor(document: Document): CardHost {
    if (cardHost?.host.ownerDocument === document) return cardHost;
    const host = document.createElement(CARD_TAG);
    const shadow = host.attachShadow({ mode: 'open' });
    adoptCss(shadow, `:host{all:initial}\n${POPOVER_CSS}`);
    const dialog = document.createElement('div');
    dialog.className = 'pc-popover';
    dialog.setAttribute('role', 'dialog');
    shadow.append(dialog);
    // Inline and !important: page rules like `* { position: static !important }` must not move the card.
    // A 0×0 host with size and layout containment is a relayout boundary: the card (absolutely positioned inside,
    // overflowing visibly) is laid out on its own, never by a layout of the page (20 ms on a 12,000-row table).
    for (const [property, value] of [
      ['position', 'fixed'],
      ['z-index', '2147483647'],
      ['top', '0px'],
      ['left', '0px'],
      ['display', 'block'],
      ['width', '0px'],
      ['height', '0px'],
      ['contain', 'size layout style'],
      ['visibility', 'hidden'],
    ] as const) {
      host.style.setProperty(property, value, 'important');
    }
    return (cardHost = { host, dialog });
  }

  function show(port: number, anchor: Element | null, anchorRect: DOMRect) {
    const document = doc;
    if (!document) return;
    cancelShow();
    cancelHide();
    clearTimeout(loadingTimer);
    if (open && open.port === port && open.anchor === anchor) return;
    const returnFocus = open?.returnFocus ?? document.activeElement;
    hide('keep', true);
    // The host goes into the page only with something to show: an empty hidden card would still cost a layout.
    const shared = hostFor(document);
    const card: OpenCard = { host: shared.host, dialog: shared.dialog, shared, port, anchor, anchorRect, returnFocus };
    card.dialog.setAttribute('aria-label', `Port ${port}`);
    open = card;
    const current = ++generation;
    loadingTimer = setTimeout(() => {
      if (generation === current) paintStatus(card, `Looking up port ${port}…`, false);
    }, loadingDelayMs);
    Promise.all([options.getInfo(port), options.loadRenderer()]).then(
      ([info, renderer]) => {
        if (generation !== current) return;
        clearTimeout(loadingTimer);
        if (!card.shared.renderer) {
          adoptCss(card.dialog.getRootNode() as ShadowRoot, renderer.css);
          card.shared.renderer = renderer;
        }
        // "auto" follows the page's background where the card opens (page/page-theme.ts), the OS only as fallback.
        const theme = pageTheme(options.theme ?? 'auto', card.anchor, !!document.defaultView?.matchMedia('(prefers-color-scheme: dark)').matches);
        paint(card, () => {
          card.dialog.replaceChildren();
          renderer.render(card.dialog, info, { os: options.os, theme, onClose: () => hide() });
          card.dialog.querySelector('.pc')?.setAttribute('data-theme', theme);
        });
      },
      () => {
        if (generation !== current) return;
        clearTimeout(loadingTimer);
        paintStatus(card, `Could not look up port ${port}. Try again in a moment.`, true);
      },
    );
  }

  /** Loading and error lines are plain text in the popover's own styles: no renderer needed yet. */
  function paintStatus(card: OpenCard, text: string, isError: boolean) {
    const line = card.dialog.ownerDocument.createElement('p');
    line.className = 'pc-status';
    line.dataset.theme = options.theme ?? 'auto';
    if (isError) line.setAttribute('role', 'alert');
    line.textContent = text;
    paint(card, () => card.dialog.replaceChildren(line));
  }

  /** Replaces the card's content at full height, puts the host in the page if needed, then measures and places. */
  function paint(card: OpenCard, fill: () => void) {
    card.host.style.setProperty('--pc-max-height', `${MAX_CARD_HEIGHT}px`);
    fill();
    const root = card.host.ownerDocument.documentElement;
    if (card.host.parentNode !== root) root.append(card.host);
    card.size = undefined;
    place(card);
  }

  /**
   * All reads first (the anchor, the viewport, the card's full-height size once per content), then all writes:
   * one layout per show, and a scroll re-places the card without any.
   */
  function place(card: OpenCard) {
    const view = card.host.ownerDocument.defaultView;
    if (!view) return;
    const rect = card.anchor ? card.anchor.getBoundingClientRect() : card.anchorRect;
    const viewportWidth = card.host.ownerDocument.documentElement.clientWidth || view.innerWidth;
    const viewportHeight = view.innerHeight;
    if (!card.size) {
      const box = card.dialog.getBoundingClientRect();
      card.size = { width: box.width, height: Math.min(box.height || MAX_CARD_HEIGHT, MAX_CARD_HEIGHT) };
    }
    const { width, height: natural } = card.size;
    const below = viewportHeight - rect.bottom - GAP - MARGIN;
    const above = rect.top - GAP - MARGIN;
    // Below unless the card would be cut there and there is more room above.
    const placeAbove = natural > below && above > below;
    const room = Math.max(MIN_CARD_HEIGHT, Math.min(MAX_CARD_HEIGHT, placeAbove ? above : below));
    card.host.style.setProperty('--pc-max-height', `${room}px`);
    const height = Math.min(natural, room);
    let left = rect.left;
    if (left + width > viewportWidth - MARGIN) left = rect.right - width; // flip to the left of the port's end
    left = Math.max(MARGIN, Math.min(left, viewportWidth - MARGIN - width));
    const top = placeAbove ? Math.max(MARGIN, rect.top - GAP - height) : Math.min(rect.bottom + GAP, viewportHeight - MARGIN - height);
    card.host.style.setProperty('top', `${Math.round(Math.max(MARGIN, top))}px`, 'important');
    card.host.style.setProperty('left', `${Math.round(left)}px`, 'important');
    card.host.style.setProperty('visibility', 'visible', 'important');
    card.host.dataset.placement = placeAbove ? 'above' : 'below';
  }

  /**
   * 'return': give focus back to the port (Esc). 'auto': only if focus was inside the card, so it is not
   * lost with the removed card. 'keep': leave focus alone (another card is replacing this one).
   * `replacing`: another card shows at once, so the host stays in the page (hidden) for it.
   */
  function hide(focus: 'return' | 'auto' | 'keep' = 'auto', replacing = false) {
    // A pending show for another port stays: moving from one port to the next must open the next.
    cancelHide();
    clearTimeout(loadingTimer);
    generation++;
    const card = open;
    if (!card) return;
    open = null;
    const focusWasInCard = isInside(card.host, card.host.ownerDocument.activeElement);
    card.host.style.setProperty('visibility', 'hidden', 'important');
    // Focus moves before the host leaves: focusing forces a layout, which after the removal would be the page's.
    if (focus === 'return' || (focus === 'auto' && focusWasInCard)) {
      const target = card.anchor?.isConnected ? card.anchor : card.returnFocus;
      if (target instanceof HTMLElement && target.isConnected && target !== card.host.ownerDocument.activeElement) {
        refocusing = target;
        try {
          target.focus({ preventScroll: true });
        } finally {
          refocusing = null;
        }
      }
    }
    card.shared.renderer?.clear(card.dialog);
    card.dialog.replaceChildren();
    if (!replacing) card.host.remove();
  }

  // Event handlers: delegated on the document, so wrappers added later need nothing.
  const onPointerOver = (event: Event) => {
    if (open && isInside(open.host, event.target)) return cancelHide();
    const anchor = portElementOf(event);
    if (!anchor) return;
    if (open?.anchor === anchor) return cancelHide();
    if (pendingAnchor === anchor) return;
    scheduleShow(anchor);
  };

  function scheduleShow(anchor: Element) {
    const port = portOf(anchor);
    if (port === null) return;
    cancelShow();
    pendingAnchor = anchor;
    showTimer = setTimeout(() => show(port, anchor, anchor.getBoundingClientRect()), hoverDelayMs);
  }

  function showNow(anchor: Element) {
    const port = portOf(anchor);
    if (port !== null) show(port, anchor, anchor.getBoundingClientRect());
  }

  const onPointerOut = (event: Event) => {
    const related = (event as PointerEvent).relatedTarget;
    const from = portElementOf(event);
    if (from && from === pendingAnchor && !isInside(from, related)) cancelShow();
    if (!open) return;
    const leftAnchor = !!from && from === open.anchor;
    const leftCard = isInside(open.host, event.target);
    if ((leftAnchor || leftCard) && !isInside(open.host, related) && !isInside(open.anchor, related)) scheduleHide();
  };

  const onFocusIn = (event: Event) => {
    if (open && isInside(open.host, event.target)) return cancelHide();
    const anchor = portElementOf(event);
    if (!anchor || anchor === refocusing) return;
    showNow(anchor);
  };

  const onFocusOut = (event: Event) => {
    if (!open) return;
    const to = (event as FocusEvent).relatedTarget;
    // Null: the window lost focus or a click landed on nothing focusable; pointerdown handles clicks.
    if (!to) return;
    const fromOurs = isInside(open.host, event.target) || (open.anchor !== null && portElementOf(event) === open.anchor);
    if (fromOurs && !isInside(open.host, to) && !isInside(open.anchor, to)) hide('keep');
  };

  const onKeyDown = (event: Event) => {
    if (!open) return;
    const key = (event as KeyboardEvent).key;
    if (key === 'Escape') {
      event.stopPropagation();
      cancelShow();
      hide('return');
      return;
    }
    // From the focused port, Enter or ArrowDown moves into the card so its links and buttons are reachable.
    if ((key === 'ArrowDown' || key === 'Enter') && open.anchor && portElementOf(event) === open.anchor) {
      const first = open.host.shadowRoot?.querySelector<HTMLElement>('button, a[href], summary, [tabindex]:not([tabindex="-1"])');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  const onPointerDown = (event: Event) => {
    if (!open) return;
    if (isInside(open.host, event.target)) return;
    if (open.anchor && portElementOf(event) === open.anchor) return;
    cancelShow();
    hide();
  };

  const onScroll = (event: Event) => {
    if (!open || isInside(open.host, event.target)) return;
    if (!open.anchor) return hide(); // a context-menu card has nothing to follow
    if (!open.anchor.isConnected) return hide();
    const rect = open.anchor.getBoundingClientRect();
    const view = open.host.ownerDocument.defaultView;
    const height = view?.innerHeight ?? 0;
    const width = view?.innerWidth ?? 0;
    if (rect.bottom < 0 || rect.top > height || rect.right < 0 || rect.left > width) return hide();
    place(open);
  };

  const listeners: [string, (event: Event) => void, AddEventListenerOptions][] = [
    ['pointerover', onPointerOver, { passive: true }],
    ['pointerout', onPointerOut, { passive: true }],
    ['focusin', onFocusIn, {}],
    ['focusout', onFocusOut, {}],
    ['keydown', onKeyDown, { capture: true }],
    ['pointerdown', onPointerDown, { capture: true, passive: true }],
    ['scroll', onScroll, { capture: true, passive: true }],
  ];

  function detach() {
    cancelShow();
    hide('keep');
    if (!doc) return;
    for (const [type, handler, opts] of listeners) doc.removeEventListener(type, handler, opts);
    doc = null;
    cardHost = null;
  }

  return {
    attach(root: Document) {
      detach();
      doc = root;
      for (const [type, handler, opts] of listeners) root.addEventListener(type, handler, opts);
    },
    detach,
    showFor(port: number, anchorRect: DOMRect) {
      if (!Number.isInteger(port) || port < 0 || port > 65535) return;
      show(port, null, anchorRect);
    },
    hide() {
      hide();
    },
    engage(anchor: Element, how: 'hover' | 'focus') {
      if (how === 'focus') showNow(anchor);
      else scheduleShow(anchor);
    },
    get openPort() {
      return open?.port ?? null;
    },
  };
}

/** Constructed sheets are exempt from the page's style-src CSP; Firefox's sandbox may refuse them, so fall back. */
function adoptCss(shadow: ShadowRoot, css: string) {
  try {
    const view = shadow.ownerDocument.defaultView;
    if (view && 'CSSStyleSheet' in view && 'adoptedStyleSheets' in shadow) {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(css);
      const before = shadow.adoptedStyleSheets.length;
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
      if (shadow.adoptedStyleSheets.length === before + 1) return;
    }
  } catch {
    // fall through to a <style> element
  }
  const style = shadow.ownerDocument.createElement('style');
  style.textContent = css;
  shadow.insertBefore(style, shadow.querySelector('.pc-popover'));
}

const POPOVER_CSS = `
.pc-popover { display: block; position: absolute; top: 0; left: 0; width: max-content; }
.pc-popover .pc { max-width: calc(100vw - ${2 * MARGIN}px); }
.pc-status { margin: 0; max-width: 280px; padding: 10px 12px; border-radius: 8px; font: 13px/1.4 system-ui, sans-serif;
  background: #fff; color: #555b66; border: 1px solid #d5d9e0; box-shadow: 0 4px 16px rgb(0 0 0 / 0.12); }
@media (prefers-color-scheme: dark) { .pc-status[data-theme="auto"] { background: #1d2027; color: #a9b0bc; border-color: #3a3f4a; } }
.pc-status[data-theme="dark"] { background: #1d2027; color: #a9b0bc; border-color: #3a3f4a; }
`;
