// Port detection: find the port numbers in a piece of text, judged by context, never by the number alone.
//
// One pass over the text finds digit runs (a global regex skips the rest); each run is refused early by cheap
// checks on its neighbours (letters, decimal points, signs, thousands separators, times) and otherwise accepted
// only when a small window around it says "port": a keyword before it (a few filler words may sit between), a
// host:port colon, a `/tcp` suffix, a flag, or a join (range, list, docker mapping) to a port just accepted.
// Every look-around is bounded by a constant, so the scan is linear in the text length. docs/detection.md has
// the rules, the corpus and the figures.

import type { PortMatch, Protocol } from './types';

export interface FindPortsOptions {
  /**
   * Text that comes just before `text` on the page (e.g. the previous ~64 characters of the same block), so
   * that `port <b>8080</b>` is found when the content script sees `8080` as its own text node. It is only read
   * as context; no match is ever reported inside it.
   */
  before?: string;
}

export interface PageContextOptions extends FindPortsOptions {
  /** Ports already found with strong context elsewhere on the same page (e.g. by a first `findPorts` pass). */
  pagePorts: ReadonlySet<number>;
}

/** Finds the ports in `text`: in text order, non-overlapping, `text.slice(start, end)` is exactly the digits. */
export function findPorts(text: string, options?: FindPortsOptions): PortMatch[] {
  return scanWithBefore(text, options?.before, null);
}

/**
 * Like `findPorts`, and also marks a bare number (at least three digits, no negative signal around it) when
 * that number is already a port elsewhere on the page: `grep 3716` or `happens to use 3590` on a page about
 * port 3716 or 3590. Years after words like "in"/"since", model numbers after a brand, and RFC/ISO style
 * identifiers are still refused.
 */
export function findPortsWithPageContext(text: string, options: PageContextOptions): PortMatch[] {
  return scanWithBefore(text, options.before, options.pagePorts);
}

/** Page context applies while a page has named at most this many different ports. */
export const PAGE_CONTEXT_MAX_PORTS = 16;

/**
 * A finder for one page, fed its text in reading order: it remembers the ports found so far, so a later bare
 * mention of one is a port too ("If 3716 is taken…" after "port 3716"). On a page that has named more than
 * PAGE_CONTEXT_MAX_PORTS ports (a log, a table) it stops: there, a PID or a counter equal to some port is too likely.
 */
export function createPageFinder(): (text: string, before?: string) => PortMatch[] {
  const pagePorts = new Set<number>();
  return (text, before) => {
    const found = scanWithBefore(text, before, pagePorts.size <= PAGE_CONTEXT_MAX_PORTS ? pagePorts : null);
    for (const match of found) pagePorts.add(match.port);
    return found;
  };
}

const DIGIT = /\d/g;

function scanWithBefore(text: string, before: string | undefined, pagePorts: ReadonlySet<number> | null): PortMatch[] {
  // Most text nodes hold no digit at all.
  DIGIT.lastIndex = 0;
  if (!DIGIT.test(text)) return [];
  if (!before) return run(scanner(text, 0, pagePorts));
  const offset = before.length;
  const matches = run(scanner(before + text, offset, pagePorts));
  for (const match of matches) {
    match.start -= offset;
    match.end -= offset;
  }
  return matches;
}

// How a port was accepted decides what may follow it (a list, a range, a docker mapping) and how strict the
// negative checks are: a flag or config key is trusted with `22:22`, a list-taking one with `80,443`; prose
// with neither.
const enum Kind {
  Prose = 1, // "port 8080", "Puerto 8080"
  Key, // flags, config keys, EXPOSE, host:port, /tcp: machine syntax
  Expose, // Dockerfile EXPOSE: space-separated list
  KeyList, // flags and plural keys that take comma lists: -p 22,80,443, --dports 80,443, web_ports: 80,443
}

const MAX_RUN_LENGTH = 5;
const MAX_KEYWORD_LENGTH = 40;
const KEYWORD_WINDOW = 72;
const HOST_WINDOW = 96;
const LINE_WINDOW = 200;

