// The scanner: one pass over the digit runs of a text. Each run is refused early by cheap checks on its
// neighbours (letters, decimal points, signs, thousands separators, times) and otherwise accepted only when a
// rule finds context that says "port" (keywords.ts, addresses.ts, protocols.ts, structure.ts). Every
// look-around is bounded by a constant, so the scan is linear in the text length.

import type { PortMatch, TextContext } from '../types';
import {
  bsdSocketAddress,
  colonContext,
  composeMapping,
  hashAddressEndsAt,
  ipv4EndsAt,
  ipv6EndsAt,
  resolverPort,
  socketTuple,
  srvRecordPort,
} from './addresses';
import {
  isAsciiLetter,
  code,
  isAsciiWordChar,
  isDigit,
  isInvisible,
  isTokenChar,
  accepted,
  C_0,
  Kind,
  MAX_RUN_LENGTH,
  refused,
  type InferProtocol,
  type Scanner,
  segmentCommand,
  textAfter,
  textBefore,
  digitAt,
} from './cursor';
import {
  bareNumberOk,
  cjkClause,
  commandArgument,
  countNounAfter,
  defaultBeside,
  defaultPhrase,
  flagAllowed,
  keywordBefore,
  labelAfterLeadIn,
  localContext,
  ownPortNamed,
  rangeWordAfter,
  rightKeyword,
  serviceNamed,
  switchNearby,
  wordAfterNumber,
} from './keywords';
import { protocolBeforeSlash, protocolSuffix, protocolWordBefore, rangeEndsWithProtocol } from './protocols';
import { Refusal, Rule } from './reasons';
import { looksLikeThousands, looksLikeTime } from './shapes';
import {
  contextRule,
  JOIN_MAPPING,
  JOIN_RANGE,
  joinsPrevious,
  csvTableColumn,
  plainListItem,
  plainTableColumn,
  underOtherColumn,
} from './structure';

export interface ScanOptions {
  before?: string;
  /** Text that comes just after `text` on the page: read by the rules, never marked. */
  after?: string;
  context?: TextContext;
  pagePorts: ReadonlySet<number> | null;
  infer?: InferProtocol;
  /** explain mode: called for every digit run that is refused, with the reason. */
  trace?: (start: number, end: number, why: Refusal) => void;
}

const DIGIT = /\d/g;

/** Finds the ports of `text` (matches are relative to `text`, never inside `options.before`). */
export function scan(text: string, options: ScanOptions): PortMatch[] {
  // Most text nodes hold no digit at all.
  DIGIT.lastIndex = 0;
  if (!DIGIT.test(text)) return [];
  const before = options.before ?? '';
  return run(scanner(before + text + (options.after ?? ''), before.length, options), before.length + text.length);
}

function scanner(s: string, reportFrom: number, options: ScanOptions): Scanner {
  let first = Math.max(0, reportFrom - 64);
  while (first > 0 && isDigit(s.charCodeAt(first - 1))) first--; // never start inside a digit run
  return {
    s,
    n: s.length,
    reportFrom,
    pagePorts: options.pagePorts,
    context: options.context,
    out: [],
    prevEnd: -1,
    prev: Kind.Prose,
    prevPort: -1,
    prevProtocol: undefined,
    prevMatch: null,
    chained: false,
    rule: 0,
    why: 0,
    lastPortEnd: -1,
    pairEnd: -1,
    firstDigit: first,
    lineStart: 0,
    lineEnd: 0,
    lineFlags: 0,
    table: null,
    headerless: -1,
    listLine: -1,
    listAbout: false,
    trace: options.trace,
    infer: options.infer,
  };
}

