// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPopover, portOfElement, type Popover } from '../page/popover';
import { cardRenderer } from '../ui/card-renderer';
import type { PortInfo } from '../lib/types';
import { dns53, http80, story3716 } from './fixtures/port-info';

const FIXTURES: Record<number, PortInfo> = { 53: dns53, 80: http80, 3716: story3716 };

let popover: Popover;
let getInfo: ReturnType<typeof vi.fn<(port: number) => Promise<PortInfo>>>;

function port(text: string, attribute = text): HTMLElement {
  const el = document.createElement('portolan-port');
  el.setAttribute('data-portolan-port', attribute);
  el.setAttribute('tabindex', '0');
  el.textContent = text;
  const p = document.createElement('p');
  p.append('listen on port ', el, ' please');
  document.body.append(p);
  return el;
}

function cards(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('portolan-card')];
}

function dialog(): HTMLElement | null {
  return cards()[0]?.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]') ?? null;
}

function hover(el: Element, from: Element | null = document.body) {
  el.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true, relatedTarget: from }));
}

function unhover(el: Element, to: Element | null = document.body) {
  el.dispatchEvent(new PointerEvent('pointerout', { bubbles: true, composed: true, relatedTarget: to }));
}

/** Lets the look-up promise settle and Preact render. */
async function settle() {
  await vi.advanceTimersByTimeAsync(0);
  await Promise.resolve();
}

beforeEach(() => {
  vi.useFakeTimers();
  getInfo = vi.fn((n: number) => (FIXTURES[n] ? Promise.resolve(FIXTURES[n]) : Promise.reject(new Error('unknown'))));
  popover = createPopover({ getInfo, loadRenderer: async () => cardRenderer, hoverDelayMs: 300, os: 'linux', theme: 'light' });
  popover.attach(document);
});

