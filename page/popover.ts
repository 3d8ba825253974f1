// The in-page popover: shows the port card beside a card anchor (a mark's digits, or a place for the context
// menu), one at a time. The card lives in a closed shadow root on a <div> appended to <html>, outside the
// page's <body>: a <div> is one name the page's custom-element registry cannot claim, and a closed root
// cannot be read or rewritten by the page. Only trusted events open, keep or close it.
// The host covers the viewport and lets the pointer through; the card sits far out on a stage inside it and is
// shown, placed and hidden by scrolling that stage. A scroll changes no style and no DOM, and on a page of
// 10,000 underlined marks any style or DOM change makes Blink rebuild every highlight marker in the next frame
// (about 20 ms): the frame that shows a card drawn ahead pays none of it.
// DOM only: the caller supplies getInfo (a background message) and the reader's OS and theme.
import type { CheckOs } from '../lib/how-to-check';
import type { PortInfo } from '../lib/types';
import type { RangeInfo } from '../lib/range-info';
import { t } from '../lib/i18n';
import { protocolOfMark } from './mark-protocol';
import { pageTheme } from './page-theme';
import type { CardRenderer, CardTheme } from '../lib/card-ui';
import { CARD_HOST_ATTR, rectsContain, type CardAnchor } from './hit-test';

export type { CardAnchor } from './hit-test';

export type OpenHow = 'hover' | 'keyboard' | 'menu';

export interface PopoverOptions {
  getInfo: (port: number) => Promise<PortInfo>;
  /** The range card's data; without it a range mention opens the card of the port under the pointer. */
  getRangeInfo?: (from: number, to: number) => Promise<RangeInfo>;
  /** The card's renderer (Preact + CSS), loaded on first use so the content script stays small. */
  loadRenderer: () => Promise<CardRenderer>;
  /** How long the pointer may be off both the port and the card before the card closes. */
  hideDelayMs?: number;
  /** A look-up slower than this shows a "Looking up" card instead of nothing. */
  loadingDelayMs?: number;
  os?: CheckOs;
  theme?: CardTheme;
  /** Called when the card closes, however it closes. */
  onClose?: () => void;
}

export interface Popover {
  attach(root: Document): void;
  detach(): void;
  /** Opens the card for an anchor; opening the anchor already shown does nothing. */
  open(anchor: CardAnchor, how: OpenHow): void;
  /** Starts the look-up (and the renderer's loading) for an anchor the pointer rests on, before its delay ends. */
  prefetch(anchor: CardAnchor): void;
  hide(): void;
  /** The port whose card is open, or null. */
  readonly openPort: number | null;
  /** The key of the anchor whose card is open, or null. */
  readonly openKey: object | null;
}

const GAP = 6;
const MARGIN = 8;
const MAX_CARD_HEIGHT = 480;
const MIN_CARD_HEIGHT = 160;
/** How long a card drawn ahead waits off view for its hover delay to end. */
const PREPARED_MS = 2_000;
/** Where the card sits on its stage: farther out than any viewport is wide or high, so unscrolled it is off view. */
export const STAGE_OFFSET = 100_000;

/** The one card host of a document: created once, taken out of the page while no card shows. */
interface CardHost {
  host: HTMLElement;
  shadow: ShadowRoot;
  /** The viewport-sized window onto the stage the card sits on: its scroll offsets place the card. */
  scroller: HTMLElement;
  dialog: HTMLElement;
  renderer?: CardRenderer; // set once the card's CSS is in this host's shadow root
}

interface CardPoint {
  left: number;
  top: number;
}

interface CardSize {
  width: number;
  height: number;
}

interface OpenCard {
  shared: CardHost;
  anchor: CardAnchor;
  how: OpenHow;
  returnFocus: Element | null;
  /** The card's size at full height, measured once per content (scrolling re-places without measuring). */
  size?: CardSize;
  /** Paints the card's content again with other controls (pinning takes the pin away). */
  repaint?: (controls: { onClose: () => void; onPin?: () => void }) => void;
}

/** Set on a pinned card's host: it stays until closed, and the next card gets a host of its own. */
export const PINNED_ATTR = 'data-portolan-pinned';