/** Judges the digit runs that start before `stop` (what follows is context only). */
function run(st: Scanner, stop: number): PortMatch[] {
  // The regex engine skips non-digit text far faster than a charCodeAt loop, and `test` allocates no match
  // object; the end of each run is found by hand and the run is then judged locally.
  const s = st.s;
  const n = st.n;
  const digit = DIGIT;
  digit.lastIndex = st.firstDigit;
  while (digit.test(s)) {
    const start = digit.lastIndex - 1;
    if (start >= stop) break;
    let end = start + 1;
    while (end < n && isDigit(s.charCodeAt(end))) end++;
    digit.lastIndex = end;
    // The commonest refusal, inline: digits glued to a word (v3, utf8, a1b2c3, 3000ms). `-p8080` is judged in full.
    const before = start > 0 ? s.charCodeAt(start - 1) : -1;
    let why: Refusal | undefined;
    if (end - start > MAX_RUN_LENGTH) why = Refusal.TooLong;
    else if ((isAsciiWordChar(before) && before !== 112 && before !== 80) || isAsciiWordChar(code(st, end)))
      why = Refusal.Glued;
    // `80\u200b85` reads as 8085 on screen: a run glued to more digits by an invisible character is not its own number.
    else if (
      (isInvisible(s.charCodeAt(end)) && isDigit(s.charCodeAt(end + 1))) ||
      (isInvisible(before) && isDigit(s.charCodeAt(start - 2)))
    )
      why = Refusal.Invisible;
    else why = consider(st, start, end);
    // Explain mode hears why each refused run was refused.
    if (why && st.trace && start >= st.reportFrom) st.trace(start - st.reportFrom, end - st.reportFrom, why);
  }
  return st.out;
}

// The rules whose word for it makes `80/443` a pair of ports: a keyword, a key or flag, a list, a column, a list item.
const PAIR_RULES =
  (1 << Rule.Keyword) |
  (1 << Rule.ConfigKey) |
  (1 << Rule.Flag) |
  (1 << Rule.List) |
  (1 << Rule.TableColumn) |
  (1 << Rule.ListItem);

