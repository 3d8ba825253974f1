// Recognising the annotator's wrappers from events and reading the port they show; shared by the popover and
// the content script's first-contact shim.
export const PORT_SELECTOR = 'portolan-port[data-portolan-port]';

/**
 * The port a wrapper stands for, read from its text (what the reader sees) and required to agree with the
 * annotator's attribute: the page may rewrite either, and a card must never describe another number
 * than the one on screen. Null when the text is not 0–65535 digits or the two disagree.
 */
export function portOfElement(element: Element): number | null {
  const text = element.textContent ?? '';
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  if (port > 65535) return null;
  const attribute = element.getAttribute('data-portolan-port');
  return attribute !== null && Number(attribute) === port && /^\d{1,5}$/.test(attribute) ? port : null;
}

/** The wrapper an event came from, looking through open shadow roots (events are retargeted at their hosts). */
export function portElementOf(event: Event): Element | null {
  for (const node of event.composedPath()) {
    if (node instanceof Element && node.matches(PORT_SELECTOR)) return node;
    if (node instanceof Document) break;
  }
  return null;
}


