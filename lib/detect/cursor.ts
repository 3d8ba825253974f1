// A cursor over the text: character classes by charCode (the hot path never builds strings), the scanner's
// state, and the small moves every rule makes (the word before, the line's start, the shell segment).

import type { PortMatch, Protocol, TextContext } from '../types';
import type { Refusal, Rule } from './reasons';

// How a port was accepted decides what may follow it (a list, a range, a docker mapping) and how strict the
// negative checks are: a flag or config key is trusted with `22:22`, a list-taking one with `80,443`; prose
// with neither.
export const Kind = {
  Prose: 1, // "port 8080", "Puerto 8080"
  Key: 2, // flags, config keys, EXPOSE, host:port, /tcp: machine syntax
  Expose: 3, // Dockerfile EXPOSE: space-separated list
  KeyList: 4, // flags and plural keys that take comma lists: -p 22,80,443, --dports 80,443, web_ports: 80,443
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];
export const MAX_RUN_LENGTH = 5;
export const MAX_KEYWORD_LENGTH = 40;
export const KEYWORD_WINDOW = 72;
export const HOST_WINDOW = 96;
export const LINE_WINDOW = 200;

// Char classes as charCodes, so the hot path never builds strings.
export const C_0 = 48;
export const C_9 = 57;
export const isDigit = (c: number) => c >= C_0 && c <= C_9;
export const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
export const isAsciiWordChar = (c: number) => isAsciiLetter(c) || c === 95; // letters and '_'
// Invisible format characters (zero-width space/joiners, word joiner, BOM) read as nothing, so they count as space.
export const isInvisible = (c: number) => (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
export const isSpace = (c: number) =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 160 || c === 0x3000 || isInvisible(c);
export const isLineSpace = (c: number) => c === 32 || c === 9 || c === 160;
export const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

// Characters allowed between a keyword and its number: `port: 80`, `port = "80"`, `(port 80)`, `ポート：8080`.
export function isGapPunct(c: number): boolean {
  switch (c) {
    case 58: // :
    case 61: // =
    case 40: // (
    case 34: // "
    case 39: // '
    case 96: // `
    case 123: // {
    case 91: // [
    case 62: // >
    case 0xff1a: // ：
    case 0xff08: // （
    case 0xff1d: // ＝
    case 0x2013: // –
    case 0x2014: // —
    case 0x201c: // “
    case 0x00ab: // «
      return true;
    default:
      return false;
  }
}

// Characters that make up a word when reading a keyword backwards: ASCII word chars, digits, `.-_` (for
// `server.port`, `--dport`, `DB_PORT`) and any non-ASCII letter (Cyrillic, CJK, kana, Hangul…).
export function isTokenChar(c: number): boolean {
  if (c < 128) return isAsciiWordChar(c) || isDigit(c) || c === 46 || c === 45;
  if (c === 160 || c === 0x3000) return false;
  if (c >= 0x2000 && c <= 0x206f) return false; // general punctuation: dashes, quotes
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xff00 && c <= 0xff20) return false; // full-width punctuation and digits
  return true;
}

// Characters of a host in `host:port`: names, IPv4, `%zone`.
export const isHostChar = (c: number) => isAsciiWordChar(c) || isDigit(c) || c === 46 || c === 45 || c === 37;
/**
 * The scanner's state: the text, what was accepted last (for lists, ranges and mappings) and the options. A
 * plain object whose steps are module functions that take it first, not methods: the minifier can shorten
 * function names but not method names, and the content script has a size budget.
 */
export interface Scanner {
  readonly s: string;
  readonly n: number;
  readonly reportFrom: number;
  readonly pagePorts: ReadonlySet<number> | null;
  readonly context: TextContext | undefined;
  readonly out: PortMatch[];
  // The last accepted run, for lists, ranges and mappings.
  prevEnd: number;
  prev: Kind;
  prevPort: number;
  prevProtocol: Protocol | undefined;
  prevMatch: PortMatch | null;
  chained: boolean;
  // The id of the rule that accepted the run being judged (set by the rule that accepts it).
  rule: Rule | 0; // 0 until a rule accepts
  // End of the last accepted port, for the "this sentence is about ports" cue (see localContext).
  lastPortEnd: number;
  // End of the first port of a slash pair (`ports 80/443`): the run after the slash is the second.
  pairEnd: number;
  // Where the digit search starts: context in `before` matters only within a bounded window of the text.
  readonly firstDigit: number;
  // The line last described by lineFlags (lineOf): its start, its end and what it looks like.
  lineStart: number;
  lineEnd: number;
  lineFlags: number;
  // The plain-text table whose rows are being read, if any (see structure.ts).
  table: PlainTable | null;
  // The line last found to have no header above it, so its other numbers need not look again.
  headerless: number;
  // The last plain-text list item whose lead-in was looked up (its line's start) and whether that is about ports.
  listLine: number;
  listAbout: boolean;
  // Why the rule that looked at the run being judged refused it (a Refusal code, 0 when none did).
  why: Refusal | 0;
  // explain mode: told why each digit run was refused.
  readonly trace: ((start: number, end: number, why: Refusal) => void) | undefined;
  // Infers an accepted port's protocol from its context (findPorts; the page finder leaves it to the card).
  readonly infer: InferProtocol | undefined;
}

