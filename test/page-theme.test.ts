// @vitest-environment happy-dom
// "Auto" takes the page's look where the card opens: the computed background, walked up through transparent
// layers and out of shadow roots; the OS only where the page's background cannot be read.
import { afterEach, describe, expect, it } from 'vitest';
import { canvasColor, pageBackgroundAt, pageTheme } from '../page/page-theme';

afterEach(() => {
  document.documentElement.removeAttribute('style');
  document.body.removeAttribute('style');
  document.body.replaceChildren();
});

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.getElementById('port')!;
}

describe('pageTheme', () => {
  it('takes dark from a dark body even when the OS prefers light', () => {
    document.body.style.backgroundColor = '#0d1117';
    const port = page('<main><p><span id="port">5432</span></p></main>');
    expect(pageTheme('auto', port, false)).toBe('dark');
  });

  it('takes light from a page that paints nothing (the canvas is white) even when the OS prefers dark', () => {
    const port = page('<p><span id="port">5432</span></p>');
    expect(pageTheme('auto', port, true)).toBe('light');
  });

  it('stops at the nearest opaque background: a light panel on a dark page is light', () => {
    document.body.style.backgroundColor = 'rgb(20, 20, 20)';
    const port = page(
      '<div style="background-color: #fafafa"><div style="background-color: transparent"><span id="port">80</span></div></div>',
    );
    expect(pageTheme('auto', port, true)).toBe('light');
  });

  it('composes translucent layers over what is beneath them', () => {
    document.body.style.backgroundColor = '#101010';
    const port = page('<div style="background-color: rgba(255, 255, 255, 0.08)"><span id="port">80</span></div>');
    const color = pageBackgroundAt(port, canvasColor(document, false))!;
    expect(color.r).toBeCloseTo(0.08 * 255 + 0.92 * 16, 0);
    expect(pageTheme('auto', port, false)).toBe('dark');
  });

  // happy-dom has no assignedSlot: the slotted case is in test/e2e/card-look.test.ts, in Chromium.
  it('walks out of a shadow root to its host', () => {
    document.body.innerHTML = '<div style="background-color: #222"><x-box></x-box></div>';
    const box = document.querySelector('x-box')!;
    const shadow = box.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<section><b id="inner">22</b></section>';
    expect(pageTheme('auto', shadow.getElementById('inner'), false)).toBe('dark');
  });

  it('falls back to the OS where the page’s background cannot be read (a gradient behind the text)', () => {
    const port = page('<div style="background-image: linear-gradient(#000, #333)"><span id="port">8080</span></div>');
    expect(pageTheme('auto', port, true)).toBe('dark');
    expect(pageTheme('auto', port, false)).toBe('light');
    expect(pageTheme('auto', null, true)).toBe('dark');
  });

  it('keeps an explicit setting whatever the page looks like', () => {
    document.body.style.backgroundColor = '#000';
    const port = page('<span id="port">53</span>');
    expect(pageTheme('light', port, true)).toBe('light');
    expect(pageTheme('dark', port, false)).toBe('dark');
  });
});
