// @vitest-environment happy-dom
// The popover with card anchors: where its host goes, what the page can reach, and what opens or closes it.
// (Trusted-event behaviour — hover, Esc, leaving the port — is exercised in the e2e tests in Chromium.)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardRenderOptions, CardRenderer } from '../lib/card-ui';
import { createPopover, STAGE_OFFSET, type CardAnchor, type Popover } from '../page/popover';
import type { PortInfo } from '../lib/types';
import type { RangeInfo } from '../lib/range-info';
import { dns53, http80 } from './fixtures/port-info';

const FIXTURES: Record<number, PortInfo> = { 53: dns53, 80: http80 };

let popover: Popover;
let rendered: { container: Element; port: number; range?: [number, number]; options?: CardRenderOptions }[];
let getInfo: ReturnType<typeof vi.fn<(port: number) => Promise<PortInfo>>>;

const renderer: CardRenderer = {
  css: '.pc{background:#fff}',
  render(container, info, options) {
    rendered.push({ container, port: info.port, options });
    const p = container.ownerDocument.createElement('div');
    p.className = 'pc';
    p.textContent = `card for ${info.port}`;
    container.append(p);
  },
  renderRange(container, info) {
    rendered.push({ container, port: info.from, range: [info.from, info.to] });
    const p = container.ownerDocument.createElement('div');
    p.className = 'pc';
    p.textContent = `range card for ${info.from}-${info.to}`;
    container.append(p);
  },
  clear(container) {
    container.replaceChildren();
  },
};

function anchor(port: number, rect = new DOMRect(10, 10, 30, 16)): CardAnchor {
  return { port, rects: () => [rect], key: {} };
}

const host = () => document.querySelector<HTMLElement>('[data-portolan-card]');

/** Where a card shows in the viewport, read from its stage's scroll offsets; null while it is off view. */
function cardPosition(dialog: Element): { left: number; top: number } | null {
  const scroller = dialog.parentElement!.parentElement!;
  if (scroller.scrollLeft === 0 && scroller.scrollTop === 0) return null;
  return { left: STAGE_OFFSET - scroller.scrollLeft, top: STAGE_OFFSET - scroller.scrollTop };
}

async function settle() {
  await vi.advanceTimersByTimeAsync(0);
  await Promise.resolve();
}

beforeEach(() => {
  vi.useFakeTimers();
  rendered = [];
  getInfo = vi.fn((n: number) => (FIXTURES[n] ? Promise.resolve(FIXTURES[n]) : Promise.reject(new Error('unknown'))));
  popover = createPopover({ getInfo, loadRenderer: async () => renderer, os: 'linux', theme: 'light' });
  popover.attach(document);
});