// Char classes as charCodes, so the hot path never builds strings.
const C_0 = 48;
const C_9 = 57;
const isDigit = (c: number) => c >= C_0 && c <= C_9;
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiWordChar = (c: number) => isAsciiLetter(c) || c === 95; // letters and '_'
// Invisible format characters (zero-width space/joiners, word joiner, BOM) read as nothing, so they count as space.
const isInvisible = (c: number) => (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 160 || c === 0x3000 || isInvisible(c);
const isLineSpace = (c: number) => c === 32 || c === 9 || c === 160;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

// Characters allowed between a keyword and its number: `port: 80`, `port = "80"`, `(port 80)`, `ポート：8080`.
function isGapPunct(c: number): boolean {
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
function isTokenChar(c: number): boolean {
  if (c < 128) return isAsciiWordChar(c) || isDigit(c) || c === 46 || c === 45;
  if (c === 160 || c === 0x3000) return false;
  if (c >= 0x2000 && c <= 0x206f) return false; // general punctuation: dashes, quotes
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xff00 && c <= 0xff20) return false; // full-width punctuation and digits
  return true;
}

// Characters of a host in `host:port`: names, IPv4, `%zone`.
const isHostChar = (c: number) => isAsciiWordChar(c) || isDigit(c) || c === 46 || c === 45 || c === 37;

// Words that may sit between a keyword and the number: "port number is 8080", "puerto por defecto es 3000".
const FILLERS = new Set([
  'number', 'numbers', 'no', 'no.', 'nr', 'nr.', 'num', 'range', 'is', 'was', 'are', 'were', 'set', 'to',
  'default', 'defaults', 'by', 'on', 'at', 'from', 'between', 'below', 'above', 'under', 'over', 'up', 'like',
  'e.g.', 'i.e.', 'eg', 'ie', 'as', 'use', 'uses', 'using', 'changed', 'becomes', 'remains', 'tcp', 'udp',
  'sctp', 'dccp', 'only', 'also', 'then', 'now', 'still', 'instead', 'e.g', 'i.e',
  // es, pt, fr, de, it, ru
  'por', 'defecto', 'es', 'predeterminado', 'en', 'el', 'padrão', 'padrao', 'é', 'na', 'no', 'par', 'défaut',
  'defaut', 'est', 'sur', 'le', 'la', 'ist', 'auf', 'von', 'standardmäßig', 'lautet', 'predefinita', 'è', 'по',
  'умолчанию', 'на', 'номер', 'это', 'rango', 'intervalo', 'bereich', 'plage', 'диапазон', 'dal', 'del',
  'selection', 'assignment', 'allocation',
]);

// What an exact (lower-cased) word before a number can be; built once from the tables below.
const enum Word {
  Prose = 1,
  Key,
  Listen,
  Listening,
  Expose,
  KeyBeforeColon,
  UfwVerb,
  Grep,
  Sport,
  Filler,
}

// Prose keywords (exact word, case-insensitive).
const PROSE_KEYWORDS = new Set([
  'port', 'ports', 'puerto', 'puertos', 'porta', 'portas', 'porte', 'poort', 'poorten', 'portnummer',
  'portnummern', 'port-nummer', 'portnr', 'portno', 'standardport', 'zielport', 'quellport', 'serverport',
  'порт', 'порта', 'порту', 'портом', 'порты', 'портов', 'портам', 'портами', 'портах', 'порте',
]);

// Glued lowercase machine keys that end in "port" but have no separator.
const GLUED_PORT_KEYS = new Set([
  'dport', 'sport', 'dports', 'sports', 'lport', 'rport', 'hostport', 'nodeport', 'containerport', 'targetport',
  'serverport', 'listenport', 'localport', 'remoteport', 'httpport', 'httpsport', 'sslport', 'mgmtport',
  'adminport', 'serviceport', 'proxyport', 'smtpport', 'dbport', 'spt', 'dpt', 'endport', 'listenport',
  'localforward', 'remoteforward', 'dynamicforward', 'exposes', 'exposing',
]);

// Words before "port" that make it a hardware or harbour port (`USB port 2`, `COM port 3`).
const HARDWARE = new Set([
  'usb', 'usb-c', 'usb-a', 'hdmi', 'serial', 'com', 'ethernet', 'lan', 'wan', 'sfp', 'sfp+', 'switch', 'displayport',
  'thunderbolt', 'charging', 'parallel', 'pcie', 'audio', 'headphone', 'rj45', 'rj-45', 'poe', 'uplink',
  'gigabit', 'expansion', 'vga', 'dvi', 'firewire', 'sata', 'printer', 'midi', 'joystick', 'game', 'mini',
  'micro', 'front', 'rear', 'back', 'side', 'physical', 'fiber', 'fibre', 'sfp28', 'qsfp', 'console', 'ps/2',
  'i/o', 'io', 'dock', 'lightning', 'stack', 'stacking', 'trunk', 'access', 'patch', 'panel', 'hub',
]);

// Words right after a number that make it a count, not a port (`port 3 times`, `ports 2 and 3 more`).
const COUNT_NOUNS = new Set([
  'times', 'more', 'other', 'others', 'seconds', 'second', 'minutes', 'minute', 'hours', 'hour', 'days', 'day',
  'weeks', 'months', 'years', 'year', 'percent', 'items', 'devices', 'people', 'users', 'hosts', 'machines',
  'connections', 'requests', 'bytes', 'packets', 'ports', 'gb', 'mb', 'kb', 'ms',
]);

// Host tokens that are keys of a `key:value` pair, not host names (`pid:1234`, `line:42`, `status:404`).
const KEY_NOT_HOST = new Set([
  'pid', 'ppid', 'id', 'uid', 'gid', 'tid', 'line', 'lines', 'col', 'column', 'status', 'code', 'error', 'err',
  'errno', 'count', 'size', 'len', 'length', 'step', 'page', 'pages', 'time', 'timeout', 'version', 'ver', 'rev',
  'level', 'lvl', 'total', 'max', 'min', 'num', 'row', 'retry', 'retries', 'attempt', 'index', 'idx', 'offset',
  'seq', 'ttl', 'exit', 'signal', 'rc', 'ret', 'value', 'val', 'weight', 'priority', 'prio', 'score', 'rank',
  'chapter', 'verse', 'part', 'item', 'rfc', 'cve', 'iso', 'isbn', 'issn', 'doi', 'pmid', 'arxiv', 'tel', 'fax',
  'phone', 'ext', 'room', 'gate', 'file', 'stdin', 'stdout', 'stderr', 'input', 'dockerfile', 'makefile',
  'note', 'notes', 'ref', 'issue', 'pr', 'bug', 'ticket', 'build', 'run', 'job', 'task', 'epoch', 'batch',
  'width', 'height', 'depth', 'year', 'month', 'day', 'hour', 'minute', 'second', 'age', 'qty', 'amount',
  'price', 'cost', 'memory', 'mem', 'cpu', 'disk', 'uptime', 'latency', 'duration', 'elapsed', 'took', 'fd',
  'inode', 'node', 'sha', 'md5', 'hash', 'commit', 'frame', 'frames', 'fps', 'ratio', 'rate', 'aspect',
  'loader', 'internal', 'at', 'test', 'tests', 'case', 'sample', 'example', 'image', 'tag',
]);

// File extensions that make `name.ext:42` a source position, not a host.
const FILE_EXTENSIONS = new Set([
  'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'mts', 'cts', 'py', 'go', 'rb', 'java', 'kt', 'kts', 'c', 'cc', 'cpp',
  'cxx', 'h', 'hpp', 'rs', 'php', 'cs', 'swift', 'scala', 'ex', 'exs', 'erl', 'lua', 'sh', 'bash', 'zsh', 'txt',
  'log', 'yaml', 'yml', 'json', 'toml', 'md', 'html', 'htm', 'css', 'scss', 'vue', 'svelte', 'conf', 'cfg',
  'ini', 'xml', 'sql', 'tf', 'hcl', 'gradle', 'dart', 'm', 'mm', 'pl', 'pm', 'r', 'jl', 'clj', 'hs', 'ml',
  'fs', 'vb', 'ps1', 'bat', 'cmd', 'lock', 'env', 'service', 'socket', 'properties', 'j2', 'tpl', 'ejs', 'erb',
]);

// Commands whose `-p` takes a PID, and whose `-P` takes a count.
const PID_P_COMMANDS = new Set([
  'ps', 'strace', 'ltrace', 'gdb', 'top', 'htop', 'lsof', 'perf', 'pidstat', 'pmap', 'kill', 'renice', 'taskset',
  'py-spy', 'pstack', 'gcore', 'prlimit', 'chrt', 'ionice', 'pgrep', 'pkill', 'jstack', 'jmap', 'jcmd', 'mkdir',
  'cp', 'atop', 'nsenter', 'bpftrace', 'rbspy', 'mysql', 'mysqldump', 'sar', 'iotop', 'cat', 'pwdx', 'reptyr',
]);
const COUNT_P_COMMANDS = new Set([
  'xargs', 'parallel', 'make', 'ps', 'rsync', 'du', 'grep', 'zstd', 'pigz', 'xz', 'iperf', 'iperf3',
]);
const TCP_CLIENTS = new Set(['nc', 'ncat', 'netcat', 'telnet', 'socat', 'ngrok']);
// `ss -tlnp | grep 3716`: the pattern after a socket listing is a port.
const SOCKET_LISTERS = new Set(['ss', 'netstat', 'lsof', 'sockstat']);
const SSH_COMMANDS = new Set(['ssh', 'autossh', 'sshuttle']);
const LISTEN_L_COMMANDS = new Set(['nc', 'ncat', 'netcat', 'serve', 'http-server', 'live-server']);

// Right-hand keywords in CJK and Korean: `8080端口`, `8080番ポート`, `8080 포트`.
const RIGHT_KEYWORDS = ['端口', '番ポート', 'ポート', '포트', '号端口', '埠'];
// Left keywords as a suffix of a CJK/Korean token: `默认端口是`, `ポート番号は`, `포트는`.
const CJK_KEYWORD_SUFFIX =
  /(?:ポート|端口|埠|포트)(?:番号|号|號|번호)?(?:[はをがのに为為是:]|改为|改成|设为|设置为|設為|는|은|를|이|가)?$/;

interface Accepted {
  kind: Kind;
}

// The scanner's state is a plain object and its steps are module functions that take it first, not methods:
// the minifier can shorten function names but not method names, and the content script has a size budget.
interface Scanner {
  readonly s: string;
  readonly n: number;
  readonly reportFrom: number;
  readonly pagePorts: ReadonlySet<number> | null;
  readonly out: PortMatch[];
  // The last accepted run, for lists, ranges and mappings.
  prevEnd: number;
  prev: Accepted;
  prevProtocol: Protocol | undefined;
  chained: boolean;
  // End of the last accepted port, for the "this sentence is about ports" cue (see localContext).
  lastPortEnd: number;
  // Where the digit search starts: context in `before` matters only within a bounded window of the text.
  readonly firstDigit: number;
}

function scanner(s: string, reportFrom: number, pagePorts: ReadonlySet<number> | null): Scanner {
  let first = Math.max(0, reportFrom - 64);
  while (first > 0 && isDigit(s.charCodeAt(first - 1))) first--; // never start inside a digit run
  return {
    s,
    n: s.length,
    reportFrom,
    pagePorts,
    out: [],
    prevEnd: -1,
    prev: PROSE,
    prevProtocol: undefined,
    chained: false,
    lastPortEnd: -1,
    firstDigit: first,
  };
}

function run(st: Scanner): PortMatch[] {
  // The regex engine skips non-digit text far faster than a charCodeAt loop, and `test` allocates no match
  // object; the end of each run is found by hand and the run is then judged locally.
  const s = st.s;
  const n = st.n;
  const digit = DIGIT;
  digit.lastIndex = st.firstDigit;
  while (digit.test(s)) {
    const start = digit.lastIndex - 1;
    let end = start + 1;
    while (end < n && isDigit(s.charCodeAt(end))) end++;
    digit.lastIndex = end;
    if (end - start > MAX_RUN_LENGTH) continue;
    // The commonest refusal, inline: digits glued to a word (v3, utf8, a1b2c3, 3000ms). `-p8080` is judged in full.
    const before = start > 0 ? s.charCodeAt(start - 1) : -1;
    if (isAsciiWordChar(before) && before !== 112 && before !== 80) continue;
    if (end < n && isAsciiWordChar(s.charCodeAt(end))) continue;
    // `80\u200b85` reads as 8085 on screen: a run glued to more digits by an invisible character is not its own number.
    if (isInvisible(s.charCodeAt(end)) && isDigit(s.charCodeAt(end + 1))) continue;
    if (isInvisible(before) && isDigit(s.charCodeAt(start - 2))) continue;
    consider(st, start, end);
  }
  return st.out;
}

function code(st: Scanner, k: number): number {
  return k >= 0 && k < st.n ? st.s.charCodeAt(k) : -1;
}

function consider(st: Scanner, start: number, end: number): void {
  const s = st.s;
  const len = end - start;
  let port = 0;
  for (let k = start; k < end; k++) port = port * 10 + s.charCodeAt(k) - C_0;
  if (port > 65535) return;
  if (len > 1 && s.charCodeAt(start) === C_0) return; // 0080, 00:1a:…: not written as ports

  const cb = code(st, start - 1);
  const ca = code(st, end);
  const cb2 = code(st, start - 2);
  const ca2 = code(st, end + 1);

  // Glued to a word: v3, x86, ISO8601, 3000ms, 2nd, 0x1F90, #ff8080. Only `-p8080` is a flag.
  let attachedFlag = false;
  let bsdAddress = false;
  if (isAsciiWordChar(cb)) {
    if ((cb === 112 || cb === 80) && cb2 === 45 && !isTokenChar(code(st, start - 3))) attachedFlag = true;
    else return;
  }
  if (isAsciiWordChar(ca)) return;
  // Decimal fractions, versions, IPv4 octets: 3.11.4, 192.168.1.10, .5
  if (cb === 46) {
    // netstat on macOS/BSD writes 127.0.0.1.5432 and *.3000.
    if (!bsdSocketAddress(st, start)) return;
    bsdAddress = true;
  }
  if (ca === 46 && isDigit(ca2)) return;
  // Signs, currencies, issue/colour markers, percentages, degrees, footnotes [3], PIDs sshd[812].
  if (cb === 36 || cb === 43 || cb === 0x20ac || cb === 0xa3 || cb === 0xa5 || cb === 0x20bd) return;
  if (ca === 37 || ca === 0xb0 || ca === 0x20ac) return;
  if (cb === 91 && ca === 93) return;
  if (cb === 35 && !ipv4EndsAt(st, start - 1)) return; // #8080 issues, #808080 colours
  // A dash glued to the digits and not preceded by a digit: a sign (-8080, (-1)) or an identifier
  // (CVE-2021-44228, RFC-6335). Ranges have a digit before the dash (6000-6063) or spaces around it.
  if (cb === 45 && !isDigit(cb2)) return;
  // Slashes: CIDR /16, dates 11/23, paths /8080, HTTP/1.1 — unless it is `tcp/443`.
  let protocol = protocolSuffix(st, end) ?? rangeEndsWithProtocol(st, end);
  if (cb === 47 && !protocolBeforeSlash(st, start - 1)) return;
  if (ca === 47 && protocol === undefined && isDigit(ca2) && cb !== 58) return; // 1/5, 11/23/2026
  // ISO dates 2026-11-23: the year (followed by -dd-), the month (-dd-) and the day (a -dd-dd before it).
  if (ca === 45 && len === 4 && isDigit(ca2) && isDigit(code(st, end + 2)) && code(st, end + 3) === 45) return;
  if (cb === 45 && len === 2 && isDigit(cb2)) {
    if (ca === 45 && isDigit(ca2)) return; // the month
    if (isDigit(code(st, start - 3)) && code(st, start - 4) === 45 && isDigit(code(st, start - 5))) return; // the day
  }

  st.chained = false;
  const thousands = looksLikeThousands(st, start, end);
  const timeLike = looksLikeTime(st, start, end);

  const accepted = bsdAddress
    ? KEY
    : accept(st, start, end, port, len, cb, ca, attachedFlag, thousands, timeLike, protocol !== undefined);
  if (!accepted) return;

  // A port joined to the previous one (range, list, mapping) shares its protocol unless it states its own.
  if (protocol === undefined) protocol = st.chained ? st.prevProtocol : protocolNearby(st, start, end);
  st.prevEnd = end;
  st.prev = accepted;
  st.prevProtocol = protocol;
  st.lastPortEnd = end;
  if (start < st.reportFrom) return;
  const match: PortMatch = { start, end, port };
  if (protocol) match.protocol = protocol;
  st.out.push(match);
}

function accept(st: Scanner, 
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
): Accepted | null {
  // A port written as machine syntax on its right: 22/tcp, 6000:6007/tcp, 8080端口.
  if (hasProtocolSuffix) return KEY; // ufw allow 80,443/tcp is a list even though it looks like 80443
  if (!thousands && rightKeyword(st, end)) return KEY;

  // Joined to the port just before: ranges, lists, mappings.
  if (st.prevEnd >= 0 && joinsPrevious(st, start)) {
    if (st.prev.kind === Kind.Prose && countNounAfter(st, end)) return null;
    // 80,443 is a list only after a flag or key that takes lists (-p, --dports); elsewhere it reads as 80443.
    if (thousands && (st.prev.kind !== Kind.KeyList || cb !== 44)) return null;
    st.chained = true;
    return st.prev;
  }

  if (attachedFlag) return flagAllowed(st, start - 2, 'p') ? KEY_LIST : null;

  // host:port and the bare `:3000` of lsof/grep/findstr.
  if (cb === 58 && !thousands && colonContext(st, start, end, port, len)) return KEY;
  if (cb === 35) return ipv4EndsAt(st, start - 1) ? KEY : null; // dig: 127.0.0.53#53

  // `tcp/443`, `TCP 443`, `udp:53`.
  if (!thousands && protocolWordBefore(st, start, end)) return KEY;

  const keyword = keywordBefore(st, start, end, port);
  if (keyword) {
    if (thousands && keyword.kind !== Kind.KeyList) return null;
    if (keyword.kind === Kind.Prose && (timeLike || countNounAfter(st, end))) return null;
    if (keyword.kind === Kind.Prose && port < 100 && switchNearby(st, start)) return null;
    return keyword;
  }
  if (thousands) return null;

  if (composeMapping(st, start, end, cb, ca, timeLike)) return KEY;
  if (!timeLike && (localContext(st, start, end, port, len, cb, ca) || serviceNamed(st, start, end, len, cb, ca))) {
    return PROSE;
  }
  if (ca === 41 && len >= 2 && socketTuple(st, start)) return KEY;

  if (st.pagePorts && len >= 3 && st.pagePorts.has(port) && bareNumberOk(st, start, end, cb, ca)) {
    return PAGE;
  }
  return null;
}

// ---- right side -------------------------------------------------------------------------------------------

/** `/tcp`, `/UDP`, `/sctp`, `/dccp` right after the digits. */
function protocolSuffix(st: Scanner, end: number): Protocol | undefined {
  if (code(st, end) !== 47) return undefined;
  return protocolWordAt(st, end + 1);
}

/** A protocol name at `k` that is a whole word (followed by a non-letter). */
function protocolWordAt(st: Scanner, k: number): Protocol | undefined {
  const c0 = code(st, k) | 32;
  const c1 = code(st, k + 1) | 32;
  const c2 = code(st, k + 2) | 32;
  const c3 = code(st, k + 3) | 32;
  let protocol: Protocol | undefined;
  if (c0 === 116 && c1 === 99 && c2 === 112) protocol = 'tcp';
  else if (c0 === 117 && c1 === 100 && c2 === 112) protocol = 'udp';
  else if (c0 === 115 && c1 === 99 && c2 === 116 && c3 === 112) protocol = 'sctp';
  else if (c0 === 100 && c1 === 99 && c2 === 99 && c3 === 112) protocol = 'dccp';
  if (!protocol || isAsciiLetter(code(st, k + protocol.length))) return undefined; // not `tcpdump`, `udpate`
  return protocol;
}

/** `6000:6007/tcp`, `80,443/tcp`, `5000-5100/udp`: the first items of a range or list ending in a protocol. */
function rangeEndsWithProtocol(st: Scanner, end: number): Protocol | undefined {
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
    if (!isDigit(code(st, k))) return undefined;
    while (k < limit && isDigit(code(st, k))) k++;
    if (code(st, k) === 47) return protocolWordAt(st, k + 1);
  }
  return undefined;
}