export function createPopover(options: PopoverOptions): Popover {
  const hideDelayMs = options.hideDelayMs ?? 300;
  const loadingDelayMs = options.loadingDelayMs ?? 150;
  let doc: Document | null = null;
  let cardHost: CardHost | null = null;
  let open: OpenCard | null = null;
  const pinned = new Set<OpenCard>();
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  let loadingTimer: ReturnType<typeof setTimeout> | undefined;
  // A card drawn ahead, off view, while the pointer rests on its anchor (see prepare).
  let prepared: { key: object; shared: CardHost; repaint: NonNullable<OpenCard['repaint']>; size: CardSize } | null =
    null;
  let preparing: object | null = null;
  let dropTimer: ReturnType<typeof setTimeout> | undefined;
  // Each show bumps this, so a slow answer for an earlier port never replaces a newer card.
  let generation = 0;

  const themeOf = (): CardTheme => options.theme ?? 'auto';
  const cancelHide = () => clearTimeout(hideTimer);
  const scheduleHide = () => {
    cancelHide();
    hideTimer = setTimeout(() => hide(), hideDelayMs);
  };

  function hostFor(document: Document): CardHost {
    if (cardHost?.host.ownerDocument === document) return cardHost;
    const host = document.createElement('div');
    host.setAttribute(CARD_HOST_ATTR, '');
    const shadow = host.attachShadow({ mode: 'closed' });
    adoptCss(shadow, `:host{all:initial}\n${POPOVER_CSS}`);
    // The scrolling element is inside the closed root: its scroll events are not composed, the page never sees them.
    const scroller = document.createElement('div');
    scroller.className = 'pc-window';
    const stage = document.createElement('div');
    stage.className = 'pc-stage';
    const dialog = document.createElement('div');
    dialog.className = 'pc-popover';
    dialog.setAttribute('role', 'dialog');
    dialog.tabIndex = -1;
    stage.append(dialog);
    scroller.append(stage);
    shadow.append(scroller);
    // Inline and !important: page rules like `html > div { display: none !important }` must not touch the card.
    // Strict containment makes the host a relayout boundary: the card is laid out on its own, never by a layout
    // of the page. The pointer passes through everywhere but on the card (.pc-popover takes it back).
    host.style.setProperty('all', 'initial', 'important');
    for (const [property, value] of [
      ['position', 'fixed'],
      ['z-index', '2147483647'],
      ['inset', '0px'],
      ['display', 'block'],
      ['contain', 'strict'],
      ['pointer-events', 'none'],
    ] as const) {
      host.style.setProperty(property, value, 'important');
    }
    return (cardHost = { host, shadow, scroller, dialog });
  }

  function show(anchor: CardAnchor, how: OpenHow) {
    const document = doc;
    if (!document) return;
    cancelHide();
    clearTimeout(loadingTimer);
    if (open && open.anchor.key === anchor.key) {
      if (how === 'keyboard') open.shared.dialog.focus({ preventScroll: true });
      return;
    }
    const previous = open;
    const returnFocus = previous?.returnFocus ?? document.activeElement;
    const ready = prepared?.key === anchor.key ? prepared : null;
    prepared = preparing = null;
    hide('keep', true);
    const shared = hostFor(document);
    const card: OpenCard = { shared, anchor, how, returnFocus };
    const span = label(shared, anchor);
    open = card;
    const current = ++generation;
    if (ready?.shared === shared) {
      // Drawn, measured and laid out at its height in an earlier frame: placing it reads clean layout and only
      // scrolls, so the frame that shows it has no style to recompute and no highlight markers to rebuild.
      card.repaint = ready.repaint;
      card.size = ready.size;
      return reveal(card);
    }
    loadingTimer = setTimeout(() => {
      if (generation === current)
        paintStatus(card, t(anchor.range ? 'popoverLookingPorts' : 'popoverLookingPort', span), false);
    }, loadingDelayMs);
    answerOf(anchor).then(
      ([info, renderer]) => {
        if (generation !== current) return;
        clearTimeout(loadingTimer);
        card.repaint = painter(card.shared, anchor, info, renderer);
        paint(card, () => card.repaint!(openControls));
      },
      () => {
        if (generation !== current) return;
        clearTimeout(loadingTimer);
        paintStatus(card, t(anchor.range ? 'popoverFailedPorts' : 'popoverFailedPort', span), true);
      },
    );
  }

  /** Names the dialog after its port or range (only if the name changes: a card drawn ahead is named already). */
  function label({ dialog }: CardHost, anchor: CardAnchor): string {
    const span = anchor.range ? `${anchor.range.from}–${anchor.range.to}` : String(anchor.port);
    const name = anchor.range ? t('cardPorts', span) : t('cardPort', span);
    if (dialog.getAttribute('aria-label') !== name) dialog.setAttribute('aria-label', name);
    return span;
  }

  /** The controls of a card that is not pinned: the pin button pins whichever card is open. */
  const openControls = { onClose: () => hide('return'), onPin: () => open && pin(open) };

  /** Renders an answer into a host's dialog, on each call afresh (pinning repaints it with other controls). */
  function painter(
    shared: CardHost,
    anchor: CardAnchor,
    info: { port: PortInfo } | { range: RangeInfo },
    renderer: CardRenderer,
  ): NonNullable<OpenCard['repaint']> {
    if (!shared.renderer) {
      adoptCss(shared.shadow, renderer.css);
      shared.renderer = renderer;
    }
    // "auto" follows the page's background where the card opens (page/page-theme.ts), the OS only as fallback.
    const theme = pageTheme(
      themeOf(),
      anchor.element?.() ?? null,
      !!shared.host.ownerDocument.defaultView?.matchMedia('(prefers-color-scheme: dark)').matches,
    );
    const protocol = anchor.mark && protocolOfMark(anchor.mark);
    return (controls) => {
      emptyHost(shared);
      const renderOptions = { os: options.os, theme, protocol, ...controls };
      if ('range' in info) renderer.renderRange(shared.dialog, info.range, renderOptions);
      else renderer.render(shared.dialog, info.port, renderOptions);
      shared.dialog.querySelector('.pc')?.setAttribute('data-theme', theme);
    };
  }

  /**
   * While the pointer rests on an anchor and no card shows, its card is drawn off view, so the frame that lays it
   * out is not the one that shows it: on a page of many marks every frame that changes the DOM or style makes
   * Blink rebuild all highlight markers, and showing it then only scrolls. Not opened soon, it leaves the page.
   */
  function prepare(anchor: CardAnchor) {
    const document = doc;
    if (!document || open || prepared?.key === anchor.key) return;
    preparing = anchor.key;
    answerOf(anchor).then(
      ([info, renderer]) => {
        if (open || preparing !== anchor.key || doc !== document) return;
        preparing = null;
        const shared = hostFor(document);
        const repaint = painter(shared, anchor, info, renderer);
        label(shared, anchor);
        fillHost(shared, () => repaint(openControls));
        // Measured now (a forced layout of the contained host alone) and given the height it will have beside
        // its anchor, so the frame that lays it out is this one's, not the one that shows it.
        const size = sizeOf(shared);
        const spot = spotFor(shared, anchor, size);
        if (spot) limitHeight(shared, spot.limit);
        prepared = { key: anchor.key, shared, repaint, size };
        clearTimeout(dropTimer);
        dropTimer = setTimeout(() => {
          if (prepared?.shared === shared) dropPrepared();
        }, PREPARED_MS);
      },
      () => undefined,
    );
  }

  function dropPrepared() {
    const ahead = prepared;
    prepared = preparing = null;
    if (!ahead || open) return;
    emptyHost(ahead.shared);
    ahead.shared.host.remove();
  }

  /** What a card needs: its answer and the renderer (both loaded once and cached, so asking again is cheap). */
  function answerOf(anchor: CardAnchor) {
    return Promise.all([contentOf(anchor), options.loadRenderer()]);
  }

  function contentOf(anchor: CardAnchor): Promise<{ port: PortInfo } | { range: RangeInfo }> {
    const range = anchor.range && options.getRangeInfo ? anchor.range : null;
    return range
      ? options.getRangeInfo!(range.from, range.to).then((info) => ({ range: info }))
      : options.getInfo(anchor.port).then((info) => ({ port: info }));
  }

  /** Loading and error lines are plain text in the popover's own styles: no renderer needed yet. */
  function paintStatus(card: OpenCard, text: string, isError: boolean) {
    const line = card.shared.dialog.ownerDocument.createElement('p');
    line.className = 'pc-status';
    line.dataset.theme = themeOf();
    if (isError) line.setAttribute('role', 'alert');
    line.textContent = text;
    paint(card, () => card.shared.dialog.replaceChildren(line));
  }

  /** Replaces the card's content, then measures, places and shows it. */
  function paint(card: OpenCard, fill: () => void) {
    fillHost(card.shared, fill);
    card.size = undefined;
    reveal(card);
  }

  /** Replaces a host's content at full height (so it measures whole) and puts the host in the page, off view. */
  function fillHost(shared: CardHost, fill: () => void) {
    const { host } = shared;
    limitHeight(shared, MAX_CARD_HEIGHT);
    fill();
    const root = host.ownerDocument.documentElement;
    if (host.parentNode !== root) root.append(host);
  }

  /** Cleared through the renderer first: Preact patches the tree it rendered, not a container emptied under it. */
  function emptyHost({ renderer, dialog }: CardHost) {
    renderer?.clear(dialog);
    dialog.replaceChildren();
  }

  /** Places a card whose content is in its host, and shows it. */
  function reveal(card: OpenCard) {
    const { host, dialog } = card.shared;
    if (!place(card)) return hide();
    // From the keyboard, focus goes into the card so a screen reader announces the dialog and Tab reaches its links.
    if (card.how === 'keyboard' && !isInside(host, host.ownerDocument.activeElement))
      dialog.focus({ preventScroll: true });
  }

  /**
   * All reads first (the anchor, the viewport, the card's full-height size once per content), then all writes:
   * a scroll re-places the card without a layout. False when the anchor is gone.
   */
  function place(card: OpenCard): boolean {
    card.size ??= sizeOf(card.shared);
    const spot = spotFor(card.shared, card.anchor, card.size);
    if (!spot) return false;
    limitHeight(card.shared, spot.limit);
    moveCard(card.shared, spot.at);
    return true;
  }

  /** The card's size at full height: measured right after its content goes in, before any limit. */
  function sizeOf({ dialog }: CardHost): CardSize {
    const box = dialog.getBoundingClientRect();
    return { width: box.width, height: Math.min(box.height || MAX_CARD_HEIGHT, MAX_CARD_HEIGHT) };
  }

  /** Where a card of this size shows beside its anchor, and the height it may take; null when the anchor is gone. */
  function spotFor(
    { host }: CardHost,
    anchor: CardAnchor,
    { width, height: natural }: CardSize,
  ): { at: CardPoint; limit: number } | null {
    const view = host.ownerDocument.defaultView;
    const rects = anchor.rects();
    if (!view || rects.length === 0) return null;
    const rect = boundsOf(rects);
    const viewportWidth = host.ownerDocument.documentElement.clientWidth || view.innerWidth;
    const viewportHeight = view.innerHeight;
    const below = viewportHeight - rect.bottom - GAP - MARGIN;
    const above = rect.top - GAP - MARGIN;
    // Below unless the card would be cut there and there is more room above.
    const placeAbove = natural > below && above > below;
    const room = Math.max(MIN_CARD_HEIGHT, Math.min(MAX_CARD_HEIGHT, placeAbove ? above : below));
    const height = Math.min(natural, room);
    let left = rect.left;
    if (left + width > viewportWidth - MARGIN) left = rect.right - width; // flip to the left of the port's end
    left = Math.max(MARGIN, Math.min(left, viewportWidth - MARGIN - width));
    const top = placeAbove
      ? Math.max(MARGIN, rect.top - GAP - height)
      : Math.min(rect.bottom + GAP, viewportHeight - MARGIN - height);
    // A card that fits keeps the full height it was laid out with.
    const limit = natural > room ? room : MAX_CARD_HEIGHT;
    return { at: { left: Math.round(left), top: Math.round(Math.max(MARGIN, top)) }, limit };
  }

  /** Written only when it changes: on a page of many marks a style change costs the next frame a marker rebuild. */
  function limitHeight({ host }: CardHost, height: number) {
    const value = `${height}px`;
    if (host.style.getPropertyValue('--pc-max-height') !== value) host.style.setProperty('--pc-max-height', value);
  }

  /** Shows the card with its top left corner at this point of the viewport; null takes it off view. */
  function moveCard({ scroller }: CardHost, at: CardPoint | null) {
    scroller.scrollLeft = at ? STAGE_OFFSET - at.left : 0;
    scroller.scrollTop = at ? STAGE_OFFSET - at.top : 0;
  }

  /** Where a card shows in the viewport, read back from its window's scroll offsets. */
  function cardAt({ scroller }: CardHost): CardPoint {
    return { left: STAGE_OFFSET - scroller.scrollLeft, top: STAGE_OFFSET - scroller.scrollTop };
  }

  /**
   * 'return': give focus back to where it was before the card (Esc, the close button). 'auto': only if focus
   * was inside the card, so it is not lost with it. 'keep': leave focus alone (focus already moved on).
   * `replacing`: another card shows at once, so the host stays in the page (hidden) for it.
   */
  function hide(focus: 'return' | 'auto' | 'keep' = 'auto', replacing = false) {
    cancelHide();
    clearTimeout(loadingTimer);
    generation++;
    const card = open;
    if (!card) return replacing ? undefined : dropPrepared();
    open = null;
    const { host } = card.shared;
    const focusWasInCard = isInside(host, host.ownerDocument.activeElement);
    moveCard(card.shared, null);
    if (!replacing && (focus === 'return' || (focus === 'auto' && focusWasInCard))) {
      const target = card.returnFocus;
      if (target instanceof HTMLElement && target.isConnected && target !== host.ownerDocument.activeElement) {
        target.focus({ preventScroll: true });
      } else if (focusWasInCard) {
        (host.ownerDocument.activeElement as HTMLElement | null)?.blur?.();
      }
    }
    emptyHost(card.shared);
    if (!replacing) {
      host.remove();
      options.onClose?.();
    }
  }

  /**
   * Pinning: the open card leaves the hover cycle and keeps its host (fixed where it is, so it survives
   * scrolling); the next card gets a new host. Its title bar drags it; its close button or Esc inside it closes it.
   */
  function pin(card: OpenCard) {
    if (open !== card || !card.repaint) return;
    cancelHide();
    open = null;
    if (cardHost === card.shared) cardHost = null;
    pinned.add(card);
    const { host, dialog } = card.shared;
    host.setAttribute(PINNED_ATTR, '');
    card.repaint({ onClose: () => unpin(card) });
    dialog.addEventListener('pointerdown', (event) => startDrag(card, event));
    dialog.focus({ preventScroll: true });
  }

  function unpin(card: OpenCard) {
    if (!pinned.delete(card)) return;
    const { host, dialog } = card.shared;
    const focusWasInCard = isInside(host, host.ownerDocument.activeElement);
    card.shared.renderer?.clear(dialog);
    host.remove();
    if (focusWasInCard && card.returnFocus instanceof HTMLElement && card.returnFocus.isConnected) {
      card.returnFocus.focus({ preventScroll: true });
    }
  }

  function startDrag(card: OpenCard, event: PointerEvent) {
    const target = event.target as Element | null;
    if (!event.isTrusted || event.button !== 0 || !target?.closest?.('.pc-header') || target.closest('button, a'))
      return;
    const { host, dialog } = card.shared;
    const view = host.ownerDocument.defaultView;
    if (!view) return;
    const { left: startLeft, top: startTop } = cardAt(card.shared);
    const { clientX, clientY, pointerId } = event;
    const box = dialog.getBoundingClientRect();
    const move = (next: PointerEvent) => {
      // Kept on screen: at least the title bar stays reachable.
      const left = Math.min(
        Math.max(startLeft + next.clientX - clientX, MARGIN - box.width + 48),
        view.innerWidth - 48,
      );
      const top = Math.min(Math.max(startTop + next.clientY - clientY, 0), view.innerHeight - 32);
      moveCard(card.shared, { left: Math.round(left), top: Math.round(top) });
    };
    const end = () => {
      dialog.removeEventListener('pointermove', move);
      dialog.removeEventListener('pointerup', end);
      dialog.removeEventListener('pointercancel', end);
    };
    dialog.setPointerCapture?.(pointerId);
    dialog.addEventListener('pointermove', move);
    dialog.addEventListener('pointerup', end);
    dialog.addEventListener('pointercancel', end);
    event.preventDefault(); // no text selection while dragging
  }

  // The pointer may rest on the digits or on the card; anywhere else, the card closes after a short delay.
  const onPointerMove = (event: Event) => {
    if (!open || !event.isTrusted || open.how === 'menu') return;
    const { clientX: x, clientY: y } = event as PointerEvent;
    const onCard =
      isInside(open.shared.host, event.target) || rectsContain([open.shared.dialog.getBoundingClientRect()], x, y);
    if (onCard || rectsContain(open.anchor.rects(), x, y)) cancelHide();
    else if (open.how === 'hover') scheduleHide();
  };

  const onFocusOut = (event: Event) => {
    if (!open || !event.isTrusted) return;
    const to = (event as FocusEvent).relatedTarget;
    // Null: the window lost focus or a click landed on nothing focusable; pointerdown handles clicks.
    if (to && isInside(open.shared.host, event.target) && !isInside(open.shared.host, to)) hide('keep');
  };

  // Esc closes the card; the event goes on to the page's own handlers (its dialogs, its editors).
  const onKeyDown = (event: Event) => {
    if (!event.isTrusted || (event as KeyboardEvent).key !== 'Escape') return;
    for (const card of pinned) if (isInside(card.shared.host, event.target)) return unpin(card);
    if (open) hide('return');
  };

  const onPointerDown = (event: Event) => {
    if (!open || !event.isTrusted || isInside(open.shared.host, event.target)) return;
    hide();
  };

  const onScroll = (event: Event) => {
    if (!open || isInside(open.shared.host, event.target)) return;
    if (open.how === 'menu') return hide(); // a context-menu card has nothing to follow
    const rects = open.anchor.rects();
    const view = open.shared.host.ownerDocument.defaultView;
    const height = view?.innerHeight ?? 0;
    const width = view?.innerWidth ?? 0;
    const rect = rects.length > 0 ? boundsOf(rects) : null;
    if (!rect || rect.bottom < 0 || rect.top > height || rect.right < 0 || rect.left > width) return hide();
    place(open);
  };

  const listeners: [string, (event: Event) => void, AddEventListenerOptions][] = [
    ['pointermove', onPointerMove, { capture: true, passive: true }],
    ['focusout', onFocusOut, { capture: true }],
    ['keydown', onKeyDown, { capture: true }],
    ['pointerdown', onPointerDown, { capture: true, passive: true }],
    ['scroll', onScroll, { capture: true, passive: true }],
  ];

  function detach() {
    hide('keep');
    clearTimeout(dropTimer);
    for (const card of [...pinned]) unpin(card);
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
    open(anchor, how) {
      if (!Number.isInteger(anchor.port) || anchor.port < 0 || anchor.port > 65535) return;
      show(anchor, how);
    },
    prefetch(anchor) {
      // The look-ups cache their answers (ext/lookup-client.ts), so the card opens without waiting on a message.
      if (!open) return prepare(anchor);
      answerOf(anchor).catch(() => undefined);
    },
    hide() {
      hide();
    },
    get openPort() {
      return open?.anchor.port ?? null;
    },
    get openKey() {
      return open?.anchor.key ?? null;
    },
  };
}

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

