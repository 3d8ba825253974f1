// The list of ports found in a body of text or on a page: one row per port (or per range mention), with what
// is known about it and how often it was mentioned. Pure: the caller supplies the look-up (`Describe`).
import type { PortCount } from './port-list-messages';
import type { SearchAnswer } from './search';
import { PROTOCOLS, type PortMatch, type Protocol } from './types';

/** What the registry and curated data say about a port or range, as far as a list row needs it. */
export interface PortFacts {
  /** IANA service name(s), e.g. "postgresql"; null when unassigned or unknown. */
  service: string | null;
  /** IANA's description of the first service. */
  description: string | null;
  /** The software most likely listening there (the top curated common use); not an IANA fact. */
  software: string | null;
}

/** Looks a port (or an inclusive range, `portEnd > port`) up, optionally on one protocol. */
export type Describe = (port: number, portEnd: number, protocol: Protocol | undefined) => PortFacts;

/** One port, or one range, seen `mentions` times. */
export interface FoundPort {
  port: number;
  /** === port for a single port. */
  portEnd: number;
  /** Protocols the text named beside it (`53/udp`), in PROTOCOLS order; empty when it never said. */
  protocols: Protocol[];
  mentions: number;
  /** The line of the first mention, when the list was made from text (see lineAround). */
  excerpt?: string;
}

export interface PortListRow extends FoundPort, PortFacts {
  /** Stable and unique within one list: "5432" or "30000-32767". */
  key: string;
}

export function foundKey(port: number, portEnd: number): string {
  return portEnd > port ? `${port}-${portEnd}` : String(port);
}

export interface PortTally {
  /** Counts detection matches; a range mention (both ends carry `range`) counts once, as the range. */
  addMatches(matches: readonly PortMatch[], excerptOf?: (match: PortMatch) => string): void;
  add(port: number, portEnd: number, mentions: number, protocol?: Protocol): FoundPort;
  readonly size: number;
  /** Found ports by number (a range after the single port it starts at). */
  found(): FoundPort[];
}

export function createPortTally(): PortTally {
  const byKey = new Map<string, FoundPort>();
  const add = (port: number, portEnd: number, mentions: number, protocol?: Protocol) => {
    const key = foundKey(port, portEnd);
    let found = byKey.get(key);
    if (!found) {
      found = { port, portEnd, protocols: [], mentions: 0 };
      byKey.set(key, found);
    }
    found.mentions += mentions;
    if (protocol && !found.protocols.includes(protocol)) {
      found.protocols.push(protocol);
      found.protocols.sort((a, b) => PROTOCOLS.indexOf(a) - PROTOCOLS.indexOf(b));
    }
    return found;
  };
  return {
    add,
    addMatches(matches, excerptOf) {
      let previous: PortMatch | undefined;
      for (const match of matches) {
        const range = match.range && match.range.to > match.range.from ? match.range : null;
        // The two ends of one range mention (they come one after the other) are one mention of the range.
        const otherEnd =
          range &&
          previous?.range?.from === range.from &&
          previous.range.to === range.to &&
          previous.port !== match.port;
        // A pair closed here: the next end of the same range opens a new mention.
        previous = otherEnd ? undefined : match;
        if (otherEnd) continue;
        const found = add(range ? range.from : match.port, range ? range.to : match.port, 1, match.protocol);
        if (excerptOf && found.excerpt === undefined) found.excerpt = excerptOf(match);
      }
    },
    get size() {
      return byKey.size;
    },
    found: () => [...byKey.values()].sort((a, b) => a.port - b.port || a.portEnd - b.portEnd),
  };
}

/**
 * A look-up through the popup's search: the IANA names the registry holds for exactly this port (or this
 * range record), and the first curated software the search names for a port. Several services on one
 * port (465: urd and submissions) are all named.
 */
export function describeBySearch(search: (query: string, limit?: number) => SearchAnswer): Describe {
  return (port, portEnd, protocol) => {
    const query = `${port}${portEnd > port ? `-${portEnd}` : ''}${protocol ? `/${protocol}` : ''}`;
    const { results } = search(query, 16);
    const exact = results.filter(
      (r) => r.port === port && r.portEnd === portEnd && r.status !== 'unassigned' && r.name,
    );
    const names = [...new Set(exact.map((r) => r.name as string))];
    return {
      service: names.length > 0 ? names.join(', ') : null,
      description: exact.find((r) => r.description)?.description ?? null,
      software: portEnd === port ? (results[0]?.usedBy?.[0] ?? null) : null,
    };
  };
}