function rightKeyword(st: Scanner, end: number): boolean {
  if (st.s.startsWith(' port [', end) && protocolWordAt(st, end + 7)) return true; // nc -zv output
  let k = end;
  if (code(st, k) === 32) k++;
  const c = code(st, k);
  if (c < 0x3000) return false;
  for (const word of RIGHT_KEYWORDS) if (st.s.startsWith(word, k)) return true;
  return false;
}

function countNounAfter(st: Scanner, end: number): boolean {
  if (code(st, end) !== 32) return false;
  let k = end + 1;
  const from = k;
  while (k < st.n && k - from < 12 && isAsciiLetter(code(st, k))) k++;
  if (k === from) return false;
  return COUNT_NOUNS.has(st.s.slice(from, k).toLowerCase());
}

// ---- joins to the previous port -----------------------------------------------------------------------------

/** Range, list or mapping joiners between the previous accepted port and this run. */
function joinsPrevious(st: Scanner, start: number): boolean {
  const prevEnd = st.prevEnd;
  if (prevEnd < 0 || start - prevEnd > 14 || start <= prevEnd) return false;
  const between = st.s.slice(prevEnd, start);
  if (between.length === 1 && !isSpace(between.charCodeAt(0))) {
    const c = between.charCodeAt(0);
    // 6000-6063, 6000–6063, 8080:80, 80,443, 8000~8100
    return c === 45 || c === 0x2013 || c === 0x2014 || c === 58 || c === 44 || c === 126 || c === 0x301c ||
      c === 0xff5e || c === 0x3001 || c === 0xff0c;
  }
  if (between === '->' || between === '..') return true;
  const trimmed = between.trim();
  if (trimmed === '') return st.prev.kind === Kind.Expose && !between.includes('\n');
  // RFC text wraps lines inside ranges: "1024-\n   49151", "49152\n   through 65535".
  if (between.includes('\n') && !/^[ \t]*[-–]?[ \t]*\n[ \t]*[^\s]*[ \t]*$/.test(between)) return false;
  const word = trimmed.replace(/^,\s*/, '');
  return word === '' || JOINERS.has(word.toLowerCase());
}

