// Detection over pasted text in slices, so a 1 MB paste never holds the popup's main thread for long: each
// slice ends at a line break, detection sees the end of the previous slice as context, and the caller's
// `pause` gives the UI a turn between slices. Pure: the finder and the pause come in as arguments (the popup
// loads the detector apart from its first answer, ui/popup/PastePanel.tsx).
import { createPortTally, lineAround, type FoundPort } from './port-list';
import type { PortMatch } from './types';

/** About this much text is read per slice: a few milliseconds of detection on dense socket output. */
export const PASTE_SLICE_CHARS = 16 * 1024;
/** More than this is not read; the reader is told. */
export const PASTE_MAX_CHARS = 4 * 1024 * 1024;
/** Context handed to the finder from before a slice's start. */
const BEFORE_CHARS = 64;

export type Finder = (text: string, before: string) => PortMatch[];

export interface PasteScanProgress {
  /** Characters read so far. */
  read: number;
  /** Characters that will be read in all (at most PASTE_MAX_CHARS). */
  total: number;
  /** Whether the paste was longer than PASTE_MAX_CHARS. */
  truncated: boolean;
  found: FoundPort[];
}

/**
 * Where slices end: after the last line break before each `sliceChars` boundary, or after the last space
 * when a line is longer than a slice, or at the boundary itself in one endless word.
 */
export function sliceEnds(text: string, sliceChars = PASTE_SLICE_CHARS): number[] {
  const ends: number[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + sliceChars);
    if (end < text.length) {
      const lineBreak = text.lastIndexOf('\n', end - 1);
      const space = text.lastIndexOf(' ', end - 1);
      if (lineBreak >= start + (sliceChars >> 2)) end = lineBreak + 1;
      else if (space >= start + (sliceChars >> 2)) end = space + 1;
    }
    ends.push(end);
    start = end;
  }
  return ends;
}

/**
 * Scans the text slice by slice; `onProgress` sees the running tally after the first slice, then at most
 * every `reportEveryMs` (drawing the list costs more than a slice), and after the last. Stops early (and
 * resolves null) when `isCancelled` says a newer paste took over.
 */
export async function scanPaste(
  pasted: string,
  options: {
    find: Finder;
    sliceChars?: number;
    pause: () => Promise<void>;
    onProgress?: (progress: PasteScanProgress) => void;
    reportEveryMs?: number;
    now?: () => number;
    isCancelled?: () => boolean;
  },
): Promise<PasteScanProgress | null> {
  const { find, pause, onProgress, reportEveryMs = 0, now = Date.now, isCancelled = () => false } = options;
  const truncated = pasted.length > PASTE_MAX_CHARS;
  const text = truncated ? pasted.slice(0, PASTE_MAX_CHARS) : pasted;
  const tally = createPortTally();
  let start = 0;
  let reported = Number.NEGATIVE_INFINITY;
  const ends = sliceEnds(text, options.sliceChars);
  for (const end of ends) {
    // A pause before the first slice too: the paste event returns at once and "Reading…" is painted.
    await pause();
    if (isCancelled()) return null;
    const offset = start;
    const matches = find(text.slice(start, end), text.slice(Math.max(0, start - BEFORE_CHARS), start));
    tally.addMatches(matches, (match) => lineAround(text, offset + match.start, offset + match.end));
    start = end;
    if (onProgress && (end === text.length || now() - reported >= reportEveryMs)) {
      reported = now();
      onProgress({ read: end, total: text.length, truncated, found: tally.found() });
    }
  }
  const done = { read: text.length, total: text.length, truncated, found: tally.found() };
  // An empty paste has no slice to report after.
  if (ends.length === 0) onProgress?.(done);
  return done;
}
