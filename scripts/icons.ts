// Renders the extension's icon (assets/icon.svg) to the PNGs the manifest names, or checks that they are current.
//   npm run icons            write public/icon/{16,32,48,128}.png
//   npm run icons -- --check exit 1 if a committed PNG differs from what the SVG renders to
import { Resvg } from '@resvg/resvg-js';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ICON_SIZES = [16, 32, 48, 128] as const;
export const ICON_SOURCE = 'assets/icon.svg';
export const ICON_DIR = 'public/icon';
/** Below this size the groups of class "detail" (rhumb lines, diagonal points) are left out: they only blur. */
const DETAIL_MIN_SIZE = 32;

export const iconPath = (size: number): string => join(ICON_DIR, `${size}.png`);

export function renderIcon(svg: string, size: number): Buffer {
  const source = size < DETAIL_MIN_SIZE ? svg.replace(/<g class="detail"[\s\S]*?<\/g>/g, '') : svg;
  // No system fonts: the icon has no text, and the same input must give the same bytes on every machine.
  return new Resvg(source, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } })
    .render()
    .asPng();
}

function main(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const svg = readFileSync(join(root, ICON_SOURCE), 'utf8');
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const size of ICON_SIZES) {
    const file = join(root, iconPath(size));
    const png = renderIcon(svg, size);
    if (check) {
      if (!existsSync(file) || !readFileSync(file).equals(png)) stale.push(iconPath(size));
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, png);
    console.log(`${iconPath(size)}: ${size}×${size}, ${png.length} bytes`);
  }
  if (stale.length > 0) {
    console.error(`${stale.join(', ')} differ from ${ICON_SOURCE}: run npm run icons`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