// ---- left side ----------------------------------------------------------------------------------------------

/** `tcp/443`: the slash at `slash` follows a protocol word. */
function protocolBeforeSlash(st: Scanner, slash: number): boolean {
  return protocolWordEndingAt(st, slash) !== undefined;
}

/** A protocol word (tcp, udp, sctp, dccp, optionally followed by 6) ending just before `k`. */
function protocolWordEndingAt(st: Scanner, k: number): Protocol | undefined {
  let e = k;
  if (code(st, e - 1) === 54) e--; // tcp6
  return protocolWordOfLength(st, e, 3) ?? protocolWordOfLength(st, e, 4);
}

function protocolWordOfLength(st: Scanner, e: number, len: number): Protocol | undefined {
  const b = e - len;
  if (b < 0) return undefined;
  const before = code(st, b - 1);
  if (isTokenChar(before) && before !== 45) return undefined;
  const p = protocolWordAt(st, b);
  return p && p.length === len ? p : undefined;
}

/** `TCP 443`, `udp:53`, `tcp/443`. Table columns like netstat's `tcp   0   0` are refused. */
function protocolWordBefore(st: Scanner, start: number, end: number): boolean {
  let k = start - 1;
  const c = code(st, k);
  if (c === 58 || c === 47) return protocolWordEndingAt(st, k) !== undefined;
  if (!isLineSpace(c)) return false;
  while (k > start - 24 && isLineSpace(code(st, k))) k--;
  const last = code(st, k) | 32;
  if (last !== 112 && last !== 54) return false; // tcp, udp, sctp, dccp, tcp6 all end in p or 6
  if (protocolWordEndingAt(st, k + 1) === undefined) return false;
  // Next column is an integer (netstat Recv-Q/Send-Q): not a port.
  let a = end;
  while (a < st.n && a < end + 12 && isLineSpace(code(st, a))) a++;
  if (a > end && isDigit(code(st, a))) {
    let b = a;
    while (isDigit(code(st, b))) b++;
    if (code(st, b) !== 46) return false;
  }
  return true;
}

/** After a colon: host:port, [::]:443, *:22, :::8080, or a bare `:3000`. */
function colonContext(st: Scanner, start: number, end: number, port: number, len: number): boolean {
  const colon = start - 1;
  const before = code(st, colon - 1);
  if (port === 0) return false; // 0.0.0.0:0 — the wildcard of socket tables, not a port anyone named
  if (code(st, end) === 64) return false; // user:1234@host — a password
  if (before === 93 || before === 42) return true; // [::1]:8080, *:22
  if (protocolWordEndingAt(st, colon) || portKeyEndingAt(st, colon)) return true; // tcp:22, dpt:22
  if (before === 58) {
    // :::8080 (docker, netstat) is `::` + `:port`; anything else with `::` is inside an IPv6 address.
    return code(st, colon - 2) === 58 && !isHex(code(st, colon - 3)) && code(st, colon - 3) !== 58;
  }
  if (!isHostChar(before)) {
    // Bare `:3000` after a space or `=` (lsof -i :3000, findstr :3716, sport = :3699). Not `:3`.
    // Not after a quote: "id":23016 is JSON.
    if (len < 2) return false;
    if (before === 34 || before === 39) {
      // An opening quote (`address: ":80"`) — not the closing quote of a JSON key (`"id":23016`).
      const q = code(st, colon - 2);
      return q === -1 || isSpace(q) || q === 58 || q === 61 || q === 91 || q === 44;
    }
    return before === -1 || isSpace(before) || before === 61 || before === 40 || before === 44;
  }
  let h = colon - 1;
  const limit = Math.max(0, colon - HOST_WINDOW);
  while (h >= limit && isHostChar(code(st, h))) h--;
  if (h < limit && h >= 0) return false;
  const hostStart = h + 1;
  const pb = code(st, h);
  // a:b:c chains (IPv6, MAC, times, file:line:col) — except after a port: ssh -L 8080:localhost:80.
  if (pb === 58 && st.prevEnd !== h && !protocolWordEndingAt(st, h)) return false; // socat TCP:host:80
  if (pb === 47 && code(st, h - 1) !== 47) return false; // /src/app.js:42 — a path
  const host = st.s.slice(hostStart, colon);
  let hasLetter = false;
  let dots = 0;
  for (let k = 0; k < host.length; k++) {
    const c = host.charCodeAt(k);
    if (isAsciiLetter(c)) hasLetter = true;
    else if (c === 46) dots++;
  }
  if (!hasLetter) return dots === 3 && /^\d{1,3}(?:\.\d{1,3}){3}(?:%[\w.-]+)?$/.test(host); // 10.0.0.1:80
  if (host.includes('%')) return true; // 127.0.0.53%lo:53
  const lower = host.toLowerCase();
  if (dots > 0) {
    const ext = lower.slice(lower.lastIndexOf('.') + 1);
    if (FILE_EXTENSIONS.has(ext)) return false; // main.go:42
    if (lower.endsWith('.')) return false;
    return true;
  }
  if (lower === 'localhost') return true;
  if (KEY_NOT_HOST.has(lower)) return false;
  if (code(st, start - 2) === 95) return false;
  // A bare name: compose service (db:5432) or an image tag (node:20, redis:7). Tags are short.
  if (pb === 47 && code(st, h - 1) === 47) return true; // http://web:80
  if (pb === 64) return true; // user@host:22
  return len >= 3 && !imageContext(st, hostStart);
}

/** `dpt:22`, `port:80` in iptables listings and filters. */
function portKeyEndingAt(st: Scanner, k: number): boolean {
  let b = k - 1;
  while (b >= 0 && b >= k - 6 && isAsciiLetter(code(st, b))) b--;
  if (isTokenChar(code(st, b))) return false;
  const word = st.s.slice(b + 1, k).toLowerCase();
  return word === 'dpt' || word === 'spt' || word === 'dport' || word === 'sport' || word === 'port' || word === 'dpts';
}

