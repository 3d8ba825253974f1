// @vitest-environment happy-dom
// The card's classes and the popover host's cannot collide: the card's sheet only styles inside .pc, and the
// card renders no class the host's sheet (page/popover.ts) styles, so a host rule can never restyle a card part.
import { cleanup, render } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PortCard } from '../ui/PortCard';
import {
  deassigned51,
  dns53,
  dynamic50000,
  http80,
  reserved0,
  story3716,
  unassigned4,
  x11Port6001,
} from './fixtures/port-info';

afterEach(cleanup);

const read = (path: string) => readFileSync(resolve(__dirname, '..', path), 'utf8');
const CARD_CSS = read('ui/card.css');

/** Every selector of a sheet (comments dropped, @media blocks entered). */
function selectors(css: string): string[] {
  const bare = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const found: string[] = [];
  for (const match of bare.matchAll(/([^{}]+)\{/g)) {
    const prelude = match[1].trim();
    if (prelude.startsWith('@')) continue;
    found.push(
      ...prelude
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }
  return found;
}

/** The rule bodies for one exact selector. */
function declarations(css: string, selector: string): string {
  const bare = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...bare.matchAll(/([^{}]+)\{([^{}]*)\}/g)]
    .filter((m) =>
      m[1]
        .split(',')
        .map((s) => s.trim())
        .includes(selector),
    )
    .map((m) => m[2])
    .join(';');
}

/** The classes the popover host styles for itself, from the sheet in page/popover.ts (the card's root excepted). */
function hostClasses(): string[] {
  const source = read('page/popover.ts');
  const sheet = /const POPOVER_CSS = `([\s\S]*?)`;/.exec(source)?.[1] ?? '';
  expect(sheet, 'page/popover.ts keeps its sheet in POPOVER_CSS').not.toBe('');
  const classes = new Set([...sheet.matchAll(/\.([a-z][\w-]*)/g)].map((m) => m[1]));
  classes.delete('pc'); // the host sizes the card's root on purpose
  return [...classes];
}

describe('card styles are scoped', () => {
  it('styles nothing outside .pc', () => {
    const outside = selectors(CARD_CSS).filter((s) => !/^\.pc(?=$|[\s.[:])/.test(s));
    expect(outside).toEqual([]);
  });

  it('renders no class the popover host styles (its loading line is .pc-status)', () => {
    const host = hostClasses();
    expect(host.length).toBeGreaterThan(0);
    for (const info of [dns53, http80, reserved0, unassigned4, dynamic50000, deassigned51, x11Port6001, story3716]) {
      const { container } = render(<PortCard info={info} compact />);
      const used = new Set([...container.querySelectorAll('[class]')].flatMap((el) => [...el.classList]));
      expect(
        host.filter((name) => used.has(name)),
        `port ${info.port}`,
      ).toEqual([]);
      cleanup();
    }
  });

  it('shows Unassigned and Reserved as plain text: no border, shadow or background', () => {
    const { container } = render(<PortCard info={reserved0} />);
    expect(container.querySelector('.pc-iana-status')?.textContent).toBe('Reserved');
    const rules = declarations(CARD_CSS, '.pc .pc-iana-status');
    expect(rules).toMatch(/font-weight/);
    expect(rules).not.toMatch(/border|box-shadow|background|padding/);
  });
});