/** Judges one digit run: records it as a match, or returns why it was refused. */
function consider(st: Scanner, start: number, end: number): Refusal | undefined {
  const s = st.s;
  const len = end - start;
  let port = 0;
  for (let k = start; k < end; k++) port = port * 10 + s.charCodeAt(k) - C_0;
  if (port > 65535) return Refusal.Above65535;
  if (len > 1 && s.charCodeAt(start) === C_0) return Refusal.LeadingZero; // 0080, 00:1a:…

  const cb = code(st, start - 1);
  const ca = code(st, end);
  const cb2 = code(st, start - 2);
  const ca2 = code(st, end + 1);

  // Glued to a word: v3, x86, ISO8601, 3000ms, 2nd, 0x1F90, #ff8080. Only `-p8080` is a flag.
  let attachedFlag = false;
  let bsdAddress = false;
  if (isAsciiWordChar(cb)) {
    if ((cb === 112 || cb === 80) && cb2 === 45 && !isTokenChar(code(st, start - 3))) attachedFlag = true;
    else return Refusal.Glued;
  }
  // Decimal fractions, versions, IPv4 octets: 1.2, 3.11.4, 192.168.1.10, and a version line: 5.x. Asked before the
  // address test below, which then never runs for the inner octets of an address (it would refuse them too).
  if (ca === 46 && (isDigit(ca2) || (ca2 === 120 && !isAsciiLetter(code(st, end + 2))))) return Refusal.Decimal;
  // …and after a dot: .5, the last octet.
  if (cb === 46) {
    // netstat on macOS/BSD writes 127.0.0.1.5432 and *.3000; tcpdump 10.0.0.1.52814 > 10.0.0.2.443:
    if (!bsdSocketAddress(st, start)) return Refusal.Decimal;
    bsdAddress = true;
  }
  // A compound word: 16-bit, 2-tuple, 3-way, 64-byte.
  if (ca === 45 && isAsciiLetter(ca2)) return Refusal.Compound;
  // Signs, currencies, issue/colour markers, percentages, degrees, footnotes [3], PIDs sshd[812].
  if ('$+\u20ac\u00a3\u00a5\u20bd'.includes(s[start - 1])) return Refusal.Sign;
  if (ca === 37 || ca === 0xb0 || ca === 0x20ac) return Refusal.Percent;
  // A StatsD value and its type: `checkout.latency:42|ms`, `jobs:1|c|#env:prod` (not `host:10.0.0.1:7000|source:…`)
  if (ca === 124 && /^\|(?:ms|[cghsd])(?![\w-])/.test(textAfter(st, end, 4))) return Refusal.Identifier;
  // Not RabbitMQ's classic config: {tcp_listeners, [5672]}, nor strongSwan's addr[port]: 192.0.2.1[4500].
  if (cb === 91 && ca === 93 && !/listeners, ?$/.test(s.slice(start - 13, start - 1)) && !ipv4EndsAt(st, start - 1))
    return Refusal.Brackets;
  if (cb === 35 && !hashAddressEndsAt(st, start - 1)) return Refusal.Hash; // #8080
  // A pattern's digits, grep '348[0-7]' (not redis-cli's prompt `127.0.0.1:6379[2]>`)
  if (ca === 91 && code(st, end + 2) === 45) return Refusal.Brackets;
  // A footnote marker written as HTML: `465<sup>3</sup>`.
  if (cb === 62 && /<sup>$/i.test(textBefore(st, start, 5))) return Refusal.Brackets;
  // A dash glued to the digits and not preceded by a digit: a sign (-8080, (-1)) or an identifier
  // (CVE-2021-44228, RFC-6335). Ranges have a digit before the dash (6000-6063) or spaces around it.
  if (cb === 45 && !isDigit(cb2)) return Refusal.Identifier;
  // Slashes: CIDR /16, dates 11/23, paths /8080, HTTP/1.1 — unless it is `tcp/443`.
  let protocol = protocolSuffix(st, end) ?? rangeEndsWithProtocol(st, end);
  // …or ZeroTier's addr/port: 203.0.113.17/9993, past any prefix length (IPv4-mapped IPv6 goes to /128).
  const addressSlash = cb === 47 && port > 128 && ipv4EndsAt(st, start - 1);
  // …or Libreswan's `leftprotoport=17/1701`: the IP protocol's number, then the port.
  const protoPort = (ca === 47 ? cb === 61 : cb === 47) && /protoport=(\d+\/)?$/i.exec(textBefore(st, start, 14));
  if (protoPort && !protoPort[1]) return Refusal.IpProtocol;
  if (cb === 47 && st.pairEnd !== start - 1 && !addressSlash && !protoPort && !protocolBeforeSlash(st, start - 1))
    return Refusal.Slash;
  // `ports 80/443`, a Ports cell `9093/9094`: a pair of ports where a keyword or a column says so; else a fraction.
  const slashPair = ca === 47 && protocol === undefined && isDigit(ca2) && cb !== 58;
  if (slashPair && (len < 2 || !/^\/\d{2,5}(?![\d/]|\.\d)/.test(textAfter(st, end, 7)))) return Refusal.Fraction;
  // ISO dates 2026-11-23: the year (followed by -dd-), the month (-dd-) and the day (a -dd-dd before it).
  if (ca === 45 && len === 4 && isDigit(ca2) && digitAt(st, end + 2) && code(st, end + 3) === 45) {
    return Refusal.Date;
  }
  if (cb === 45 && len === 2 && isDigit(cb2)) {
    if (ca === 45 && isDigit(ca2)) return Refusal.Date; // the month
    if (digitAt(st, start - 3) && code(st, start - 4) === 45 && digitAt(st, start - 5)) {
      return Refusal.Date; // the day
    }
  }

  st.chained = false;
  let join = 0;
  let kind: Kind | 0;
  if (bsdAddress || addressSlash || protoPort) {
    kind = Kind.Key;
    st.rule = protoPort ? Rule.ConfigKey : Rule.HostPort;
  } else {
    const thousands = looksLikeThousands(st, start, end);
    const timeLike = looksLikeTime(st, start, end);
    // Joined to the port just before: ranges, lists, mappings.
    join = st.prevEnd >= 0 ? joinsPrevious(st, start, port) : 0;
    kind = accept(st, start, end, port, len, cb, ca, attachedFlag, thousands, timeLike, protocol !== undefined, join);
  }
  if (!kind) return st.why || Refusal.NoContext;
  if (slashPair) {
    if (!((PAIR_RULES >> st.rule) & 1)) return Refusal.Fraction;
    st.pairEnd = end;
  }

  protocol ??= st.infer?.(st, start, end);
  st.prevEnd = end;
  st.prev = kind;
  st.prevProtocol = protocol;
  st.lastPortEnd = end;
  const previous = st.chained ? st.prevMatch : null;
  const prevPort = st.prevPort;
  st.prevPort = port;
  st.prevMatch = null;
  if (start < st.reportFrom) return;
  const match: PortMatch = { start: start - st.reportFrom, end: end - st.reportFrom, port, rule: st.rule };
  if (protocol) match.protocol = protocol;
  if (join === JOIN_RANGE && st.chained && prevPort < port) {
    const range = { from: prevPort, to: port };
    match.range = range;
    if (previous) previous.range = range;
  }
  st.prevMatch = match;
  st.out.push(match);
}