/** What protocol an accepted port takes from its context (protocols.ts); without it, only a written `/tcp` counts. */
export type InferProtocol = (st: Scanner, start: number, end: number) => Protocol | undefined;

/** A plain-text table found above the text being scanned: where its body has been read to, and its header. */
export interface PlainTable {
  // The body is known to run without a blank line from the header to here.
  readThrough: number;
  pipes: boolean;
  // Header cells: their text (trimmed), whether it names ports (read once per table, not per row), and for aligned
  // columns their [start, end) columns within the line. Own names, so the minifier shortens them (wxt.config.ts).
  cells: { headerText: string; namesPorts: boolean; fromColumn: number; toColumn: number }[];
}

export function code(st: Scanner, k: number): number {
  return k >= 0 && k < st.n ? st.s.charCodeAt(k) : -1;
}

/** The text of the `n` characters before `k` (fewer at the start): what look-behind rules test. */
export function textBefore(st: Scanner, k: number, n: number): string {
  return st.s.substring(k - n, k); // substring, unlike slice, reads a negative start as 0
}

/** The text from `from` to `to`: one short name for the slice most rules take of the text. */
export function textBetween(st: Scanner, from: number, to: number): string {
  return st.s.slice(from, to);
}

/** Start of the line holding `k`, or -1 when it is longer than a line window. */
export function lineStartOf(st: Scanner, k: number): number {
  const b = lineBack(st, k, LINE_WINDOW + 2);
  return (b === 0 || st.s.charCodeAt(b - 1) === 10) && k - b <= LINE_WINDOW + 1 ? b : -1;
}

// The line's bounds, read at most `max` characters away: a bounded search, as a line may be megabytes long, and
// indexOf on a slice of it is several times faster than a loop over charCodeAt.
/** The start of the line holding `k`, or `k - max` (or 0) when the line starts further back. */
export function lineBack(st: Scanner, k: number, max: number): number {
  const back = st.s.substring(k - max, k);
  return k - back.length + back.lastIndexOf('\n') + 1;
}

/** The end of the line holding `k` (its newline), or `k + max` (or the end of the text) when it ends further on. */
export function lineAhead(st: Scanner, k: number, max: number): number {
  const ahead = st.s.substring(k, k + max);
  const newline = ahead.indexOf('\n');
  return k + (newline < 0 ? ahead.length : newline);
}

/** The text of the `n` characters from `k` on: what look-ahead rules test. */
export function textAfter(st: Scanner, k: number, n: number): string {
  return st.s.slice(k, k + n);
}

/** The word ending just before `k` (spaces skipped), not reading back past `from` (clamped to the text). */
export function previousWord(st: Scanner, k: number, from: number): { word: string; start: number } | null {
  const limit = Math.max(0, from);
  let e = k - 1;
  while (e >= limit && isLineSpace(st.s.charCodeAt(e))) e--;
  let b = e;
  while (b >= limit && isTokenChar(st.s.charCodeAt(b))) b--;
  if (b === e) return null;
  return { word: textBetween(st, b + 1, e + 1), start: b + 1 };
}
export function startsLine(st: Scanner, k: number): boolean {
  const b = skipSpacesBack(st, k);
  return b === 0 || code(st, b - 1) === 10;
}

/** `text` in lower case: one short name for a call the content script makes about twenty times. */
export const lowerCase = (text: string) => text.toLowerCase();
/**
 * `text.charCodeAt(k)` through one short name, for the rules that run seldom. The scanner's hot loops keep their
 * own calls: a shared helper merges their type feedback and cost the scan a fifth of its speed.
 */
