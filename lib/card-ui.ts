// The contract between the content script and the lazily injected card code (entrypoints/card-ui.ts).
// Kept apart from ui/ so importing it pulls no Preact into the content script.
import type { CheckOs } from './how-to-check';
import type { PortInfo } from './types';

export type CardTheme = 'light' | 'dark' | 'auto';

export interface CardRenderOptions {
  os?: CheckOs;
  theme?: CardTheme;
  onClose: () => void;
}

export interface CardRenderer {
  css: string;
  render(container: Element, info: PortInfo, options: CardRenderOptions): void;
  clear(container: Element): void;
}

/** Where the injected card script leaves its renderer for the content script (same isolated world). */
export const CARD_UI_GLOBAL = '__portolanCardUi';