/** Whether an IPv4 address ends just before `k` (dig's `127.0.0.53#53`, BSD's `127.0.0.1.5432`). */
function ipv4EndsAt(st: Scanner, k: number): boolean {
  const from = Math.max(0, k - 15);
  let b = k - 1;
  while (b >= from && (isDigit(code(st, b)) || code(st, b) === 46)) b--;
  if (isTokenChar(code(st, b)) && code(st, b) !== 45) return false;
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(st.s.slice(b + 1, k));
}

/** netstat on BSD/macOS: `127.0.0.1.5432`, `*.3000` (the run starts after the dot). */
function bsdSocketAddress(st: Scanner, start: number): boolean {
  const dot = start - 1;
  if (code(st, dot - 1) === 42) return isSpace(code(st, dot - 2)); // *.3000
  if (!isDigit(code(st, dot - 1))) return false;
  if (!isSpace(code(st, digitsEnd(st, start)))) return false;
  return ipv4EndsAt(st, dot);
}

function digitsEnd(st: Scanner, k: number): number {
  let a = k;
  while (a < st.n && isDigit(code(st, a))) a++;
  return a;
}

/** Switch and patch-panel ports: `the switch uplink to port 24`, `configure port 24 as the trunk`. */
function switchNearby(st: Scanner, start: number): boolean {
  const from = Math.max(0, start - 56);
  const window = st.s.slice(from, Math.min(st.n, start + 28)).toLowerCase();
  return SWITCH_WORDS.test(window);
}

/** `FROM node:…`, `image: redis:…`, `docker pull x:…` — what follows is a tag. */
function imageContext(st: Scanner, hostStart: number): boolean {
  const from = Math.max(0, hostStart - 16);
  const window = st.s.slice(from, hostStart);
  return /(?:\bFROM|\bimage:?|\bpull|\bpush)\s+$/i.test(window);
}

/**
 * Reads backwards from the number over gap punctuation and up to three filler words to a keyword.
 * `Port 22`, `port: 80`, `port number is 8080`, `--port=3000`, `containerPort: 8080`, `порт 5432`, `ポート8080`.
 */
function keywordBefore(st: Scanner, start: number, end: number, port: number): Accepted | null {
  const s = st.s;
  const limit = Math.max(0, start - KEYWORD_WINDOW);
  let k = start - 1;
  let fillers = 0;
  let sawNewline = false;
  let sawComma = false;
  let sawBrace = false;
  let skippedName = false;
  let words = 0;
  while (k >= limit) {
    const c = s.charCodeAt(k);
    if (isSpace(c)) {
      if (c === 10) {
        if (sawNewline) return null;
        sawNewline = true;
      }
      k--;
      continue;
    }
    if (isGapPunct(c)) {
      if (c === 123) sawBrace = true;
      k--;
      continue;
    }
    // A default after a key: `process.env.PORT || 3000`, `env.PORT ?? 8080`.
    if ((c === 124 || c === 63) && s.charCodeAt(k - 1) === c) {
      k -= 2;
      continue;
    }
    if (c === 44) {
      sawComma = true;
      k--;
      continue;
    }
    // `port(s): 8080` (Spring Boot)
    if (c === 41 && s.slice(Math.max(0, k - 6), k + 1).toLowerCase() === 'port(s)') {
      return finishKeyword(st, Kind.Prose, sawNewline, end);
    }
    // Read the token backwards, noting what the slower rules need: a dot (hosts, dotted keys), "port" inside
    // (containerPort, DB_PORT), non-ASCII (CJK, Cyrillic).
    let t = k;
    let dotOrWide = false;
    let hasPort = false;
    while (t >= limit) {
      const tc = s.charCodeAt(t);
      if (!isTokenChar(tc)) break;
      if (tc === 46 || tc >= 128) dotOrWide = true;
      else if ((tc | 32) === 112 && t + 3 <= k && (s.charCodeAt(t + 1) | 32) === 111 && (s.charCodeAt(t + 2) | 32) === 114 &&
        (s.charCodeAt(t + 3) | 32) === 116) {
        hasPort = true;
      }
      t--;
    }
    if (t === k) return null;
    if (t < limit && t >= 0) return null; // token runs past the window: too long to be a keyword
    const tokenStart = t + 1;
    const tokenLength = k + 1 - tokenStart;
    if (tokenLength > MAX_KEYWORD_LENGTH) return null;
    // Most words before a number are no keyword and no filler: rule them out without building a string.
    if (!dotOrWide && !hasPort && (fillers === 0 || skippedName) && s.charCodeAt(tokenStart) !== 45 &&
      s.charCodeAt(tokenStart - 1) !== 47 && !WORD_SHAPES.has(wordShape(s.charCodeAt(tokenStart), s.charCodeAt(k), tokenLength))) {
      return null;
    }
    const token = s.slice(tokenStart, k + 1);
    const lower = token.toLowerCase();
    const kind = classifyKeyword(st, token, lower, tokenStart, port, words);
    if (kind === REFUSED) return null;
    if (kind !== null && kind !== FILLER) {
      // "ports, from 0-1023" is fine; "ports, 2024" is not.
      if (sawComma && kind === Kind.Prose && fillers === 0) return null;
      if (sawBrace) return EXPOSE; // pf/nft sets: port { 22 80 443 }
      return finishKeyword(st, kind, sawNewline, end);
    }
    words++;
    if (kind === FILLER && fillers < 4) {
      fillers++;
      k = t;
      continue;
    }
    // "The port number for PostgreSQL is 5432", "Le port par défaut de MySQL est 3306": one name after a
    // preposition, when a verb like "is" sits between the name and the number.
    if (!skippedName && fillers >= 1 && words <= 2) {
      const prep = previousWord(st, tokenStart, limit);
      if (prep && PREPOSITIONS.has(prep.word.toLowerCase())) {
        skippedName = true;
        k = prep.start - 1;
        continue;
      }
    }
    return null;
  }
  return null;
}

function previousWord(st: Scanner, k: number, limit: number): { word: string; start: number } | null {
  let e = k - 1;
  while (e >= limit && isLineSpace(st.s.charCodeAt(e))) e--;
  let b = e;
  while (b >= limit && isTokenChar(st.s.charCodeAt(b))) b--;
  if (b === e) return null;
  return { word: st.s.slice(b + 1, e + 1), start: b + 1 };
}

function finishKeyword(st: Scanner, kind: Kind, sawNewline: boolean, end: number): Accepted | null {
  if (sawNewline) {
    // "1. Ports\n 2. Port 3716": a numbered list item after a heading is not a port.
    const ca = code(st, end);
    if ((ca === 46 || ca === 41) && (isSpace(code(st, end + 1)) || code(st, end + 1) === -1)) return null;
  }
  if (kind === Kind.Prose) return PROSE;
  return kind === Kind.Expose ? EXPOSE : kind === Kind.KeyList ? KEY_LIST : KEY;
}

/**
 * What the word before the number is: a keyword (its Kind), FILLER (skip it and read on), null (neither), or
 * REFUSED (a keyword in a context that rules the number out, e.g. `ps -p`, `USB port`).
 */
