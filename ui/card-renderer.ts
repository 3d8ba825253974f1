// The card as the in-page popover uses it: Preact and the card's CSS, shipped apart from the content script
// (entrypoints/card-ui.ts) so every tab carries only the small annotator until a card is first wanted.
import { h, render } from 'preact';
import type { CardRenderer } from '../lib/card-ui';
import { CARD_CSS, PortCard } from './PortCard';
import { RangeCard } from './card/RangeCard';

export const cardRenderer: CardRenderer = {
  css: CARD_CSS,
  render(container, info, { os, theme = 'auto', onClose, onPin, protocol }) {
    render(h(PortCard, { info, os, theme, compact: true, onClose, onPin, protocol }), container);
  },
  renderRange(container, info, { theme = 'auto', onClose, onPin }) {
    render(h(RangeCard, { info, theme, compact: true, onClose, onPin }), container);
  },
  clear(container) {
    render(null, container);
  },
};
