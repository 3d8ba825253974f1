// The card's "auto" theme from the page itself: the computed background where the card opens, walking up
// through transparent backgrounds (and out of shadow roots) to the first opaque one. Reads the DOM, never
// writes it. The OS theme decides only when the page says nothing readable.
import type { CardTheme } from '../lib/card-ui';
import { flatten, parseColor, schemeOf, type Rgba } from '../lib/contrast';

/** Ancestors in rendering order: a slotted node's slot, an element's parent, a shadow root's host. */
function parentOf(node: Element): Element | null {
  if (node.assignedSlot) return node.assignedSlot;
  if (node.parentElement) return node.parentElement;
  const root = node.parentNode;
  return root && 'host' in root ? (root as ShadowRoot).host : null;
}

/** Safety bound on the walk (deep DOMs, or a cycle a hostile page could never make but we need not trust). */
const MAX_DEPTH = 200;

const TRANSPARENT: Rgba = { r: 0, g: 0, b: 0, a: 0 };
const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
/** Chromium's and Firefox's dark canvas. */
const DARK_CANVAS: Rgba = { r: 18, g: 18, b: 18, a: 1 };

/**
 * What the canvas shows where no element paints: white, unless the root's color-scheme asks for dark (or
 * allows both and the OS prefers dark).
 */
export function canvasColor(document: Document, osPrefersDark: boolean): Rgba {
  const view = document.defaultView;
  const scheme = (view?.getComputedStyle(document.documentElement).colorScheme ?? '').split(/\s+/);
  const dark = scheme.includes('dark');
  const light = scheme.includes('light');
  return dark && (!light || osPrefersDark) ? DARK_CANVAS : WHITE;
}

/**
 * The background colour behind `start`: translucent layers composed up to the first opaque one, or over the
 * canvas. Null when what lies behind cannot be read (an image or gradient, a colour space this does not parse).
 */
export function pageBackgroundAt(start: Element, canvas: Rgba): Rgba | null {
  const view = start.ownerDocument.defaultView;
  if (!view) return null;
  const layers: Rgba[] = [];
  let node: Element | null = start;
  for (let depth = 0; node && depth < MAX_DEPTH; depth++, node = parentOf(node)) {
    const style = view.getComputedStyle(node);
    // An empty value is the initial one, transparent (browsers serialise it as rgba(0, 0, 0, 0)).
    const color = style.backgroundColor ? parseColor(style.backgroundColor) : TRANSPARENT;
    if (!color) return null;
    // An image may be what the text stands on: its colour is unknown, so the page tells us nothing here.
    if (color.a < 1 && style.backgroundImage && style.backgroundImage !== 'none') return null;
    if (color.a > 0) layers.push(color);
    if (color.a >= 1) return flatten(layers);
  }
  return flatten([...layers, canvas]);
}

/**
 * The card's theme: an explicit setting as it is; "auto" from the page's background at `anchor` (the canvas
 * where nothing paints), and the OS's preference only where the page's background cannot be read.
 */
export function pageTheme(setting: CardTheme, anchor: Element | null, osPrefersDark: boolean): 'light' | 'dark' {
  if (setting !== 'auto') return setting;
  const background = anchor ? pageBackgroundAt(anchor, canvasColor(anchor.ownerDocument, osPrefersDark)) : null;
  if (background) return schemeOf(background);
  return osPrefersDark ? 'dark' : 'light';
}
