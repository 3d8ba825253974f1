// Rules for protocols: a port written with its protocol (`22/tcp`, `tcp/443`, `TCP 443`, `udp:53`, `80,443/tcp`),
// and the protocol a port takes from what is said nearby (`-p tcp --dport 22`, `protocol: UDP` below, a `TCP`
// cell of the same table row).

import type { Protocol } from '../types';
import {
  lowerCase,
  code,
  isAsciiLetter,
  isDigit,
  isLineSpace,
  isTokenChar,
  lineOf,
  CSV_ROW,
  PIPE_ROW,
  ROW_LIKE,
  type Scanner,
  segmentBefore,
  segmentCommand,
  textAfter,
  textBetween,
  digitAt,
} from './cursor';
import { isNetcat } from './commands';

/** `/tcp`, `/UDP`, `/sctp`, `/dccp` right after the digits. */
export function protocolSuffix(st: Scanner, end: number): Protocol | undefined {
  if (code(st, end) !== 47) return undefined;
  return protocolWordAt(st, end + 1);
}

/**
 * The protocol written after the number: "161 UDP", `22000    TCP` in a column, "port 10000 en UDP", "over TCP",
 * "8006 (TCP, TLS)", "`21116` UDP".
 */
export function protocolAfter(st: Scanner, end: number): Protocol | undefined {
  let k = end;
  while (code(st, k) === 96) k++; // `21116` UDP
  while (isLineSpace(code(st, k)) || code(st, k) === 40) k++;
  if (k === end) return undefined;
  const word = /^(?:en|over|via|por|über) /i.exec(textAfter(st, k, 6));
  return protocolWordAt(st, word ? k + word[0].length : k);
}

/** A protocol name at `k` that is a whole word (followed by a non-letter). */
export function protocolWordAt(st: Scanner, k: number): Protocol | undefined {
  // Sticky, so it reads at `k` without a slice; a negative `k` would read from 0, and there is no word before the text.
  PROTOCOL_AT.lastIndex = k;
  const m = k >= 0 ? PROTOCOL_AT.exec(st.s) : null;
  return m ? (lowerCase(m[0]) as Protocol) : undefined; // not `tcpdump`, `udpate`
}

// Without the u flag, /i folds only ASCII letters onto these words and [a-z]: what a charCode | 32 test matched.
const PROTOCOL_AT = /(?:tcp|udp|sctp|dccp)(?![a-z])/iy;

/** `6000:6007/tcp`, `80,443/tcp`, `5000-5100/udp`: the first items of a range or list ending in a protocol. */
export function rangeEndsWithProtocol(st: Scanner, end: number): Protocol | undefined {
  let k = end;
  const limit = Math.min(st.n, end + 40);
  // IANA CSV: ssh,22,tcp,…  x11,6000-6063,tcp,…
  for (let items = 0; items < 6 && k < limit; items++) {
    const c = code(st, k);
    if (c === 44) {
      const csv = protocolWordAt(st, k + 1);
      if (csv && code(st, k + 1 + csv.length) === 44) return csv;
    }
    if (c !== 58 && c !== 45 && c !== 44 && c !== 0x2013) return undefined;
    k++;
    if (c === 45 && code(st, k) === 62) k++; // docker ps: 0.0.0.0:9090->9090/tcp
    if (!digitAt(st, k)) return undefined;
    while (k < limit && digitAt(st, k)) k++;
    if (code(st, k) === 47) return protocolWordAt(st, k + 1);
  }
  return undefined;
}
/** `tcp/443`: the slash at `slash` follows a protocol word. */
export function protocolBeforeSlash(st: Scanner, slash: number): boolean {
  return protocolWordEndingAt(st, slash) !== undefined;
}

/** A protocol word (tcp, udp, sctp, dccp, optionally followed by 6) ending just before `k`. */
export function protocolWordEndingAt(st: Scanner, k: number): Protocol | undefined {
  let e = k;
  if (code(st, e - 1) === 54) e--; // tcp6
  return protocolWordOfLength(st, e, 3) ?? protocolWordOfLength(st, e, 4);
}

export function protocolWordOfLength(st: Scanner, e: number, len: number): Protocol | undefined {
  const b = e - len;
  if (b < 0) return undefined;
  const before = code(st, b - 1);
  // `--udp 53`, `-tcp 80`; not a longer flag's name: `--use-udp 2`.
  if (isTokenChar(before) && (before !== 45 || isAsciiLetter(code(st, b - 2)))) return undefined;
  const p = protocolWordAt(st, b);
  return p && p.length === len ? p : undefined;
}

/** `TCP 443`, `udp:53`, `tcp/443`. Table columns like netstat's `tcp   0   0` are refused. */
export function protocolWordBefore(st: Scanner, start: number, end: number): boolean {
  let k = start - 1;
  if (code(st, k) === 96) k--; // UDP `2055`
  const c = code(st, k);
  if (c === 58 || c === 47) return protocolWordEndingAt(st, k) !== undefined;
  if (!isLineSpace(c)) return false;
  while (k > start - 24 && isLineSpace(code(st, k))) k--;
  const word = st.s.substring(k - 2, k + 1);
  if (word === ' on' || word === ' to') k -= 3; // "inbound UDP on 8189", "pass UDP to 51820"
  // A column away from its protocol, one digit is a flag or a count: `udp       1` under LISTEN.
  if (end - start === 1 && start - k > 3) return false;
  // A nested key whose value is alone on its line: `  udp: 9200` (not ss -s's `TCP:   11 (estab 2, …)`); French
  // typography spaces the colon: `- TCP : 7777 et 25575`.
  if (code(st, k) === 58 && isLineSpace(code(st, k - 4)) && (end === st.n || code(st, end) === 10)) k--;
  else if (code(st, k) === 58 && code(st, k - 1) === 32) k -= 2;
  const last = code(st, k) | 32;
  if (last !== 112 && last !== 54) return false; // tcp, udp, sctp, dccp, tcp6 all end in p or 6
  if (protocolWordEndingAt(st, k + 1) === undefined) return false;
  // Next column is an integer (netstat Recv-Q/Send-Q): not a port.
  let a = end;
  while (a < st.n && a < end + 12 && isLineSpace(code(st, a))) a++;
  if (a > end && digitAt(st, a)) {
    let b = a;
    while (digitAt(st, b)) b++;
    if (code(st, b) !== 46) return false;
  }
  return true;
}

