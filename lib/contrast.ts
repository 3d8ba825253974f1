// Colours as the page's computed style gives them, and what they mean for the card: light or dark, and the
// WCAG contrast between two colours. Pure: page/page-theme.ts does the DOM reading.

export interface Rgba {
  r: number; // 0–255
  g: number;
  b: number;
  a: number; // 0–1
}

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?`;
const CHANNEL = `(${NUMBER})(%?)`;
// rgb()/rgba() in both the comma and the space syntax, as getComputedStyle serialises sRGB colours.
const RGB = new RegExp(
  `^rgba?\\(\\s*${CHANNEL}\\s*[,\\s]\\s*${CHANNEL}\\s*[,\\s]\\s*${CHANNEL}\\s*(?:[,/]\\s*${CHANNEL}\\s*)?\\)$`,
  'i',
);

function channel(value: string, percent: string, scale: number): number {
  const n = Number(value);
  return Math.min(scale, Math.max(0, percent ? (n / 100) * scale : n));
}

/**
 * An sRGB colour from `rgb(…)`, `rgba(…)`, `#rgb[a]`, `#rrggbb[aa]` or `transparent`; null for anything else
 * (other colour spaces, keywords, garbage): the caller then does not guess.
 */
export function parseColor(text: string): Rgba | null {
  const value = text.trim().toLowerCase();
  if (value === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const rgb = RGB.exec(value);
  if (rgb) {
    return {
      r: channel(rgb[1], rgb[2], 255),
      g: channel(rgb[3], rgb[4], 255),
      b: channel(rgb[5], rgb[6], 255),
      a: rgb[7] === undefined ? 1 : channel(rgb[7], rgb[8], 1),
    };
  }
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(value);
  if (hex) {
    const digits = hex[1].length <= 4 ? [...hex[1]].map((d) => d + d) : hex[1].match(/../g)!;
    const [r, g, b, a = 255] = digits.map((d) => parseInt(d, 16));
    return { r, g, b, a: a / 255 };
  }
  return null;
}

/** `top` painted over an opaque `bottom`. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a;
  return {
    r: top.r * a + bottom.r * (1 - a),
    g: top.g * a + bottom.g * (1 - a),
    b: top.b * a + bottom.b * (1 - a),
    a: 1,
  };
}

/**
 * What layers of background add up to, listed from the element outwards; null when none is opaque (then the
 * canvas, which the page does not tell us, shows through).
 */
export function flatten(layers: readonly Rgba[]): Rgba | null {
  const opaque = layers.findIndex((layer) => layer.a >= 1);
  if (opaque < 0) return null;
  let color = layers[opaque];
  for (let i = opaque - 1; i >= 0; i--) color = over(layers[i], color);
  return color;
}

function linear(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance of an opaque colour. */
export function luminance({ r, g, b }: Rgba): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio, 1–21. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** Light or dark, whichever text contrasts more on it: dark text on a light page, light text on a dark one. */
export function schemeOf(background: Rgba): 'light' | 'dark' {
  const white: Rgba = { r: 255, g: 255, b: 255, a: 1 };
  const black: Rgba = { r: 0, g: 0, b: 0, a: 1 };
  return contrastRatio(background, black) >= contrastRatio(background, white) ? 'light' : 'dark';
}
