// Content-script wiring: settings decide whether this page is annotated; the annotator marks ports (as CSS
// highlights, never in the DOM); hover and the keyboard command open the card; messages from the popup, the
// context menu and the background reach the page here.
//
// Lifecycle: the script owns it, with no channel a page can see or use. It posts nothing to the page and
// listens to no page event for start or stop (WXT's content-script context posts a message carrying the
// extension id and stops on a page event of that name, so it is not used); it stops when the extension's
// runtime is gone (the extension was reloaded or removed), checked whenever it is about to act (a hover, a
// message, a settings change).
import { createPageFinder } from '../lib/detect';
import { contentMessageListener, portFromSelection } from '../lib/messages';
import { isEnabledFor } from '../lib/settings';
import { createAnnotator, type Annotator } from '../page/annotator';
import { anchorOf, isCardHost } from '../page/hit-test';
import { attachHover, type Hover } from '../page/hover';
import { type CardUi, createLazyPopover, type LazyPopover } from '../page/lazy-popover';
import { adoptMarkStyles, createMarks, type Mark } from '../page/marks';
import { textContextOf } from '../page/text-context';
import { isHtmlDocument } from '../page/walker';
import { loadSettings, subscribeSettings } from './settings-store';
import { loadCardUi } from './card-ui-loader';
import { addMessageListener, extensionId } from './native-api';

const extensionAlive = (): boolean => extensionId() !== undefined;

/** The frame the keyboard command is for: the one whose own document has focus (the top frame if none has). */
function commandIsForThisFrame(doc: Document): boolean {
  return doc.hasFocus() ? !(doc.activeElement instanceof HTMLIFrameElement) : window === window.top;
}

export function runContentScript(): void {
  const doc = document; // read once: every use below is this frame's own document
  // XML documents are not pages of text, and the card is HTML: leave them alone entirely.
  if (!isHtmlDocument(doc)) return;
  // First act, at document_start: the ::highlight() sheet (adopting it after load costs a restyle of the page).
  const styles = adoptMarkStyles(doc);
  void start(doc, styles);
}

async function start(doc: Document, styles: ReturnType<typeof adoptMarkStyles>): Promise<void> {
  let settings = await loadSettings();
  if (doc.readyState === 'loading') {
    await new Promise((resolve) => doc.addEventListener('DOMContentLoaded', resolve, { once: true }));
  }
  const marks = createMarks(doc, styles, settings.underline);
  let annotator: Annotator | null = null;
  let popover: LazyPopover | null = null;
  let hover: Hover | null = null;
  let focused: Mark | null = null;
  let stopped = false;

  const showCards = () => {
    popover?.detach();
    popover = createLazyPopover(
      loadCardUi,
      {
        os: settings.commandOs,
        theme: settings.theme,
        onClose: () => {
          focused = null;
          marks.setFocus(null);
        },
      },
      doc,
    );
    return popover;
  };
  const turnOff = () => {
    annotator?.stop();
    annotator = null;
    hover?.detach();
    hover = null;
    popover?.detach();
    popover = null;
    marks.clear();
  };
  // Only a change of on/off re-walks the page; other settings restyle and rebuild the card's settings.
  const apply = () => {
    if (!isEnabledFor(location.hostname, settings)) {
      turnOff();
      return;
    }
    marks.setUnderline(settings.underline);
    const cards = showCards();
    hover?.detach();
    hover = attachHover({
      doc,
      marks,
      shadowRoots: () => annotator?.shadowRoots() ?? [],
      delayMs: settings.hoverDelayMs,
      open: (anchor) => {
        if (alive()) cards.open(anchor, 'hover');
      },
      prefetch: (anchor) => {
        if (alive()) cards.prefetch(anchor);
      },
      isCard: isCardHost,
    });
    if (!annotator) {
      annotator = createAnnotator({ root: doc, find: createPageFinder(), contextOf: textContextOf, marks });
      annotator.start();
    }
  };

  // The keyboard step and the popup's page list live in the card bundle (loaded on first use), like the card they
  // open: the mark they pick gets the focus highlight and its card.
  const focusAndOpen = async (pick: (ui: CardUi) => Mark | null) => {
    if (!annotator) return;
    const mark = pick(await loadCardUi());
    if (!mark || !annotator) return;
    focused = mark;
    marks.setFocus(mark);
    (popover ?? showCards()).open(anchorOf(mark), 'keyboard');
  };

  // The context menu's card, at the selection. Explicitly asked for, so shown even where annotation is off.
  const show = async (port: number) => {
    const anchor = (await loadCardUi()).selectionAnchor(doc, port);
    (popover ?? showCards()).open(anchor, 'menu');
  };

  // What a message asks of the page is done after the reply, which it does not wait for.
  const later = (work: () => Promise<void>) => {
    if (alive()) void work().catch(() => undefined);
    return undefined;
  };
  const onMessage = contentMessageListener(extensionId() ?? '', {
    'portolan/page-ports': () =>
      alive() ? { done: annotator?.isDone() ?? true, ports: annotator ? marks.inventory() : [] } : undefined,
    'portolan/page-state': () => {
      if (!alive() || window !== window.top) return undefined; // the top frame answers for the tab
      const selection = window.getSelection()?.toString() ?? '';
      return {
        hostname: location.hostname,
        selectedPort: portFromSelection(selection, createPageFinder()(selection)[0]?.port),
      };
    },
    // Next / previous port: the frame whose document has focus steps.
    'portolan/step': ({ direction }) =>
      later(() =>
        commandIsForThisFrame(doc) ? focusAndOpen((ui) => ui.step(doc, marks, focused, direction)) : Promise.resolve(),
      ),
    // The popup's page list: the index-th mention of a port in this frame.
    'portolan/reveal-port': ({ port, index }) => later(() => focusAndOpen((ui) => ui.reveal(doc, marks, port, index))),
    'portolan/show': ({ port }) => later(() => show(port)),
  });

  const unsubscribe = subscribeSettings((next) => {
    settings = next;
    if (alive()) apply();
  });
  const stopListening = addMessageListener(onMessage);

  /** False, after tearing everything down, once the extension is gone. */
  function alive(): boolean {
    if (stopped) return false;
    if (extensionAlive()) return true;
    stopped = true;
    unsubscribe();
    try {
      stopListening();
    } catch {
      // the runtime is already gone
    }
    turnOff();
    marks.destroy();
    return false;
  }

  apply();
}