afterEach(() => {
  popover.detach();
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe('popover on hover', () => {
  it('shows the card only after the hover delay, as a labelled dialog in an open shadow root', async () => {
    const el = port('53');
    hover(el);
    await vi.advanceTimersByTimeAsync(250);
    expect(cards()).toHaveLength(0);
    expect(getInfo).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60);
    await settle();
    expect(getInfo).toHaveBeenCalledWith(53);
    const host = cards()[0];
    expect(host.parentElement).toBe(document.documentElement);
    expect(host.shadowRoot?.mode).toBe('open');
    expect(dialog()?.getAttribute('aria-label')).toBe('Port 53');
    expect(dialog()?.textContent).toContain('Domain Name Server');
    expect(host.style.getPropertyValue('position')).toBe('fixed');
    expect(host.style.getPropertyPriority('position')).toBe('important');
    expect(host.style.getPropertyValue('z-index')).toBe('2147483647');
    expect(popover.openPort).toBe(53);
  });

  it('does not open when the pointer leaves before the delay', async () => {
    const el = port('53');
    hover(el);
    await vi.advanceTimersByTimeAsync(200);
    unhover(el);
    await vi.advanceTimersByTimeAsync(500);
    expect(cards()).toHaveLength(0);
    expect(getInfo).not.toHaveBeenCalled();
  });

  it('shows one card at a time', async () => {
    const a = port('53');
    const b = port('80');
    hover(a);
    await vi.advanceTimersByTimeAsync(300);
    await settle();
    unhover(a, b);
    hover(b, a);
    await vi.advanceTimersByTimeAsync(300);
    await settle();
    expect(cards()).toHaveLength(1);
    expect(dialog()?.getAttribute('aria-label')).toBe('Port 80');
    expect(dialog()?.textContent).toContain('www-http');
  });

  it('stays while the pointer moves into the card and closes after it leaves both', async () => {
    const el = port('53');
    hover(el);
    await vi.advanceTimersByTimeAsync(300);
    await settle();
    const host = cards()[0];
    const inside = dialog()!.querySelector('.pc-title')!;
    unhover(el, host);
    inside.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true, relatedTarget: el }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(cards()).toHaveLength(1);
    inside.dispatchEvent(new PointerEvent('pointerout', { bubbles: true, composed: true, relatedTarget: document.body }));
    await vi.advanceTimersByTimeAsync(200);
    expect(cards()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(150);
    expect(cards()).toHaveLength(0);
  });

  it('keeps a slow answer for an earlier port from replacing the newer card', async () => {
    let release53!: (info: PortInfo) => void;
    getInfo.mockImplementation((n) => (n === 53 ? new Promise((resolve) => (release53 = resolve)) : Promise.resolve(FIXTURES[n])));
    const a = port('53');
    const b = port('80');
    a.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    b.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    await settle();
    release53(dns53);
    await settle();
    expect(dialog()?.getAttribute('aria-label')).toBe('Port 80');
    expect(dialog()?.textContent).toContain('www-http');
    expect(dialog()?.textContent).not.toContain('Domain Name Server');
  });

  it('says so when the look-up fails, and shows a loading line when it is slow', async () => {
    getInfo.mockImplementation(() => new Promise(() => {}));
    const el = port('53');
    el.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    await vi.advanceTimersByTimeAsync(200);
    expect(dialog()?.textContent).toBe('Looking up port 53…');
    popover.hide();
    const unknown = port('4');
    getInfo.mockImplementation(() => Promise.reject(new Error('background restarting')));
    unknown.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    await settle();
    expect(dialog()?.querySelector('[role="alert"]')?.textContent).toContain('Could not look up port 4');
  });
});

describe('popover closing', () => {
  async function openByFocus(el: HTMLElement) {
    el.focus();
    await settle();
    expect(cards()).toHaveLength(1);
  }

  it('opens on keyboard focus at once, and Esc closes it and returns focus to the port', async () => {
    const el = port('53');
    await openByFocus(el);
    // Move into the card, as a keyboard user would, then press Esc there.
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    const focusedInCard = cards()[0].shadowRoot!.activeElement;
    expect(focusedInCard?.tagName).toBe('BUTTON');
    focusedInCard!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await settle();
    expect(cards()).toHaveLength(0);
    expect(document.activeElement).toBe(el);
    // Giving focus back must not reopen the card.
    await vi.advanceTimersByTimeAsync(500);
    expect(cards()).toHaveLength(0);
  });

  it('closes on a click outside, but not on a click inside', async () => {
    const el = port('53');
    await openByFocus(el);
    dialog()!.querySelector('.pc-title')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    expect(cards()).toHaveLength(1);
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    expect(cards()).toHaveLength(0);
  });

  it('closes when the port scrolls out of view, and when focus moves elsewhere', async () => {
    const el = port('53');
    await openByFocus(el);
    document.dispatchEvent(new Event('scroll'));
    expect(cards()).toHaveLength(1); // still in view (happy-dom puts it at 0,0)
    el.getBoundingClientRect = () => new DOMRect(10, -200, 20, 16);
    document.dispatchEvent(new Event('scroll'));
    expect(cards()).toHaveLength(0);

    const other = document.createElement('button');
    document.body.append(other);
    const second = port('80');
    await openByFocus(second);
    other.focus();
    expect(cards()).toHaveLength(0);
  });

  it('closes from the card\'s close button', async () => {
    const el = port('53');
    await openByFocus(el);
    const close = cards()[0].shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Close"]')!;
    close.click();
    expect(cards()).toHaveLength(0);
  });

  it('detach removes the card and stops listening', async () => {
    const el = port('53');
    await openByFocus(el);
    popover.detach();
    expect(cards()).toHaveLength(0);
    hover(el);
    el.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(cards()).toHaveLength(0);
  });
});

describe('popover reads the port from the text', () => {
  it('uses the number the reader sees and ignores wrappers whose attribute disagrees', async () => {
    const forged = port('80', '53');
    forged.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    hover(forged);
    await vi.advanceTimersByTimeAsync(1000);
    expect(getInfo).not.toHaveBeenCalled();
    expect(cards()).toHaveLength(0);
  });

  it('ignores wrappers whose text is not a port number', () => {
    const make = (text: string, attribute: string) => {
      const el = document.createElement('portolan-port');
      el.setAttribute('data-portolan-port', attribute);
      el.textContent = text;
      return el;
    };
    expect(portOfElement(make('8080', '8080'))).toBe(8080);
    expect(portOfElement(make('0', '0'))).toBe(0);
    expect(portOfElement(make('65535', '65535'))).toBe(65535);
    expect(portOfElement(make('65536', '65536'))).toBeNull();
    expect(portOfElement(make(' 80', '80'))).toBeNull();
    expect(portOfElement(make('80a', '80'))).toBeNull();
    expect(portOfElement(make('', '80'))).toBeNull();
    expect(portOfElement(make('80', '080x'))).toBeNull();
  });

  it('finds ports inside an open shadow root of the page', async () => {
    const shadowHost = document.createElement('div');
    document.body.append(shadowHost);
    const root = shadowHost.attachShadow({ mode: 'open' });
    const el = document.createElement('portolan-port');
    el.setAttribute('data-portolan-port', '3716');
    el.textContent = '3716';
    root.append(el);
    hover(el);
    await vi.advanceTimersByTimeAsync(300);
    await settle();
    expect(getInfo).toHaveBeenCalledWith(3716);
    expect(dialog()?.textContent).toContain('wv-csp-sms-cir');
  });
});

describe('one card host, placed with one measurement', () => {
  it('reuses one <portolan-card> for every show and takes it out of the page while closed', async () => {
    const a = port('53');
    const b = port('80');
    a.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    await settle();
    const host = cards()[0];
    b.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    await settle();
    expect(cards()).toEqual([host]);
    expect(dialog()?.getAttribute('aria-label')).toBe('Port 80');
    expect(dialog()?.textContent).not.toContain('Domain Name Server');
    popover.hide();
    expect(cards()).toHaveLength(0);
    expect(host.style.getPropertyValue('visibility')).toBe('hidden');
    a.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    await settle();
    expect(cards()).toEqual([host]);
    expect(host.shadowRoot!.querySelectorAll('[role="dialog"]')).toHaveLength(1);
    expect(dialog()?.textContent).toContain('Domain Name Server');
  });

  it('is a relayout boundary: a 0×0 host with size and layout containment', async () => {
    port('53').dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    await settle();
    const host = cards()[0];
    expect(host.style.getPropertyValue('contain')).toBe('size layout style');
    expect(host.style.getPropertyValue('width')).toBe('0px');
    expect(host.style.getPropertyValue('height')).toBe('0px');
  });

  it('measures the card once per content, flips it above a port near the bottom, and re-places on scroll without measuring', async () => {
    const measured = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      if (this.getAttribute('role') === 'dialog') return new DOMRect(0, 0, 300, 200);
      if (this.localName === 'portolan-port') return new DOMRect(100, window.innerHeight - 40, 30, 16);
      return new DOMRect(0, 0, 0, 0);
    });
    try {
      const el = port('53');
      el.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
      await settle();
      const dialogReads = () => measured.mock.contexts.filter((el) => (el as Element).getAttribute('role') === 'dialog').length;
      expect(dialogReads()).toBe(1);
      const host = cards()[0];
      expect(host.dataset.placement).toBe('above');
      expect(host.style.getPropertyValue('top')).toBe(`${window.innerHeight - 40 - 6 - 200}px`);
      expect(host.style.getPropertyValue('left')).toBe('100px');
      document.dispatchEvent(new Event('scroll'));
      expect(cards()).toHaveLength(1);
      expect(dialogReads()).toBe(1);
    } finally {
      measured.mockRestore();
    }
  });
});

