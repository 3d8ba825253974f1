// The icon PNGs are what assets/icon.svg renders to (npm run icons), at the sizes the manifests name.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { ICON_SIZES, ICON_SOURCE, iconPath, renderIcon } from '../scripts/icons';

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('icons', () => {
  const svg = readFileSync(ICON_SOURCE, 'utf8');

  it.each(ICON_SIZES)('the %i px PNG exists, is square at its size, and matches what the SVG renders to', (size) => {
    const committed = readFileSync(iconPath(size));
    expect(pngSize(committed)).toEqual({ width: size, height: size });
    expect(committed.equals(renderIcon(svg, size)), `${iconPath(size)} is stale: run npm run icons`).toBe(true);
  });

  it('leaves the fine detail out of the 16 px icon only', () => {
    expect(svg).toContain('class="detail"');
    const withoutDetail = svg.replace(/<g class="detail"[\s\S]*?<\/g>/g, '');
    expect(renderIcon(svg, 16).equals(renderIcon(withoutDetail, 16))).toBe(true);
    expect(renderIcon(svg, 32).equals(renderIcon(withoutDetail, 32))).toBe(false);
  });

  it.each(['.output/chrome-mv3', '.output/firefox-mv2'])(
    'the %s build names every icon for the extension and its toolbar button',
    (build) => {
      const manifestFile = `${build}/manifest.json`;
      expect(existsSync(manifestFile), `no ${manifestFile}: npm test builds first; alone, run wxt build`).toBe(true);
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
      const expected = Object.fromEntries(ICON_SIZES.map((size) => [String(size), `/icon/${size}.png`]));
      expect(manifest.icons).toEqual(expected);
      expect((manifest.action ?? manifest.browser_action).default_icon).toEqual(expected);
      for (const size of ICON_SIZES) expect(existsSync(`${build}/icon/${size}.png`)).toBe(true);
    },
  );
});
