// Colours from computed styles, and the card's palette: every text colour on every surface it is used on
// reads at WCAG AA (4.5:1) in the light and the dark half.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastRatio, flatten, parseColor, schemeOf, type Rgba } from '../lib/contrast';

const rgba = (r: number, g: number, b: number, a = 1): Rgba => ({ r, g, b, a });

describe('parseColor', () => {
  it('reads what getComputedStyle gives and hex', () => {
    expect(parseColor('rgb(13, 17, 23)')).toEqual(rgba(13, 17, 23));
    expect(parseColor('rgba(0, 0, 0, 0)')).toEqual(rgba(0, 0, 0, 0));
    expect(parseColor('rgb(255 255 255 / 0.5)')).toEqual(rgba(255, 255, 255, 0.5));
    expect(parseColor('rgb(100% 0% 0% / 50%)')).toEqual(rgba(255, 0, 0, 0.5));
    expect(parseColor('#0d1117')).toEqual(rgba(13, 17, 23));
    expect(parseColor('#fff8')).toEqual(rgba(255, 255, 255, 0x88 / 255));
    expect(parseColor('transparent')).toEqual(rgba(0, 0, 0, 0));
  });

  it('refuses what it cannot read rather than guessing', () => {
    for (const text of ['oklch(0.2 0.01 250)', 'color(display-p3 0 0 0)', 'red', '', 'rgb(1, 2)', '#12345', 'url(x)']) {
      expect(parseColor(text), text).toBeNull();
    }
  });
});

describe('light or dark', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrastRatio(rgba(255, 255, 255), rgba(0, 0, 0))).toBeCloseTo(21, 5);
    expect(contrastRatio(rgba(119, 119, 119), rgba(255, 255, 255))).toBeCloseTo(4.48, 2);
  });

  it('calls a background dark when light text contrasts more on it', () => {
    expect(schemeOf(rgba(13, 17, 23))).toBe('dark');
    expect(schemeOf(rgba(250, 250, 250))).toBe('light');
    expect(schemeOf(rgba(30, 80, 160))).toBe('dark');
    expect(schemeOf(rgba(255, 220, 120))).toBe('light');
  });

  it('composes layers from the element outwards, and knows nothing without an opaque one', () => {
    expect(flatten([rgba(255, 255, 255, 0.5), rgba(0, 0, 0)])).toEqual(rgba(127.5, 127.5, 127.5));
    expect(flatten([rgba(255, 0, 0, 0.5)])).toBeNull();
  });
});

describe('the card palette (ui/theme.css)', () => {
  const css = readFileSync(resolve(__dirname, '../ui/theme.css'), 'utf8');
  const palette = new Map<string, [Rgba, Rgba]>();
  for (const m of css.matchAll(/--pt-([\w-]+):\s*light-dark\((#[0-9a-f]{3,8}),\s*(#[0-9a-f]{3,8})\)/gi)) {
    palette.set(m[1], [parseColor(m[2])!, parseColor(m[3])!]);
  }
  // Text colour -> the surfaces it is written on.
  const USES: Record<string, string[]> = {
    fg: ['bg', 'soft', 'tint', 'curated-bg'],
    muted: ['bg', 'soft', 'curated-bg'],
    accent: ['bg', 'soft', 'curated-bg'],
    'tint-fg': ['tint'],
    'curated-fg': ['bg', 'curated-bg'],
    warn: ['bg', 'soft', 'curated-bg'],
    ok: ['bg'],
    danger: ['bg'],
  };

  for (const [half, index] of [
    ['light', 0],
    ['dark', 1],
  ] as const) {
    it(`reads at 4.5:1 or more in the ${half} half`, () => {
      const low: string[] = [];
      for (const [text, surfaces] of Object.entries(USES)) {
        for (const surface of surfaces) {
          const ratio = contrastRatio(palette.get(text)![index], palette.get(surface)![index]);
          if (ratio < 4.5) low.push(`${text} on ${surface}: ${ratio.toFixed(2)}`);
        }
      }
      expect(low).toEqual([]);
    });
  }
});
