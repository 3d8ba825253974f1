// Passive listeners that the page code adds and later takes away (hover, marks): adding and removing one must name
// the same capture flag, so one function does both.

/** Listens passively, in the capture phase when `capture`; the function it returns stops listening. */
export function listenPassive<E extends Event>(
  target: EventTarget,
  type: string,
  listener: (event: E) => void,
  capture: boolean,
): () => void {
  target.addEventListener(type, listener as EventListener, { capture, passive: true });
  return () => target.removeEventListener(type, listener as EventListener, capture);
}