function classifyKeyword(st: Scanner, 
  token: string,
  lower: string,
  tokenStart: number,
  port: number,
  wordsBetween: number,
): Kind | null | typeof REFUSED | typeof FILLER {
  const first = token.charCodeAt(0);
  if (first === 45) {
    if (token === '-') return yamlPortsItem(st, tokenStart) ? Kind.Key : null;
    return classifyFlag(st, token, tokenStart, wordsBetween);
  }
  if (token.charCodeAt(token.length - 1) >= 128) {
    if (CJK_KEYWORD_SUFFIX.test(token)) return Kind.Prose;
    const word = WORD_CLASS.get(lower);
    return word === Word.Prose ? Kind.Prose : word === Word.Filler ? FILLER : null;
  }
  // One map lookup answers for every exact word; most words before a number are in none of the tables.
  const word = WORD_CLASS.get(lower);
  if (word !== undefined) {
    switch (word) {
      case Word.Prose:
        return hardwareBefore(st, tokenStart) ? REFUSED : Kind.Prose;
      case Word.Key:
        return lower.endsWith('ports') ? Kind.KeyList : Kind.Key;
      case Word.Listen:
        // Config directives `listen 443 ssl;` / `Listen 80` / mosquitto's `listener 1883` start their line;
        // LISTEN is a socket state.
        return (token === 'listen' || token === 'Listen' || token === 'listener') && startsLine(st, tokenStart) && wordsBetween === 0
          ? Kind.Key
          : null;
      case Word.Listening:
        return token !== 'LISTENING' && wordsBetween <= 1 ? Kind.Key : null;
      case Word.Expose:
        return wordsBetween === 0 ? Kind.Expose : null;
      case Word.KeyBeforeColon: {
        if (wordsBetween !== 0) return FILLERS.has(lower) ? FILLER : null;
        const after = code(st, tokenStart + token.length);
        if (after === 58 || after === 61) return Kind.Key; // compose long syntax target: 80, published=8080
        if (lower === 'number' && code(st, tokenStart - 1) === 60) return Kind.Key; // IANA XML <number>80
        return FILLERS.has(lower) ? FILLER : null; // "port number is 8080"
      }
      case Word.UfwVerb: {
        if (wordsBetween !== 0) return null;
        const prev = previousWord(st, tokenStart, Math.max(0, tokenStart - 24));
        return prev?.word === 'ufw' || segmentCommand(st, tokenStart) === 'ufw' ? Kind.Key : null;
      }
      case Word.Grep:
        return wordsBetween === 0 && afterSocketLister(st, tokenStart) ? Kind.Key : null;
      case Word.Sport:
        return protocolWordEndingAt(st, skipSpacesBack(st, tokenStart)) ? Kind.Key : null;
      case Word.Filler:
        return FILLER;
    }
  }
  const hasPort = lower.includes('port');
  if (hasPort && /(?:^|[._-])ports?[._-]?range/.test(lower)) return Kind.Expose; // ip_local_port_range = 32768 60999
  if (hasPort && /^(?:tcp|udp|sctp)\.(?:src|dst)port$/.test(lower)) return Kind.Key; // Wireshark: tcp.dstport == 853
  if (hasPort && (lower.endsWith('port') || lower.endsWith('ports'))) {
    const p = lower.endsWith('ports') ? lower.length - 5 : lower.length - 4;
    const sep = lower.charCodeAt(p - 1);
    const camel = token.charCodeAt(p) === 80 && token.charCodeAt(p - 1) >= 97 && token.charCodeAt(p - 1) <= 122;
    if (sep === 95 || sep === 46 || sep === 45 || camel) {
      // USB-Port 2, usb_port
      if (sep === 45 && HARDWARE.has(lower.slice(0, p - 1))) return REFUSED;
      return lower.endsWith('ports') ? Kind.KeyList : Kind.Key;
    }
    return null;
  }
  if (hasPort && /[._]ports?[._]/.test(lower)) return Kind.Key; // helm: master.service.ports.redis=6380
  if (wordsBetween === 0 && port > 0 && (lower === 'localhost' || lower === 'http' || lower.includes('.')) &&
    isHostLike(st, token)) {
    const command = segmentCommand(st, tokenStart);
    if (command && TCP_CLIENTS.has(command)) return Kind.Key; // nc -zv example.com 80, telnet host.example 25, ngrok http 3000
  }
  // kubectl port-forward svc/web 8080:80, kubectl port-forward web 8080
  if (wordsBetween === 0 && (code(st, tokenStart - 1) === 47 || st.s.startsWith('port-forward ', tokenStart - 13)) &&
    segmentIncludes(st, tokenStart, 'port-forward')) {
    return Kind.Key;
  }
  return null;
}

function startsLine(st: Scanner, k: number): boolean {
  let b = k - 1;
  while (b >= 0 && isLineSpace(code(st, b))) b--;
  return b < 0 || code(st, b) === 10;
}

/** `ss -tlnp | grep 3716`, `netstat -ano | findstr 3389`. */
function afterSocketLister(st: Scanner, grepStart: number): boolean {
  let b = grepStart - 1;
  while (b >= 0 && isLineSpace(code(st, b))) b--;
  if (code(st, b) !== 124) return false;
  const command = segmentCommand(st, b);
  return command !== null && SOCKET_LISTERS.has(command);
}

/** A YAML list item (`- 3000`, `- "8080:80"`) under a `ports:` or `expose:` key a few lines up. */
function yamlPortsItem(st: Scanner, dashStart: number): boolean {
  if (!startsLine(st, dashStart)) return false;
  const from = Math.max(0, dashStart - LINE_WINDOW);
  let lineEnd = dashStart;
  for (let lines = 0; lines < 6; lines++) {
    let b = lineEnd - 1;
    while (b >= from && code(st, b) !== 10) b--;
    if (b < from) return false;
    const prevEnd = b;
    let pb = prevEnd - 1;
    while (pb >= from && code(st, pb) !== 10) pb--;
    if (pb < from && pb >= 0) return false;
    const line = st.s.slice(pb + 1, prevEnd).trim();
    if (/^(?:ports|expose):$/i.test(line)) return true;
    if (!line.startsWith('-')) return false;
    lineEnd = pb + 1;
  }
  return false;
}

function classifyFlag(st: Scanner, token: string, tokenStart: number, wordsBetween: number): Kind | null | typeof REFUSED {
  if (wordsBetween > 0) return null;
  if (token.charCodeAt(1) === 45) {
    const name = token.slice(2).toLowerCase();
    if (name === 'top-ports' || name === 'max-ports') return REFUSED;
    if (/ports?-?ranges?$/.test(name)) return Kind.Expose; // --destination-port-ranges 443 8443
    if (name.endsWith('ports')) return Kind.KeyList;
    if (name.endsWith('port') || name === 'publish' || name === 'expose' || name === 'listen' ||
      name === 'port-forward') {
      return Kind.Key;
    }
    return null;
  }
  const letters = token.slice(1);
  if (letters.length === 1) {
    return flagAllowed(st, tokenStart, letters) ? (letters === 'p' ? Kind.KeyList : Kind.Key) : REFUSED;
  }
  // PowerShell: -Port 1433, -LocalPort 1433
  if (/port$/i.test(letters) && /^[A-Z]/.test(letters)) return Kind.Key;
  // nc -lvnp 4444, nc -lp 4444
  if (/^[a-z]{2,5}$/.test(letters) && letters.endsWith('p') && letters.includes('l')) return Kind.Key;
  return null;
}

/** Whether a single-letter flag takes a port for the command of its segment. */
function flagAllowed(st: Scanner, flagStart: number, letter: string): boolean {
  const command = segmentCommand(st, flagStart);
  switch (letter) {
    case 'p':
      return command === null || !PID_P_COMMANDS.has(command);
    case 'P':
      return command === null || !COUNT_P_COMMANDS.has(command);
    case 'L':
    case 'R':
    case 'D':
      return command !== null && SSH_COMMANDS.has(command);
    case 'l':
      return command !== null && LISTEN_L_COMMANDS.has(command);
    default:
      return false;
  }
}

/** The command name of the shell segment containing `k` (after `sudo`, `$`, pipes, `;`, `&&`). */
function segmentCommand(st: Scanner, k: number): string | null {
  const segment = segmentBefore(st, k);
  const m = /^[\s$#>]*(?:(?:sudo|doas|exec|time|nohup)\s+(?:-\S+\s+)*)?(?:[\w./-]*\/)?([\w.+-]+)/.exec(segment);
  return m ? m[1].toLowerCase() : null;
}

function segmentIncludes(st: Scanner, k: number, word: string): boolean {
  return segmentBefore(st, k).includes(word);
}

function segmentBefore(st: Scanner, k: number): string {
  const from = Math.max(0, k - LINE_WINDOW);
  let b = k - 1;
  while (b >= from) {
    const c = st.s.charCodeAt(b);
    if (c === 10 || c === 124 || c === 59 || c === 38 || c === 40 || c === 96 || c === 39) break; // \n | ; & ( ` '
    b--;
  }
  return st.s.slice(b + 1, k);
}

function skipSpacesBack(st: Scanner, k: number): number {
  let b = k;
  while (b > 0 && isLineSpace(code(st, b - 1))) b--;
  return b;
}

function isHostLike(st: Scanner, token: string): boolean {
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(token)) return true;
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*$/i.test(token) && /[a-z]/i.test(token) &&
    !token.startsWith('-');
}

