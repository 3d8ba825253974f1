// What the content script carries of the popover: a few listeners that, on the first hover or focus of a port,
// load the real popover (with Preact and the card) into this frame and hand the moment over to it.
import type { Popover, PopoverOptions } from './popover';
import { portElementOf, portOfElement } from './port-element';

export type PopoverSettings = Omit<PopoverOptions, 'loadRenderer'>;
export type PopoverFactory = (options: PopoverSettings) => Popover;

export function createLazyPopover(loadFactory: () => Promise<PopoverFactory>, options: PopoverSettings): Popover {
  let doc: Document | null = null;
  let real: Popover | null = null;
  let loading: Promise<Popover | null> | null = null;
  let pending: { anchor: Element; how: 'hover' | 'focus' } | null = null;

  const ensureReal = (): Promise<Popover | null> =>
    (loading ??= loadFactory().then(
      (factory) => {
        if (!doc) return null; // detached while loading
        removeShim(doc);
        real = factory(options);
        real.attach(doc);
        return real;
      },
      () => (loading = null), // the next hover may try again
    ));

  const onContact = (event: Event) => {
    const anchor = portElementOf(event);
    // Only a person's pointer or focus on a mark the annotator made loads the card's code: a page's forged mark
    // or synthetic event must not make the background inject it.
    if (!anchor || !event.isTrusted || (options.portOf ?? portOfElement)(anchor) === null) return;
    pending = { anchor, how: event.type === 'focusin' ? 'focus' : 'hover' };
    void ensureReal().then((popover) => {
      if (popover && pending) popover.engage(pending.anchor, pending.how);
      pending = null;
    });
  };
  const onLeave = (event: Event) => {
    if (pending?.how === 'hover' && portElementOf(event) === pending.anchor) pending = null;
  };
  const shim: [string, (event: Event) => void][] = [
    ['pointerover', onContact],
    ['focusin', onContact],
    ['pointerout', onLeave],
  ];
  const removeShim = (root: Document) => {
    for (const [type, handler] of shim) root.removeEventListener(type, handler, true);
  };

  const detach = () => {
    if (doc) removeShim(doc);
    real?.detach();
    real = null;
    loading = null;
    pending = null;
    doc = null;
  };

  return {
    attach(root: Document) {
      detach();
      doc = root;
      for (const [type, handler] of shim) root.addEventListener(type, handler, true);
    },
    detach,
    showFor(port: number, anchorRect: DOMRect) {
      void ensureReal().then((popover) => popover?.showFor(port, anchorRect));
    },
    hide() {
      real?.hide();
    },
    engage(anchor: Element, how: 'hover' | 'focus') {
      void ensureReal().then((popover) => popover?.engage(anchor, how));
    },
    get openPort() {
      return real?.openPort ?? null;
    },
  };
}
