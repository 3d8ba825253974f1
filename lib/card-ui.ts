// The contract between the popover and the card renderer (Preact + CSS). Kept apart from ui/ so that
// importing it pulls no Preact into the content script.
import type { CheckOs } from './how-to-check';
import type { RangeInfo } from './range-info';
import type { PortInfo, Protocol } from './types';

export type CardTheme = 'light' | 'dark' | 'auto';

export interface CardRenderOptions {
  os?: CheckOs;
  theme?: CardTheme;
  onClose: () => void;
  /** Keeps the card open until closed (the popover's pin); absent on a card that is already pinned. */
  onPin?: () => void;
  /** What the page says the port runs on (`53/udp`, a UDP column): the check commands are narrowed to it. */
  protocol?: Protocol;
}

export interface CardRenderer {
  css: string;
  render(container: Element, info: PortInfo, options: CardRenderOptions): void;
  /** The range card, for a range mention (`PortMatch.range`). */
  renderRange(container: Element, info: RangeInfo, options: CardRenderOptions): void;
  clear(container: Element): void;
}

/** Where the injected card-ui script leaves its popover factory for the content script (same isolated world). */
export const CARD_UI_GLOBAL = '__portolanCardUi';