function boundsOf(rects: readonly DOMRect[]): { top: number; bottom: number; left: number; right: number } {
  // A port wrapped over two lines: place by its first line's box, which is where the pointer met it.
  const first = rects[0];
  return { top: first.top, bottom: first.bottom, left: first.left, right: first.right };
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
  shadow.insertBefore(style, shadow.querySelector('.pc-window'));
}

const POPOVER_CSS = `
.pc-window { position: absolute; inset: 0; overflow: hidden; }
.pc-stage { position: relative; width: ${2 * STAGE_OFFSET}px; height: ${2 * STAGE_OFFSET}px; }
.pc-popover { display: block; position: absolute; top: ${STAGE_OFFSET}px; left: ${STAGE_OFFSET}px; width: max-content;
  outline: none; pointer-events: auto; }
.pc-popover .pc { max-width: calc(100vw - ${2 * MARGIN}px); }
.pc-status { margin: 0; max-width: 280px; padding: 10px 12px; border-radius: 8px; font: 13px/1.4 system-ui, sans-serif;
  background: #fff; color: #555b66; border: 1px solid #d5d9e0; box-shadow: 0 4px 16px rgb(0 0 0 / 0.12); }
@media (prefers-color-scheme: dark) { .pc-status[data-theme="auto"] { background: #1d2027; color: #a9b0bc; border-color: #3a3f4a; } }
.pc-status[data-theme="dark"] { background: #1d2027; color: #a9b0bc; border-color: #3a3f4a; }
`;