/** `USB port`, `serial port`, `USB-C port`, `the front port`. */
function hardwareBefore(st: Scanner, keywordStart: number): boolean {
  let k = keywordStart - 1;
  while (k >= 0 && k >= keywordStart - 4 && (isLineSpace(code(st, k)) || code(st, k) === 45)) k--;
  if (k === keywordStart - 1) return false;
  const end = k + 1;
  const from = Math.max(0, end - 16);
  while (k >= from && (isTokenChar(code(st, k)) || code(st, k) === 43 || code(st, k) === 47)) k--;
  const word = st.s.slice(k + 1, end).toLowerCase();
  return HARDWARE.has(word);
}

/** Docker compose `"5432:5432"` and YAML list items `- 8080:80`. */
function composeMapping(st: Scanner, start: number, end: number, cb: number, ca: number, timeLike: boolean): boolean {
  if (ca !== 58 || !isDigit(code(st, end + 1)) || timeLike) return false;
  if (cb === 34 || cb === 39) return true;
  if (cb === 32 && code(st, start - 2) === 45) {
    let k = start - 3;
    while (k >= 0 && isLineSpace(code(st, k))) k--;
    return k < 0 || code(st, k) === 10;
  }
  return false;
}

/**
 * A sentence already about ports: "PostgreSQL uses 5432; MySQL uses 3306", "from port 22 to something like
 * 2222", "the pod listens on 8080 but the Service targets 80". A bare number of two or more digits is a port
 * when a port was found shortly before in the same paragraph, a cue word (uses, like, on, and…) sits right
 * before it, and punctuation or a linking word (not a noun such as "threads") comes after it.
 */
function localContext(st: Scanner, start: number, end: number, port: number, len: number, cb: number, ca: number): boolean {
  if (st.lastPortEnd < 0 || len < 2 || start - st.lastPortEnd > LOCAL_WINDOW) return false;
  if (!isLineSpace(cb)) return false;
  const prev = previousWord(st, start, Math.max(0, start - 16));
  // A cue word, or a Chinese "change it to" (`可以改成 8081`).
  if (!prev || !(LOCAL_CUES.has(prev.word.toLowerCase()) || /(?:改成|改为|换成|设为)$/.test(prev.word))) return false;
  if (port >= 1900 && port <= 2099 && YEAR_WORDS.has(prev.word.toLowerCase())) return false;
  const between = st.s.slice(st.lastPortEnd, start);
  if (between.includes('\n\n')) return false;
  // A count just before ("larger than 512 bytes (or 1232 with EDNS)"): the clause is about sizes, not ports.
  const count = /(\d+) ([a-z]+)\b[^\d]*$/i.exec(between);
  if (count && COUNT_NOUNS.has(count[2].toLowerCase())) return false;
  return endsClause(st, end, ca);
}

/** Punctuation or a linking word after the number, not a noun ("and 80 (HTTP)", "on 25, ", not "on 2 hosts"). */
function endsClause(st: Scanner, end: number, ca: number): boolean {
  if (ca === -1 || ca === 46 || ca === 44 || ca === 59 || ca === 41 || ca === 58 || ca === 45 || ca === 0x2013 || ca === 10 ||
    ca === 0x3002 || ca === 0xff0c) {
    return true; // also 。 and ，
  }
  if (ca !== 32) return false;
  let a = end + 1;
  if (code(st, a) === 40) return true; // "and 80 (HTTP/1.1)"
  const from = a;
  while (a < st.n && a - from < 12 && isAsciiLetter(code(st, a))) a++;
  return LOCAL_FOLLOWERS.has(st.s.slice(from, a).toLowerCase());
}

/**
 * A protocol named beside a bare number: "Consul uses 8500 for HTTP, 8600 for DNS", "IMAP runs on 143",
 * "mail on 25,". After: `for`/`over` and the protocol, with a cue word before (or a port just before, in a
 * list). Before: the protocol a word or two ahead of `on`/`at`, and the clause ending after the number.
 */
function serviceNamed(st: Scanner, start: number, end: number, len: number, cb: number, ca: number): boolean {
  if (len < 2 || !(isSpace(cb) || cb === -1)) return false;
  // Cheap first looks, since most bare numbers reach here: " f…"/" o…" after, or " on "/" at " before.
  const after = ca === 32 ? code(st, end + 1) | 32 : 0;
  if (after === 102 || after === 111 || after === 105 || after === 40) {
    const m = /^ (?:(for|over|is) |\()([a-z0-9]+)\b(\))?/i.exec(st.s.slice(end, end + 18));
    if (m && SERVICES.has(m[2].toLowerCase())) {
      // "1900 is SSDP", "587 (STARTTLS)": the number names the protocol's port, unless it is an RFC's or a code.
      if (m[1] === 'is' || (!m[1] && m[3])) return !/[A-Z]{2,}\s*$/.test(st.s.slice(Math.max(0, start - 12), start));
      const cue = previousWord(st, start, Math.max(0, start - 16))?.word.toLowerCase();
      if (cue && SERVICE_CUES.has(cue)) return true;
      // Listed after a port: "8500 for HTTP, 8600 for DNS".
      return code(st, skipSpacesBack(st, start) - 1) === 44 && st.lastPortEnd >= 0 && start - st.lastPortEnd < 48;
    }
  }
  const on = (code(st, start - 3) | 32) * 256 + (code(st, start - 2) | 32);
  if ((on !== 0x6f6e && on !== 0x6174) || !isLineSpace(code(st, start - 4))) return false; // "on", "at"
  let k = start - 3;
  for (let words = 0; words < 2; words++) {
    const word = previousWord(st, k, Math.max(0, k - 24));
    if (!word) return false;
    const lower = word.word.toLowerCase();
    if (SERVICES.has(lower) || SERVING.has(lower)) return endsClause(st, end, ca);
    k = word.start;
  }
  return false;
}