describe('showFor (context menu)', () => {
  it('opens at once at the given place, and closes on scroll', async () => {
    popover.showFor(3716, new DOMRect(100, 100, 40, 16));
    await settle();
    expect(dialog()?.getAttribute('aria-label')).toBe('Port 3716');
    expect(cards()[0].style.getPropertyValue('top')).toBe('122px');
    expect(cards()[0].style.getPropertyValue('left')).toBe('100px');
    document.dispatchEvent(new Event('scroll'));
    expect(cards()).toHaveLength(0);
  });

  it('refuses numbers that are not ports', async () => {
    popover.showFor(70000, new DOMRect(0, 0, 0, 0));
    await settle();
    expect(cards()).toHaveLength(0);
  });
});

describe('only wrappers the annotator made open a card', () => {
  it('ignores a look-alike element the page made, when the annotator does not vouch for it', async () => {
    popover.detach();
    const ours = port('53');
    const forged = port('80');
    popover = createPopover({
      getInfo,
      loadRenderer: async () => cardRenderer,
      hoverDelayMs: 0,
      portOf: (el) => (el === ours ? portOfElement(el) : null),
    });
    popover.attach(document);
    hover(forged);
    await vi.advanceTimersByTimeAsync(10);
    await settle();
    expect(cards()).toHaveLength(0);
    hover(ours, forged);
    await vi.advanceTimersByTimeAsync(10);
    await settle();
    expect(getInfo).toHaveBeenCalledWith(53);
    expect(getInfo).not.toHaveBeenCalledWith(80);
  });
});