export const charAt = (text: string, k: number) => text.charCodeAt(k);

/** The command name of the shell segment containing `k` (after `sudo`, `$`, pipes, `;`, `&&`). */
export function segmentCommand(st: Scanner, k: number): string | null {
  const segment = segmentBefore(st, k);
  // After a shell prompt, if any: `$ `, `user@box:~$ `, `laudanum:~# `, `[root@db1 ~]# `.
  const m =
    /^[\s$#>%]*(?:\[?[\w.@-]+(?:[: ][~/]\S*)?[$#%>] +)?(?:(?:sudo|doas|exec|time|nohup)\s+(?:-\S+\s+)*)?(?:[\w./-]*\/)?([\w.+-]+)/.exec(
      segment,
    );
  return m ? lowerCase(m[1]) : null;
}

export function segmentIncludes(st: Scanner, k: number, word: string): boolean {
  return segmentBefore(st, k).includes(word);
}

export function segmentBefore(st: Scanner, k: number): string {
  const from = Math.max(0, k - LINE_WINDOW);
  let b = k - 1;
  // ` -- ` ends the options of a wrapper: `kubectl exec web-0 -- ps -p 1` runs ps with ps's own flags.
  while (b >= from) {
    if ("\n|;&(`'".includes(st.s[b]) || st.s.startsWith(' -- ', b - 2)) break;
    b--;
  }
  return textBetween(st, b + 1, k);
}

export function skipSpacesBack(st: Scanner, k: number): number {
  let b = k;
  while (b > 0 && isLineSpace(code(st, b - 1))) b--;
  return b;
}
/** Whether the character at `k` is a digit (none is outside the text). */
export function digitAt(st: Scanner, k: number): boolean {
  return isDigit(code(st, k));
}

export function digitsEnd(st: Scanner, k: number): number {
  let a = k;
  while (a < st.n && digitAt(st, a)) a++;
  return a;
}

/** Records the rule that accepted the run and returns its kind. */
export function accepted(st: Scanner, kind: Kind, rule: Rule): Kind {
  st.rule = rule;
  return kind;
}

/** Records why a rule that looked at the run refused it. */
export function refused(st: Scanner, why: Refusal): 0 {
  st.why = why;
  return 0;
}

/** The line looks like a row of aligned columns (a gap of two spaces or a tab between words). */
export const ROW_LIKE = 1;
/** The line starts with a pipe (a Markdown table row). */
export const PIPE_ROW = 2;
/** The line was too long to describe (longer than two line windows). */
export const LONG_LINE = 8;
/** The line is an item of a plain-text list (`* …`, `- …`, `• …`). */
export const LIST_ITEM = 16;
/** The line is a row of quoted fields, as an rST csv-table writes them (`"SMTPS", "465", "TCP"`). */
export const CSV_ROW = 32;

// Two words apart by a gap of two spaces or a tab, as columns are laid out.
export const ALIGNED_GAP = /\S(?: {2,}|\t)\S/;

// A Markdown table row, with its leading pipe or without (`a | b`; such a table needs its `---|---` line).
export const PIPE_LINE = /^\s*\||\S[ \t]+\|[ \t]+\S/;

/**
 * What the line holding `k` looks like, computed once per line however many numbers it holds: the rules that
 * care about a line's shape (tables, commands) ask here instead of slicing it for every number.
 */
export function lineOf(st: Scanner, k: number): number {
  if (k >= st.lineStart && k < st.lineEnd) return st.lineFlags;
  const b = lineBack(st, k, LINE_WINDOW + 1);
  const e = lineAhead(st, k, LINE_WINDOW + 1);
  st.lineStart = b;
  st.lineEnd = e;
  if ((b > 0 && st.s.charCodeAt(b - 1) !== 10) || (e < st.n && st.s.charCodeAt(e) !== 10))
    return (st.lineFlags = LONG_LINE);
  const line = textBetween(st, b, e);
  let flags = 0;
  if (ALIGNED_GAP.test(line)) flags |= ROW_LIKE;
  // Most lines hold no pipe, and indexOf says so several times faster than the pattern.
  if (line.includes('|') && PIPE_LINE.test(line)) flags |= PIPE_ROW;
  if (/^\s*[-*+•]\s/.test(line)) flags |= LIST_ITEM;
  if (line.includes('",') && /^\s*"[^"]*"(?:,\s*"[^"]*")+\s*$/.test(line)) flags |= CSV_ROW;
  return (st.lineFlags = flags);
}