/** A socket address tuple in code: `HTTPServer(("", 8000), …)`, `sock.connect(("db.example.com", 5432))`. */
function socketTuple(st: Scanner, start: number): boolean {
  const before = st.s.slice(Math.max(0, start - 72), start);
  return /\(\s*(["'])(|localhost|[\d.]+|[\da-f:]*:[\da-f:]*|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})\1\s*,\s*$/i.test(before);
}

/** For the page-context upgrade: a bare number with nothing that says it is something else. */
function bareNumberOk(st: Scanner, start: number, end: number, cb: number, ca: number): boolean {
  if (cb === 58 || cb === 45 || cb === 47 || cb === 61 || cb === 40 && ca === 41) return false;
  if (ca === 58 || ca === 45 || ca === 44 || ca === 47) return false;
  if (countNounAfter(st, end)) return false; // 8080 ms
  if (inTableRow(st, start)) return false; // a PID column can equal the port: postgres 5432 postgres  6u
  const from = Math.max(0, start - 24);
  const window = st.s.slice(from, start);
  const m = /([\p{L}\p{N}._-]+)[\s\u00a0]+$/u.exec(window);
  if (!m) return true;
  const word = m[1];
  if (/^[A-Z][A-Z0-9-]+$/.test(word)) return false; // RFC 6335, ISO 8601, HTTP 404
  if (KEY_NOT_HOST.has(word.toLowerCase())) return false; // pid 4242, page 443, row 1031, issue 8080
  if (/^[A-Z]/.test(word) && !/[.!?:]\s*$/.test(window.slice(0, m.index).trimEnd() + ' ')) {
    // A capitalised word mid-sentence: a brand or model (Nokia 3310, Intel 8080).
    const beforeWord = window.slice(0, m.index).trimEnd();
    if (beforeWord !== '' && !/[.!?:]$/.test(beforeWord)) return false;
  }
  const port = Number(st.s.slice(start, end));
  if (port >= 1900 && port <= 2099 && YEAR_WORDS.has(word.toLowerCase())) return false;
  return true;
}

/** A line laid out in columns (two or more gaps of 2+ spaces): ps/lsof/netstat rows. */
function inTableRow(st: Scanner, k: number): boolean {
  let b = k;
  while (b > 0 && k - b < LINE_WINDOW && code(st, b - 1) !== 10) b--;
  let e = k;
  while (e < st.n && e - k < LINE_WINDOW && code(st, e) !== 10) e++;
  return (st.s.slice(b, e).match(/\S {2,}(?=\S)/g)?.length ?? 0) >= 2;
}

// ---- shapes -------------------------------------------------------------------------------------------------

/** 65,535 or 1,234,567: a group of three digits joined by a comma with no space. */
function looksLikeThousands(st: Scanner, start: number, end: number): boolean {
  const len = end - start;
  if (code(st, end) === 44 && len <= 3 && isDigit(code(st, end + 1)) && isDigit(code(st, end + 2)) &&
    isDigit(code(st, end + 3)) && !isDigit(code(st, end + 4))) {
    return true;
  }
  if (code(st, start - 1) === 44 && len === 3 && isDigit(code(st, start - 2))) {
    let k = start - 2;
    while (k >= 0 && isDigit(code(st, k))) k--;
    return start - 2 - k <= 3;
  }
  return false;
}

/** 10:30, 9:05, 23:59:59. */
function looksLikeTime(st: Scanner, start: number, end: number): boolean {
  const len = end - start;
  if (code(st, end) === 58 && len <= 2 && isDigit(code(st, end + 1)) && isDigit(code(st, end + 2)) &&
    !isDigit(code(st, end + 3))) {
    return Number(st.s.slice(start, end)) <= 24;
  }
  if (code(st, start - 1) === 58 && len === 2 && isDigit(code(st, start - 2)) && !isDigit(code(st, start - 4))) {
    return true;
  }
  return false;
}

/** The protocol said nearby: `-p tcp --dport 22`, `tcp dport 22`, `TCP port 443`, `protocol: UDP` below. */
function protocolNearby(st: Scanner, start: number, end: number): Protocol | undefined {
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
function lastProtocolWord(st: Scanner, from: number, to: number): Protocol | undefined {
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

/** `protocol: UDP` on the next line (Kubernetes container ports). */
function protocolKeyBelow(st: Scanner, end: number): Protocol | undefined {
  let k = end;
  const limit = Math.min(st.n, end + 14);
  while (k < limit && st.s.charCodeAt(k) !== 10) k++;
  if (code(st, k) !== 10) return undefined;
  k++;
  while (k < st.n && k < end + 48 && (isLineSpace(code(st, k)) || code(st, k) === 45)) k++;
  if (st.s.slice(k, k + 9).toLowerCase() !== 'protocol:') return undefined;
  k += 9;
  while (isLineSpace(code(st, k)) || code(st, k) === 34 || code(st, k) === 39) k++;
  return protocolWordAt(st, k);
}

/** First letter, last letter and length of a word, case-folded: a cheap pre-check for WORD_CLASS. */
function wordShape(first: number, last: number, length: number): number {
  return ((first | 32) << 16) | ((last | 32) << 8) | Math.min(length, 255);
}

const REFUSED = 0 as const;
const FILLER = -1 as const;

const WORD_CLASS = new Map<string, Word>();
for (const w of FILLERS) WORD_CLASS.set(w, Word.Filler);
for (const w of GLUED_PORT_KEYS) WORD_CLASS.set(w, Word.Key);
for (const w of ['listenstream', 'listendatagram', 'http.server']) WORD_CLASS.set(w, Word.Key);
for (const w of PROSE_KEYWORDS) WORD_CLASS.set(w, Word.Prose);
for (const w of ['listen', 'listener']) WORD_CLASS.set(w, Word.Listen);
for (const w of ['listening', 'listens']) WORD_CLASS.set(w, Word.Listening);
WORD_CLASS.set('expose', Word.Expose);
for (const w of ['target', 'published', 'number']) WORD_CLASS.set(w, Word.KeyBeforeColon);
for (const w of ['allow', 'deny', 'reject', 'limit']) WORD_CLASS.set(w, Word.UfwVerb);
for (const w of ['grep', 'findstr', 'select-string']) WORD_CLASS.set(w, Word.Grep);
for (const w of ['sport', 'sports']) WORD_CLASS.set(w, Word.Sport);
const WORD_SHAPES = new Set<number>();
for (const w of [...WORD_CLASS.keys(), 'http', 'localhost']) WORD_SHAPES.add(wordShape(w.charCodeAt(0), w.charCodeAt(w.length - 1), w.length));
const KEY: Accepted = { kind: Kind.Key };
const KEY_LIST: Accepted = { kind: Kind.KeyList };
const PROSE: Accepted = { kind: Kind.Prose };
const EXPOSE: Accepted = { kind: Kind.Expose };
const PAGE: Accepted = { kind: Kind.Prose };

const SWITCH_WORDS = /\b(?:switch|switches|uplink|trunk|vlan|usb|hdmi|serial|patch panel|sfp|poe|ethernet|gigabit)\b/;

// Between two ports of a range or list (after trimming and dropping a leading comma).
const JOINERS = new Set([
  '-', '–', '—', ':', ',', '~', '〜', '～', '..', '->', '&', '、', '，', 'to', 'through', 'thru', 'till',
  'and', 'or', 'and/or', 'plus', 'y', 'o', 'hasta', 'al', 'a', 'e', 'ou', 'até', 'ate', 'et', 'à', 'au', 'und',
  'oder', 'bis', 'и', 'или', 'до', 'по', '到', '至', '和', '或', 'と', 'から', '～', '〜', '및', '와',
  '과',
]);

const LOCAL_WINDOW = 160;
const LOCAL_CUES = new Set([
  'uses', 'use', 'using', 'tries', 'try', 'like', 'on', 'and', 'or', 'suggests', 'targets', 'target', 'is', 'to',
  'for', 'el', 'la', 'le', 'y', 'e', 'et', 'und', 'и', 'then', 'than', 'not', 'onto', 'via', 'auf', 'über', 'ueber',
  'sur', 'al',
]);
const LOCAL_FOLLOWERS = new Set([
  'for', 'instead', 'and', 'or', 'to', 'through', 'by', 'on', 'in', 'as', 'with', 'is', 'was', 'are', 'but', 'every',
  'from',
  'then', 'too', 'also', 'only', 'y', 'e', 'et', 'und', 'para', 'pour', 'für', 'для', 'и',
]);

// Protocols that, named right beside a bare number, make it a port (serviceNamed).
const SERVICES = new Set([
  'http', 'https', 'dns', 'ssh', 'smtp', 'smtps', 'imap', 'imaps', 'pop3', 'pop3s', 'ldap', 'ldaps', 'rdp', 'grpc',
  'rpc', 'tls', 'ftp', 'ftps', 'sftp', 'ntp', 'snmp', 'mqtt', 'amqp', 'gossip', 'telnet', 'syslog', 'kerberos',
  'vnc', 'sip', 'xmpp', 'irc', 'websocket', 'websockets', 'starttls', 'mdns', 'ssdp', 'llmnr', 'smb', 'netbios',
  'api', 'ui', 'dashboard', 'broker', 'exporter',
]);
const SERVICE_CUES = new Set(['uses', 'use', 'using', 'on', 'at', 'via', 'and', 'or']);
// Words a word or two before `on`/`at` that say something is served there: "reachable on 9092", "mail on 25".
const SERVING = new Set(['mail', 'reachable', 'available', 'running', 'runs', 'served', 'exposed', 'bound', 'listener']);

const PREPOSITIONS = new Set(['for', 'of', 'de', 'do', 'da', 'du', 'des', 'del', 'von', 'der', 'для', 'di', 'van']);


const YEAR_WORDS = new Set([
  'in', 'since', 'by', 'until', 'from', 'of', 'year', 'around', 'circa', 'c.', 'before', 'after', 'during',
  'early', 'late', 'mid', 'spring', 'summer', 'autumn', 'fall', 'winter', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'to', 'and',
]);
