// Port detection: find the port numbers in a piece of text, judged by context, never by the number alone.
// The scanner (scanner.ts) reads each digit run once and asks the rules (keywords.ts, addresses.ts,
// protocols.ts, structure.ts) whether its context says "port"; the words and commands they know are data
// (vocabulary.ts, commands.ts). docs/detection.md has the rules, their ids, the corpus and the figures.

import type { PortMatch, Protocol, TextContext } from '../types';
import { serviceNameMatches } from './addresses';
import { inferredProtocol } from './protocols';
import { REFUSAL_TEXT } from './reasons';
import { type ScanOptions, scan } from './scanner';

export interface FindPortsOptions {
  /**
   * Text that comes just before `text` on the page (e.g. the previous ~64 characters of the same block), so
   * that `port <b>8080</b>` is found when the content script sees `8080` as its own text node. It is only read
   * as context; no match is ever reported inside it.
   */
  before?: string;
  /** Text that comes just after `text` in its block (`<code>21116</code> UDP`): only read, never marked. */
  after?: string;
  /** What the page's structure says about `text` (table column, list lead-in, heading, `<dt>`). */
  context?: TextContext;
}

export interface PageContextOptions extends FindPortsOptions {
  /** Ports already found with strong context elsewhere on the same page (e.g. by a first `findPorts` pass). */
  pagePorts: ReadonlySet<number>;
}

/**
 * Finds the ports in `text`: in text order, non-overlapping; `text.slice(start, end)` is exactly the digits, or the
 * service name of a socket address (`*:http-alt`, rule `service-name`) whose port `port` is.
 */
export function findPorts(text: string, options?: FindPortsOptions): PortMatch[] {
  return withServiceNames(text, options?.before, scan(text, inferring(options, null)));
}

/**
 * The scan's options for a caller's, with the protocol inferred from context: built field by field, as a spread
 * (`{ ...options, infer }`) cost 1–2 µs a call, a sixth to a third of the scan of a 300-character piece of prose.
 */
function inferring(options: FindPortsOptions | undefined, pagePorts: ReadonlySet<number> | null): ScanOptions {
  return {
    before: options?.before,
    after: options?.after,
    context: options?.context,
    pagePorts,
    infer: inferredProtocol,
  };
}

/** Adds the service names of socket addresses (`*:http-alt`, rule `service-name`) to the scanner's matches, in text order. */
function withServiceNames(text: string, before: string | undefined, found: PortMatch[]): PortMatch[] {
  const names = serviceNameMatches(text, before);
  return names.length ? [...found, ...names].sort((a, b) => a.start - b.start) : found;
}

/** `findPorts` over a piece of plain text with the text just before it as context (a pasted text's slices). */
export function findInPlainText(text: string, before: string): PortMatch[] {
  return findPorts(text, before ? { before } : undefined);
}

/**
 * Like `findPorts`, and also marks a bare number (at least three digits, no negative signal around it) when
 * that number is already a port elsewhere on the page: `grep 3716` or `happens to use 3590` on a page about
 * port 3716 or 3590. Years after words like "in"/"since", model numbers after a brand, and RFC/ISO style
 * identifiers are still refused.
 */
export function findPortsWithPageContext(text: string, options: PageContextOptions): PortMatch[] {
  return withServiceNames(text, options.before, scan(text, inferring(options, options.pagePorts)));
}

/** Page context applies while a page has named at most this many different ports. */
export const PAGE_CONTEXT_MAX_PORTS = 16;

/**
 * A finder for one page, fed its text in reading order: it remembers the ports found so far, so a later bare
 * mention of one is a port too ("If 3716 is taken…" after "port 3716"). On a page that has named more than
 * PAGE_CONTEXT_MAX_PORTS ports (a log, a table) it stops: there, a PID or a counter equal to some port is too likely.
 * Its matches carry only a protocol written on the port (`53/udp`): what the context says is read by
 * `protocolOfMention` for the one port a card opens on, so the content script neither runs nor ships that rule.
 */
export function createPageFinder(): (
  text: string,
  before?: string,
  context?: TextContext,
  after?: string,
) => PortMatch[] {
  const pagePorts = new Set<number>();
  return (text, before, context, after) => {
    const found = withServiceNames(
      text,
      before,
      scan(text, { before, after, context, pagePorts: pagePorts.size <= PAGE_CONTEXT_MAX_PORTS ? pagePorts : null }),
    );
    for (const match of found) pagePorts.add(match.port);
    return found;
  };
}

/**
 * The protocol the text says the port at `start` has (`findPorts`' answer for it), or undefined. With `pagePorts`,
 * a mention that only page context made a port (`Forward 5140 over UDP too.`) is read as well.
 */
export function protocolOfMention(
  text: string,
  start: number,
  options?: FindPortsOptions & { pagePorts?: ReadonlySet<number> },
): Protocol | undefined {
  const found = options?.pagePorts
    ? findPortsWithPageContext(text, { ...options, pagePorts: options.pagePorts })
    : findPorts(text, options);
  return found.find((match) => match.start === start)?.protocol;
}

/**
 * explain mode (scripts/explain.ts): every digit run of `text` with the rule that took it or the reason it was
 * refused, in text order.
 */
export function explainPorts(
  text: string,
  options?: FindPortsOptions,
): { start: number; end: number; match?: PortMatch; reason?: string }[] {
  const refused: { start: number; end: number; reason: string }[] = [];
  const found = scan(text, {
    ...options,
    pagePorts: null,
    infer: inferredProtocol,
    trace: (start, end, why) => refused.push({ start, end, reason: REFUSAL_TEXT[why] }),
  });
  const all: { start: number; end: number; match?: PortMatch; reason?: string }[] = [
    ...found.map((match) => ({ start: match.start, end: match.end, match })),
    ...refused,
  ];
  return all.sort((a, b) => a.start - b.start);
}
