// @vitest-environment happy-dom
// Hover timing: which marks are looked up and opened as the pointer moves, with the hover delay from the settings.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Mark, Marks } from '../page/marks';

let under: Mark | undefined;
vi.mock('../page/hit-test', () => ({
  markAtPoint: () => under,
  anchorOf: (mark: Mark) => ({ port: mark.port }),
}));
const { attachHover } = await import('../page/hover');

const mark = (port: number) => ({ port }) as unknown as Mark;

function setup(delayMs: number) {
  const calls: string[] = [];
  // As Marks does, a mark already drawn (or none, when none is) is not drawn again: only redraws are recorded.
  let hovered: Mark | null = null;
  const setHover = (m: Mark | null) => {
    if (m !== hovered) calls.push(`hover ${m?.port ?? '-'}`);
    hovered = m;
  };
  const marks = { setHover } as unknown as Marks;
  const hover = attachHover({
    doc: document,
    marks,
    shadowRoots: () => [],
    delayMs,
    open: (anchor) => calls.push(`open ${(anchor as unknown as Mark).port}`),
    prefetch: (anchor) => calls.push(`prefetch ${(anchor as unknown as Mark).port}`),
    isCard: () => false,
  });
  const moveOnto = (target: Mark | undefined) => {
    under = target;
    const event = new PointerEvent('pointermove', { clientX: 1, clientY: 1 });
    Object.defineProperty(event, 'isTrusted', { value: true });
    document.dispatchEvent(event);
  };
  return { calls, hover, moveOnto };
}

describe('hover', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('draws and looks up only the mark the pointer rests on, and opens it when the delay ends', () => {
    const { calls, hover, moveOnto } = setup(250);
    for (const port of [22, 80, 443, 3306]) {
      moveOnto(mark(port));
      vi.advanceTimersByTime(16); // a sweep: one frame on each mark
    }
    expect(calls).toEqual([]); // a sweep redraws no highlight: each redraw costs the page a rebuild of all marks
    vi.advanceTimersByTime(100);
    expect(calls).toEqual(['hover 3306', 'prefetch 3306']);
    vi.advanceTimersByTime(150);
    expect(calls).toEqual(['hover 3306', 'prefetch 3306', 'open 3306']);
    hover.detach();
  });

  it('opens the card from the animation frame that starts as the delay ends, so that frame paints it', () => {
    const { calls, hover, moveOnto } = setup(250);
    const frames = vi.spyOn(globalThis, 'requestAnimationFrame');
    moveOnto(mark(8443));
    vi.advanceTimersByTime(233); // the rest (80 ms), then the delay less one frame
    expect(calls).toEqual(['hover 8443', 'prefetch 8443']);
    expect(frames).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1); // the card is asked for the next frame, not opened from a timer
    expect(frames).toHaveBeenCalledOnce();
    expect(calls).toEqual(['hover 8443', 'prefetch 8443']);
    vi.advanceTimersByTime(16);
    expect(calls).toEqual(['hover 8443', 'prefetch 8443', 'open 8443']);
    frames.mockRestore();
    hover.detach();
  });

  it('opens nothing for a mark the pointer left before the delay, and at once with no delay', () => {
    const slow = setup(250);
    slow.moveOnto(mark(8080));
    vi.advanceTimersByTime(200);
    slow.moveOnto(undefined);
    vi.advanceTimersByTime(1000);
    expect(slow.calls).toEqual(['hover 8080', 'prefetch 8080', 'hover -']);
    slow.hover.detach();

    const quick = setup(0);
    quick.moveOnto(mark(5432));
    expect(quick.calls).toEqual(['hover 5432', 'open 5432']);
    quick.hover.detach();
  });

  it('clears the highlight at once when the pointer leaves a mark it rested on', () => {
    const { calls, hover, moveOnto } = setup(250);
    moveOnto(mark(443));
    vi.advanceTimersByTime(100);
    moveOnto(mark(80)); // onto the next mark: its highlight waits for the rest, the old one goes now
    expect(calls).toEqual(['hover 443', 'prefetch 443', 'hover -']);
    hover.detach();
  });
});