function accept(
  st: Scanner,
  start: number,
  end: number,
  port: number,
  len: number,
  cb: number,
  ca: number,
  attachedFlag: boolean,
  thousands: boolean,
  timeLike: boolean,
  hasProtocolSuffix: boolean,
  join: number,
): Kind | 0 {
  st.rule = 0;
  st.why = 0;
  // A port written as machine syntax on its right: 22/tcp, 6000:6007/tcp, 8080端口.
  if (hasProtocolSuffix && !join) return accepted(st, Kind.Key, Rule.ProtocolSuffix); // ufw allow 80,443/tcp
  if (!thousands && !join && rightKeyword(st, end)) return accepted(st, Kind.Key, Rule.KeywordAfter);

  if (join) {
    if (ca === 64) return 0; // an id before a host, not a port: Kafka's voters `1@a:9093,2@b:9093`
    if (!hasProtocolSuffix) {
      if (st.prev === Kind.Prose && countNounAfter(st, end)) return refused(st, Refusal.Count);
      // 80,443 is a list only after a flag or key that takes lists (-p, --dports); elsewhere it reads as 80443.
      if (thousands && (st.prev !== Kind.KeyList || cb !== 44)) return refused(st, Refusal.Thousands);
    }
    st.chained = true;
    return accepted(st, st.prev, join === JOIN_RANGE ? Rule.Range : join === JOIN_MAPPING ? Rule.Mapping : Rule.List);
  }
  if (hasProtocolSuffix) return accepted(st, Kind.Key, Rule.ProtocolSuffix);

  if (attachedFlag)
    return flagAllowed(st, start - 2, st.s[start - 1])
      ? accepted(st, Kind.KeyList, Rule.Flag)
      : refused(st, Refusal.FlagNoPort);

  if (cb === 58) {
    // host:port and the bare `:3000` of lsof/grep/findstr.
    if (!thousands && colonContext(st, start, end, port, len)) return accepted(st, Kind.Key, Rule.HostPort);
    // nmap's protocol-qualified lists: `-p T:22,3128,U:53`
    if (/[\s,][TUS]:$/.test(textBefore(st, start, 3)) && segmentCommand(st, start) === 'nmap')
      return accepted(st, Kind.KeyList, Rule.Flag);
    if (code(st, start - 2) === 58) return refused(st, Refusal.IPv6Group); // fd00::5, listener = ::1
  }
  // The first group of an IPv6 address: 2001:db8::5, 2001::1, 2001:db8:0:1:… (not `5432:db:5432`, nor the `::` that
  // opens an rST literal block)
  if (ca === 58 && /^(?:[\da-f:]*::[\da-f/]|(?::[\da-f]{1,4}){3})/i.test(textAfter(st, end, 40)))
    return refused(st, Refusal.IPv6Group);
  // listen [2001:db8::1]:443: the first group of a bracketed address (two colons or more before the bracket closes)
  if (cb === 91 && ca === 58 && /^:[\da-f]*:[\da-f:.]*\]/i.test(textAfter(st, end, 40)))
    return refused(st, Refusal.IPv6Group);
  if (cb === 35) return hashAddressEndsAt(st, start - 1) ? accepted(st, Kind.Key, Rule.HostPort) : 0; // dig: 127.0.0.53#53
  // Icinga's `name,host,port` with an IPv6 host: `--endpoint hub,2001:db8::17,5665`, `--listen ::,5665`.
  if (cb === 44 && ca !== 58 && ipv6EndsAt(st, start - 1)) return accepted(st, Kind.Key, Rule.HostPort);
  if (cb === 64 && resolverPort(st, start)) return accepted(st, Kind.Key, Rule.HostPort); // unbound: 9.9.9.9@853

  // `tcp/443`, `TCP 443`, `udp:53`; after a slash a list too: `UDP/80,443,3478`.
  if ((!thousands || cb === 47) && protocolWordBefore(st, start, end))
    return accepted(st, cb === 47 ? Kind.KeyList : Kind.Key, Rule.ProtocolBefore);

  const keyword = keywordBefore(st, start, end, port);
  if (keyword) {
    // 80,443 reads as one number after a prose keyword, but ufw's `to any port 143,993,110` takes a list.
    if (thousands && keyword !== Kind.KeyList)
      return segmentCommand(st, start) === 'ufw' ? Kind.KeyList : refused(st, Refusal.Thousands);
    if (keyword === Kind.Prose && timeLike) return refused(st, Refusal.Time);
    if (countNounAfter(st, end)) return refused(st, Refusal.Count); // "port 3 times", "listening on 3 UDP ports"
    if (keyword === Kind.Prose && port < 100 && switchNearby(st, start)) return refused(st, Refusal.Switch);
    return keyword;
  }
  if (st.why) return 0; // a keyword that rules the number out (ps -p, USB port) said why
  if (thousands) return refused(st, Refusal.Thousands);

  const structural =
    contextRule(st, start, end, cb, ca, timeLike) ||
    plainTableColumn(st, start, end, timeLike) ||
    csvTableColumn(st, start, end, timeLike) ||
    plainListItem(st, start, end, timeLike);
  if (structural) return structural;
  if (st.why) return 0;

  if (composeMapping(st, start, end, cb, ca, timeLike)) return accepted(st, Kind.Key, Rule.Compose);
  if (cb === 32 && digitAt(st, start - 2) && srvRecordPort(st, start)) return accepted(st, Kind.Key, Rule.SrvRecord);
  if (!timeLike && defaultBeside(st, start) && !countNounAfter(st, end))
    return accepted(st, Kind.KeyList, Rule.Default);
  if (rangeWordAfter(st, start, end)) return accepted(st, Kind.Key, Rule.Range);
  if (!timeLike && labelAfterLeadIn(st, start, end, ca)) return accepted(st, Kind.Prose, Rule.ListItem);
  if (!timeLike) {
    if (localContext(st, start, end, port, len, cb, ca) || cjkClause(st, start, end, len))
      return accepted(st, Kind.Prose, Rule.LocalContext);
    // A code span reads as its number: "soit `4317` (gRPC)".
    if (
      serviceNamed(st, start, end, len, cb, ca) ||
      (cb === 96 && ca === 96 && serviceNamed(st, start - 1, end + 1, len, code(st, start - 2), code(st, end + 1)))
    )
      return accepted(st, Kind.Prose, Rule.ServiceNamed);
    if (wordAfterNumber(st, start, end, ca)) return accepted(st, Kind.Prose, Rule.KeywordAfter);
    if (ownPortNamed(st, start, end, port)) return accepted(st, Kind.Prose, Rule.ServiceNamed);
    if (commandArgument(st, start, end, cb, ca)) return accepted(st, Kind.Key, Rule.Command);
    if (len >= 2 && defaultPhrase(st, start, end, ca)) return accepted(st, Kind.Prose, Rule.Default);
  }
  if (cb === 91 && ca === 93) return accepted(st, Kind.Key, Rule.ConfigKey); // consider() let only {tcp_listeners, [N]} and addr[N] through
  if (len >= 2 && socketTuple(st, start, end)) return accepted(st, Kind.Key, Rule.SocketTuple);

  if (
    st.pagePorts &&
    len >= 3 &&
    st.pagePorts.has(port) &&
    !underOtherColumn(st) &&
    bareNumberOk(st, start, end, cb, ca)
  ) {
    return accepted(st, Kind.Prose, Rule.PageContext);
  }
  return 0;
}