afterEach(() => {
  popover.detach();
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe('the card host', () => {
  it('is a <div> on <html>, outside <body>, with a closed shadow root the page cannot read', async () => {
    popover.open(anchor(53), 'hover');
    await settle();
    const el = host()!;
    expect(el.localName).toBe('div');
    expect(el.parentElement).toBe(document.documentElement);
    expect(document.body.contains(el)).toBe(false);
    expect(el.shadowRoot).toBeNull();
    expect(rendered.map((r) => r.port)).toEqual([53]);
    const dialog = rendered[0].container;
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.getAttribute('aria-label')).toBe('Port 53');
    expect(popover.openPort).toBe(53);
  });

  it('labels a range card with its range', async () => {
    popover.open({ ...anchor(53), range: { from: 50, to: 60 } }, 'hover');
    await settle();
    expect(rendered[0].container.getAttribute('aria-label')).toBe('Ports 50–60');
  });

  it('prefetch draws the card ahead off view, and opening that anchor shows it without drawing again', async () => {
    const resting = anchor(53);
    popover.prefetch(resting);
    await settle();
    expect(getInfo).toHaveBeenCalledWith(53);
    expect(host()?.parentElement).toBe(document.documentElement);
    expect(rendered.map((r) => r.port)).toEqual([53]);
    expect(rendered[0].container.getAttribute('aria-label')).toBe('Port 53');
    expect(cardPosition(rendered[0].container)).toBeNull();
    expect(popover.openPort).toBeNull();
    popover.open(resting, 'hover');
    // At once, below the port (its rect is 10,10 30×16; the gap is 6 px), with no look-up or render in between.
    expect(cardPosition(rendered[0].container)).toEqual({ left: 10, top: 32 });
    await settle();
    expect(rendered.map((r) => r.port)).toEqual([53]);
    expect(popover.openPort).toBe(53);
    popover.hide();
    expect(host()).toBeNull();
  });

  it('shows a card drawn ahead by scrolling alone: no attribute, style or node of the page or the card changes', async () => {
    // Mid-viewport (happy-dom's is 768 px high), a full-height card (480 px) is cut to the 438 px below the port:
    // that height is given while it is drawn ahead, not in the frame that shows it.
    const resting = anchor(53, new DOMRect(10, 300, 30, 16));
    popover.prefetch(resting);
    await settle();
    expect(host()?.style.getPropertyValue('--pc-max-height')).toBe('438px');
    const dialog = rendered[0].container;
    const changes: MutationRecord[] = [];
    const watcher = new MutationObserver((records) => changes.push(...records));
    const everything = { attributes: true, childList: true, characterData: true, subtree: true };
    watcher.observe(document.documentElement, everything);
    watcher.observe(dialog.getRootNode(), everything);
    popover.open(resting, 'hover');
    await Promise.resolve(); // mutation records are delivered in a microtask
    watcher.disconnect();
    expect(cardPosition(dialog)).not.toBeNull();
    expect(
      changes.map((c) => `${c.type} ${c.attributeName ?? ''} on ${(c.target as Element).className ?? ''}`),
    ).toEqual([]);
  });

  it('a card drawn ahead and not opened leaves the page; another anchor opens its own card', async () => {
    popover.prefetch(anchor(53));
    await settle();
    popover.open(anchor(80), 'hover'); // the pointer went on to another port
    await settle();
    expect(rendered.map((r) => r.port)).toEqual([53, 80]);
    expect(rendered[1].container.textContent).toBe('card for 80');
    popover.hide();
    popover.prefetch(anchor(53));
    await settle();
    expect(host()).not.toBeNull();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(host()).toBeNull();
    expect(popover.openPort).toBeNull();
  });

  it('prefetch while a card shows only looks the port up: the open card stays as it is', async () => {
    popover.open(anchor(53), 'hover');
    await settle();
    popover.prefetch(anchor(80));
    await settle();
    expect(getInfo).toHaveBeenCalledWith(80);
    expect(rendered.map((r) => r.port)).toEqual([53]);
    expect(rendered[0].container.textContent).toBe('card for 53');
    expect(popover.openPort).toBe(53);
  });

  it('opens the range card for a range mention when it can get the range’s data', async () => {
    popover.detach();
    const getRangeInfo = vi.fn((from: number, to: number) => Promise.resolve({ from, to } as RangeInfo));
    popover = createPopover({ getInfo, getRangeInfo, loadRenderer: async () => renderer, os: 'linux', theme: 'light' });
    popover.attach(document);
    popover.open({ ...anchor(53), range: { from: 50, to: 60 } }, 'hover');
    await settle();
    expect(getRangeInfo).toHaveBeenCalledWith(50, 60);
    expect(getInfo).not.toHaveBeenCalled();
    expect(rendered.map((r) => r.range)).toEqual([[50, 60]]);
    popover.open(anchor(80), 'hover');
    await settle();
    expect(rendered.map((r) => r.range ?? r.port)).toEqual([[50, 60], 80]);
  });

  it('tells the card the protocol the page gives the mark, so its check commands are the UDP ones', async () => {
    const markOf = (sentence: string, digits: string) => {
      const p = document.createElement('p');
      p.textContent = sentence;
      document.body.append(p);
      const text = p.firstChild as Text;
      const start = text.data.indexOf(digits);
      return { text, start, end: start + digits.length, port: Number(digits), shown: digits };
    };
    popover.open({ ...anchor(53), mark: markOf('Resolvers answer on 53/udp.', '53') }, 'hover');
    await settle();
    popover.open({ ...anchor(80), mark: markOf('The web server listens on port 80.', '80') }, 'hover');
    await settle();
    expect(rendered.map((r) => [r.port, r.options?.protocol])).toEqual([
      [53, 'udp'],
      [80, undefined],
    ]);
    for (const p of document.querySelectorAll('p')) p.remove();
  });

  it('still works when the page defines its own element named like the old host', async () => {
    customElements.define(
      'portolan-card',
      class extends HTMLElement {
        constructor() {
          super();
          throw new Error('the page claims the name');
        }
      },
    );
    popover.open(anchor(80), 'hover');
    await settle();
    expect(host()).not.toBeNull();
    expect(rendered.map((r) => r.port)).toEqual([80]);
  });

  it('leaves the page once closed, and is reused for the next card', async () => {
    popover.open(anchor(53), 'hover');
    await settle();
    const first = host();
    popover.hide();
    expect(host()).toBeNull();
    popover.open(anchor(80), 'hover');
    await settle();
    expect(host()).toBe(first);
  });
});

describe('pinning', () => {
  it('keeps a pinned card while other cards open and close, each in a host of its own, until it is closed', async () => {
    popover.open(anchor(53), 'hover');
    await settle();
    const first = host()!;
    rendered[0].options!.onPin!();
    expect(first.hasAttribute('data-portolan-pinned')).toBe(true);
    // Pinned, it is painted again without a pin of its own.
    expect(rendered.at(-1)!.options!.onPin).toBeUndefined();
    expect(popover.openPort).toBeNull();
    popover.open(anchor(80), 'hover');
    await settle();
    const hosts = () => [...document.querySelectorAll('[data-portolan-card]')];
    expect(hosts()).toHaveLength(2);
    popover.hide();
    expect(hosts()).toEqual([first]);
    // Closing it from its own close button removes it.
    rendered
      .filter((r) => r.port === 53)
      .at(-1)!
      .options!.onClose();
    expect(hosts()).toEqual([]);
  });

  it('a pinned card stays when the page scrolls or is clicked elsewhere', async () => {
    popover.open(anchor(53), 'hover');
    await settle();
    rendered[0].options!.onPin!();
    document.dispatchEvent(new Event('scroll'));
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(host()?.hasAttribute('data-portolan-pinned')).toBe(true);
  });
});

describe('opening and closing', () => {
  it('keeps a slow answer for an earlier port from replacing the newer card', async () => {
    let release: (info: PortInfo) => void = () => undefined;
    getInfo.mockImplementationOnce(() => new Promise((resolve) => (release = resolve)));
    popover.open(anchor(53), 'hover');
    popover.open(anchor(80), 'hover');
    await settle();
    release(dns53);
    await settle();
    expect(rendered.map((r) => r.port)).toEqual([80]);
    expect(popover.openPort).toBe(80);
  });

  it('opening the anchor already shown does nothing', async () => {
    const a = anchor(53);
    popover.open(a, 'hover');
    await settle();
    popover.open(a, 'hover');
    await settle();
    expect(getInfo).toHaveBeenCalledTimes(1);
  });

  it('says so when the look-up fails', async () => {
    popover.open(anchor(9), 'hover');
    await settle();
    expect(host()).not.toBeNull();
    expect(rendered).toEqual([]);
  });

  it('does not show a card for an anchor that is gone from the page', async () => {
    popover.open({ port: 53, rects: () => [], key: {} }, 'hover');
    await settle();
    expect(host()).toBeNull();
    expect(popover.openPort).toBeNull();
  });

  it('is not closed by events a page script dispatches (only trusted ones count)', async () => {
    popover.open(anchor(53), 'hover');
    await settle();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    document.body.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: 900, clientY: 900 }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(popover.openPort).toBe(53);
  });

  it('refuses numbers that are not ports', async () => {
    popover.open(anchor(70000), 'menu');
    await settle();
    expect(host()).toBeNull();
  });
});