/** The protocol said nearby: `-p tcp --dport 22`, `tcp dport 22`, `TCP port 443`, `protocol: UDP` below. */
export function protocolNearby(st: Scanner, start: number, end: number): Protocol | undefined {
  // Same line first; then a `protocol:` key just below (Kubernetes); then up to two lines above
  // (`- protocol: TCP` above `port: 6379`). The nearest protocol word wins: `TCP 443 and UDP 53`.
  const from = Math.max(0, start - 64);
  let b = start - 1;
  let lineStart = -1;
  let newlines = 0;
  while (b >= from) {
    if (st.s.charCodeAt(b) === 10) {
      if (lineStart < 0) lineStart = b + 1;
      if (++newlines === 3) break;
    }
    b--;
  }
  if (lineStart < 0) lineStart = b + 1;
  return lastProtocolWord(st, lineStart, start) ?? protocolKeyBelow(st, end) ?? lastProtocolWord(st, b + 1, lineStart);
}

/** The last whole-word tcp/udp/sctp/dccp (optionally followed by 6) in [from, to). */
export function lastProtocolWord(st: Scanner, from: number, to: number): Protocol | undefined {
  for (let k = to - 3; k >= from; k--) {
    const c = st.s.charCodeAt(k) | 32;
    if (c !== 116 && c !== 117 && c !== 115 && c !== 100) continue; // t u s d
    const before = code(st, k - 1);
    if (k > from && (isAsciiLetter(before) || isDigit(before))) continue;
    const p = protocolWordAt(st, k);
    if (!p) continue;
    const after = code(st, k + p.length);
    if (isDigit(after) && after !== 54) continue;
    return p;
  }
  return undefined;
}

/**
 * A protocol key after the number in its own item: later on the line (`{containerPort: 53, protocol: UDP}`) or
 * on the next two lines before another item starts (`port: 162⏎  targetPort: 1162⏎  protocol: UDP`,
 * `transport: udp`, vector's `mode: "tcp"`).
 */
export function protocolKeyBelow(st: Scanner, end: number): Protocol | undefined {
  const after = textAfter(st, end, 120);
  // Most windows hold no protocol word at all, and the scan for one is cheaper than the anchored pattern.
  const m = PROTOCOL_WORD.test(after) ? PROTOCOL_KEY_AFTER.exec(after) : null;
  return m ? (lowerCase(m[1]) as Protocol) : undefined;
}
export const PROTOCOL_WORD = /tcp|udp|sctp|dccp/i;
const PROTOCOL_KEY_AFTER =
  /^(?:[^\n]*?|(?:[^\n]*\n(?![ \t]*- )){1,2}[^\n]*?)\b(?:protocol|transport|mode)["']?\s*[:=]\s*["']?(tcp|udp|sctp|dccp)\b/i;

/**
 * The protocol an accepted port takes from what is said around it: after it ("161 UDP"), from the port it is joined
 * to (a list or range), a `TCP` cell of its row, a protocol word nearby or a `protocol:` key below. Only findPorts
 * asks: the content script's page finder leaves it to the card, which reads it for the one port it opens on.
 */
export function inferredProtocol(st: Scanner, start: number, end: number): Protocol | undefined {
  // protocolNearby reads back at most 64 characters: with no protocol word there, netcat's `-u` or the line below.
  const window = st.s.substring(start - 64, start);
  return (
    protocolAfter(st, end) ??
    (st.chained
      ? st.prevProtocol
      : (protocolOfRow(st, start) ??
        (PROTOCOL_WORD.test(window)
          ? protocolNearby(st, start, end)
          : ((UDP_SWITCH.test(window) ? netcatProtocol(st, start) : undefined) ?? protocolKeyBelow(st, end)))))
  );
}

const UDP_SWITCH = /\s-(?:[a-zA-Z46]*u|-udp\b)/;

/** `nc -u host 53`, `nc -lu 5140`: netcat's `-u` switch on the port's command line. */
function netcatProtocol(st: Scanner, start: number): Protocol | undefined {
  return isNetcat(segmentCommand(st, start)) && UDP_SWITCH.test(segmentBefore(st, start)) ? 'udp' : undefined;
}

/** A `TCP`/`UDP` cell in the same table row (TextContext.rowCells). */
export function protocolOfRow(st: Scanner, start: number): Protocol | undefined {
  // An HTML row's other cells, or the cells of a Markdown, aligned or csv-table row (not a row above: `| 8472 | UDP |` under a
  // TCP row; `chan_iax2   4569   UDP`).
  const cells =
    st.context?.rowCells ??
    (lineOf(st, start) & (PIPE_ROW | ROW_LIKE | CSV_ROW)
      ? textBetween(st, st.lineStart, st.lineEnd).split(/[|\t"]| {2,}/)
      : 0);
  if (!cells) return undefined;
  for (const cell of cells) {
    const p = /^\s*(tcp|udp|sctp|dccp)\s*$/i.exec(cell);
    if (p) return lowerCase(p[1]) as Protocol;
  }
  return undefined;
}