/** Rows for found ports, in port order; the look-up is asked once per row. */
export function portListRows(found: readonly FoundPort[], describe: Describe): PortListRow[] {
  return found.map((entry) => ({
    ...entry,
    protocols: [...entry.protocols],
    key: foundKey(entry.port, entry.portEnd),
    // One named protocol narrows the look-up (53/udp is domain on udp); several or none ask about all.
    ...describe(entry.port, entry.portEnd, entry.protocols.length === 1 ? entry.protocols[0] : undefined),
  }));
}

/** The row's port as text: "5432", or "30000–32767" for a range. */
export function rowPortText(row: Pick<FoundPort, 'port' | 'portEnd'>, dash = '\u2013'): string {
  return row.portEnd > row.port ? `${row.port}${dash}${row.portEnd}` : String(row.port);
}

/** One frame's answer to `portolan/page-ports`. */
export interface FrameInventory {
  frameId: number;
  ports: readonly PortCount[];
}

/** What the frames of a tab answered. */
export interface PageInventory {
  frames: FrameInventory[];
  /** Every frame that answered has finished scanning. */
  done: boolean;
}

/** Where each port's mentions are: frames in the order given (the top frame first), with their counts. */
export type MentionPlaces = ReadonlyMap<number, readonly { frameId: number; count: number }[]>;

/** Merges the frames' answers into one list, remembering which frame holds which mentions. */
export function mergeFrames(frames: readonly FrameInventory[]): { found: FoundPort[]; places: MentionPlaces } {
  const tally = createPortTally();
  const places = new Map<number, { frameId: number; count: number }[]>();
  for (const frame of frames) {
    for (const { port, count } of frame.ports) {
      tally.add(port, port, count);
      const list = places.get(port) ?? [];
      list.push({ frameId: frame.frameId, count });
      places.set(port, list);
    }
  }
  return { found: tally.found(), places };
}

/**
 * The frame and the index within that frame of the port's `nth` mention across all frames; `nth` wraps
 * around, so clicking on and on cycles through every mention. Null when the port was not found.
 */
export function locateMention(
  places: MentionPlaces,
  port: number,
  nth: number,
): { frameId: number; index: number } | null {
  const list = places.get(port) ?? [];
  const total = list.reduce((sum, place) => sum + place.count, 0);
  if (total === 0) return null;
  let index = ((nth % total) + total) % total;
  for (const place of list) {
    if (index < place.count) return { frameId: place.frameId, index };
    index -= place.count;
  }
  return null;
}

/** Characters of a line shown around a mention. */
export const EXCERPT_CHARS = 96;

/** The line holding text[start, end), cut to about EXCERPT_CHARS around the mention, spaces collapsed. */
export function lineAround(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEndAt = text.indexOf('\n', end);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
  // The whole line when it fits; otherwise a window with the mention about in its middle.
  const from = Math.max(lineStart, Math.min(start - ((EXCERPT_CHARS - (end - start)) >> 1), lineEnd - EXCERPT_CHARS));
  const to = Math.min(lineEnd, from + EXCERPT_CHARS);
  const cut = text
    .slice(from, to)
    .replace(/[ \t]+/g, ' ')
    .trim();
  return `${from > lineStart ? '\u2026' : ''}${cut}${to < lineEnd ? '\u2026' : ''}`;
}

// Bidi embeddings, overrides and isolates, marks (LRM, RLM, ALM): they reorder or hide what follows them.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// C0 controls but tab and line feed, DEL, and C1 controls.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text from outside (a paste, a page) as it may be shown: control characters become visible symbols
 * (U+2400 Control Pictures; "⟨U+202E⟩" for bidi controls) so none can reorder, hide or fake what is shown.
 */
export function visibleText(text: string): string {
  return text
    .replace(BIDI_CONTROLS, (c) => `\u27e8U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}\u27e9`)
    .replace(CONTROLS, (c) => {
      const code = c.charCodeAt(0);
      if (code < 0x20) return String.fromCharCode(0x2400 + code);
      return code === 0x7f ? '\u2421' : '\ufffd';
    });
}
