// Hover without elements to hover: on each trusted pointer move (Chromium coalesces them to one a frame) the
// mark under the pointer is found by caret hit-testing; resting on one for the hover delay opens its card.
// The hover highlight (the whole underline in "none until hover") is drawn once the pointer rests on a mark,
// not on every mark a sweep crosses: any change to a highlight makes Blink rebuild every highlight marker in the
// next frame, which on a page of 10,000 marks costs that frame 20-30 ms.

import type { Mark, Marks } from './marks';
import { anchorOf, markAtPoint, type CardAnchor } from './hit-test';
import { listenPassive } from './listen';

/** How long the pointer stays on a mark before its answer is fetched: longer than a sweep takes to cross one. */
const REST_MS = 80;
/** A frame at 60 Hz: the card is opened in the frame that starts as the delay ends, not in the one after it. */
const FRAME_MS = 16;

export interface HoverOptions {
  doc: Document;
  marks: Marks;
  shadowRoots: () => ShadowRoot[];
  delayMs: number;
  open(anchor: CardAnchor): void;
  /** The pointer came to rest on a mark: its card may be wanted once the delay ends. */
  prefetch(anchor: CardAnchor): void;
  /** Events over the card itself are the card's business. */
  isCard(target: EventTarget | null): boolean;
}

export interface Hover {
  detach(): void;
}

export function attachHover(options: HoverOptions): Hover {
  const { doc, marks } = options;
  let current: Mark | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const settle = (mark: Mark | undefined) => {
    if (mark === current) return;
    current = mark;
    clearTimeout(timer);
    // The mark left behind loses its highlight at once, the marks a sweep crosses get none (clearing what is
    // already clear redraws nothing).
    marks.setHover(null);
    if (!mark) return;
    const open = () => {
      if (current === mark) options.open(anchorOf(mark));
    };
    if (options.delayMs <= 0) {
      marks.setHover(mark);
      return open();
    }
    // Drawn and looked up once the pointer rests on the mark, not for every mark a sweep passes over.
    const rest = Math.min(REST_MS, options.delayMs / 2);
    timer = setTimeout(() => {
      marks.setHover(mark);
      options.prefetch(anchorOf(mark));
      // A timer due as a frame begins runs after that frame: asked one frame early, the card is placed from the
      // next frame's own callbacks and painted in that frame.
      timer = setTimeout(() => requestAnimationFrame(open), options.delayMs - rest - FRAME_MS);
    }, rest);
  };

  const onMove = (event: PointerEvent) => {
    if (!event.isTrusted) return;
    if (options.isCard(event.target)) return settle(undefined);
    settle(markAtPoint(doc, marks, event.clientX, event.clientY, options.shadowRoots()));
  };
  const onOut = (event: PointerEvent) => {
    // Leaving the window (no related target) ends the hover.
    if (event.isTrusted && event.relatedTarget === null) settle(undefined);
  };
  const stopMove = listenPassive(doc, 'pointermove', onMove, true);
  const stopOut = listenPassive(doc, 'pointerout', onOut, true);
  return {
    detach() {
      clearTimeout(timer);
      stopMove();
      stopOut();
      marks.setHover(null);
      current = undefined;
    },
  };
}
