import { describe, expect, it } from 'vitest';
import { PASTE_MAX_CHARS, scanPaste, sliceEnds } from '../lib/paste-scan';
import { findInPlainText as find } from '../lib/detect';

describe('slices of a paste', () => {
  it('end after a line break, or a space in a long line, or at the limit in one endless word', () => {
    const lines = 'port 1111\n'.repeat(10); // 100 characters
    expect(sliceEnds(lines, 32)).toEqual([30, 60, 90, 100]);
    expect(sliceEnds('word '.repeat(20), 32)).toEqual([30, 60, 90, 100]);
    expect(sliceEnds('x'.repeat(70), 32)).toEqual([32, 64, 70]);
    expect(sliceEnds('', 32)).toEqual([]);
  });
});

describe('scanning a paste', () => {
  it('sees a port whose context sits at the end of the previous slice', async () => {
    // "port" ends one slice (a long line is cut at a space), its number starts the next.
    const text = `${'filler '.repeat(6)}port 8443 and more`;
    const ends = sliceEnds(text, 48);
    expect(text.slice(0, ends[0]).trimEnd().endsWith('port')).toBe(true);
    const done = await scanPaste(text, { find, sliceChars: 48, pause: async () => undefined });
    expect(done!.found.map((f) => f.port)).toEqual([8443]);
  });

  it('reports the first slice, then no more often than asked, then the end', async () => {
    let clock = 0;
    const reports: number[] = [];
    const text = 'port 1000\n'.repeat(100);
    await scanPaste(text, {
      find,
      sliceChars: 100,
      pause: async () => {
        clock += 40; // each slice "takes" 40 ms
      },
      now: () => clock,
      reportEveryMs: 100,
      onProgress: (progress) => reports.push(progress.read),
    });
    expect(reports[0]).toBe(100);
    expect(reports.at(-1)).toBe(text.length);
    expect(reports.length).toBeLessThan(10 / 2);
    expect(reports.length).toBeGreaterThan(2);
  });

  it('stops when a newer paste takes over, and reads at most PASTE_MAX_CHARS', async () => {
    let slices = 0;
    const cancelled = await scanPaste('port 22\n'.repeat(50), {
      sliceChars: 40,
      pause: async () => undefined,
      find: () => (slices++, []),
      isCancelled: () => slices >= 2,
    });
    expect(cancelled).toBeNull();
    expect(slices).toBe(2);
    const huge = await scanPaste('x'.repeat(PASTE_MAX_CHARS + 10), { pause: async () => undefined, find: () => [] });
    expect(huge).toMatchObject({ read: PASTE_MAX_CHARS, total: PASTE_MAX_CHARS, truncated: true });
  });
});
