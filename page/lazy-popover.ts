// What the content script carries of the popover: a stand-in that, the first time a card is wanted, loads the
// real popover (with Preact and the card) into this frame and hands the request over to it.
import type { CardAnchor, selectionAnchor } from './hit-test';
import type { revealMention, stepAndReveal } from './keyboard';
import type { CommandOs } from '../lib/settings';
import type { OpenHow, Popover, PopoverOptions } from './popover';

/**
 * What the content script decides of the card: its settings. The look-ups and the reader's OS ('auto') are the
 * card bundle's business (entrypoints/card-ui.ts), so their code is not in every tab.
 */
export type PopoverSettings = Omit<PopoverOptions, 'loadRenderer' | 'getInfo' | 'getRangeInfo' | 'os'> & {
  os: CommandOs;
};
export type PopoverFactory = (options: PopoverSettings) => Popover;

/** What the lazily injected card bundle gives the content script: the popover, the keyboard step and reveal. */
export interface CardUi {
  createPopover: PopoverFactory;
  step: typeof stepAndReveal;
  reveal: typeof revealMention;
  selectionAnchor: typeof selectionAnchor;
}

/** The part of a popover the content script calls: it never hides a card or asks which one is open. */
export type LazyPopover = Pick<Popover, 'detach' | 'open' | 'prefetch'>;

/** A popover for `root` from the start: each settings change makes a new one, detaching the old. */
export function createLazyPopover(
  loadUi: () => Promise<CardUi>,
  options: PopoverSettings,
  root: Document,
): LazyPopover {
  let doc: Document | null = root;
  let real: Popover | null = null;
  let loading: Promise<Popover | null> | null = null;
  // Only the latest request is carried over once loaded: a hover that moved on must not open an old card.
  let wanted: { anchor: CardAnchor; how: OpenHow } | null = null;

  const ensureReal = (): Promise<Popover | null> =>
    (loading ??= loadUi().then(
      (ui) => {
        if (!doc) return null; // detached while loading
        real = ui.createPopover(options);
        real.attach(doc);
        return real;
      },
      () => (loading = null), // the next request may try again
    ));

  return {
    detach() {
      real?.detach();
      real = null;
      loading = null;
      wanted = null;
      doc = null;
    },
    open(anchor, how) {
      if (real) return real.open(anchor, how);
      wanted = { anchor, how };
      void ensureReal().then((popover) => {
        if (popover && wanted) popover.open(wanted.anchor, wanted.how);
        wanted = null;
      });
    },
    prefetch(anchor) {
      if (real) real.prefetch(anchor);
      else void ensureReal().then((popover) => popover?.prefetch(anchor));
    },
  };
}
