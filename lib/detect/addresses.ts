// Rules for addresses: `host:port` (names, IPv4, `localhost`, `[::1]`, `*`, `:::`, `%zone`, `scheme://:PORT`,
// `${HOST}:8080`, `::1:8883`), BSD and tcpdump `a.b.c.d.PORT`, dig's `#53`, resolver `addr@853`, compose
// mappings, socket tuples in code and the port field of DNS SRV records.

import {
  lowerCase,
  code,
  isAsciiLetter,
  isDigit,
  isHex,
  isHostChar,
  isLineSpace,
  lineBack,
  isSpace,
  isTokenChar,
  digitsEnd,
  HOST_WINDOW,
  type Scanner,
  startsLine,
  textBefore,
  textAfter,
  charAt,
  textBetween,
  digitAt,
} from './cursor';
import { protocolWordEndingAt } from './protocols';
import type { PortMatch, Protocol } from '../types';
import { SERVICE_PORTS } from './services';
import { Rule } from './reasons';
import { FILE_EXTENSION, hasFlag, lastPartCounts, NOT_HOST } from './vocabulary';

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}(?:%[\w.-]+)?$/;
const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** After a colon: host:port, [::]:443, *:22, :::8080, or a bare `:3000`. */
export function colonContext(st: Scanner, start: number, end: number, port: number, len: number): boolean {
  const colon = start - 1;
  const before = code(st, colon - 1);
  if (port === 0) return false; // 0.0.0.0:0 — the wildcard of socket tables, not a port anyone named
  const after = code(st, end);
  if (after === 64) return false; // user:1234@host — a password
  if (before === 93) return !isQuote(code(st, colon - 2)); // [::1]:8080, not Python's f"{r['name']:25}"
  if (before === 42 || before === 64) return true; // *:22, HAProxy's ipv6@:80
  if (protocolWordEndingAt(st, colon) || portKeyEndingAt(st, colon)) return true; // tcp:22, dpt:22
  if (before === 58) {
    // :::8080 (docker, netstat) is `::` + `:port`; anything else with `::` is inside an IPv6 address.
    return code(st, colon - 2) === 58 && !isHex(code(st, colon - 3)) && code(st, colon - 3) !== 58;
  }
  if (before === 47 && code(st, colon - 2) === 47) return true; // SSL://:9443, an empty host
  if (before === 125 && templateHostEndsAt(st, colon)) return true; // ${HOST}:8080, {{ .Host }}:8080
  if (before === 41 && /\$\([A-Za-z_]\w*\)$/.test(textBefore(st, colon, 40))) return true; // $(POD_IP):2380
  if (code(st, colon - 2) === 36 && isDigit(before)) return true; // a regex group as the host: `replacement: $1:9567`
  // A placeholder host in docs: https://<hostname>:9443, ["<cluster_name>:8070"], http://<ホスト名または IP>:3000
  if (before === 62 && /<[^\s<>/][^<>\n,]{0,30}>$/.test(textBefore(st, colon, 34))) return true;
  // A placeholder host in another script: https://ВАШ_ДОМЕН:8000/
  if (before > 127 && /:\/\/[^\s/:@]+$/.test(textBefore(st, colon, 48))) return true;
  if (!isHostChar(before)) {
    // Bare `:3000` after a space or `=` (lsof -i :3000, findstr :3716, sport = :3699). Not `:3`.
    // Not after a quote: "id":23016 is JSON.
    if (len < 2) return false;
    if (isQuote(before)) {
      // An opening quote (`address: ":80"`) — not the closing quote of a JSON key (`"id":23016`).
      const q = code(st, colon - 2);
      return q === -1 || isSpace(q) || ':=[,(`'.includes(st.s[colon - 2]); // Go: ListenAndServe(":2112", nil); `":5221"`
    }
    return before === -1 || isSpace(before) || '=(,`'.includes(st.s[colon - 1]); // `:9000`
  }
  let h = colon - 1;
  const limit = Math.max(0, colon - HOST_WINDOW);
  while (h >= limit && isHostChar(code(st, h))) h--;
  if (h < limit && h >= 0) return false;
  const hostStart = h + 1;
  const pb = code(st, h);
  // a:b:c chains (IPv6, MAC, times, file:line:col) — except after a port: ssh -L 8080:localhost:80.
  if (pb === 58 && st.prevEnd !== h && !protocolWordEndingAt(st, h) && !labelledHost(st, h, colon)) {
    return loopbackV6Port(st, h + 1, colon, len); // socat TCP:host:80
  }
  const host = textBetween(st, hostStart, colon);
  // A host after `scheme://` (http://web:80, tls://example:7422), whatever its name says.
  const afterScheme = pb === 47 && code(st, h - 1) === 47;
  // /src/app.js:42 is a path; Java writes a socket address /10.0.0.1:40492.
  if (pb === 47 && !afterScheme && !namespacedService(st, h, colon) && !IPV4.test(host)) return false;
  let hasLetter = false;
  let dots = 0;
  for (let k = 0; k < host.length; k++) {
    const c = charAt(host, k);
    if (isAsciiLetter(c)) hasLetter = true;
    else if (c === 46) dots++;
  }
  if (!hasLetter) return dots === 3 && IPV4.test(host); // 10.0.0.1:80
  if (host.includes('%')) return true; // 127.0.0.53%lo:53
  const lower = lowerCase(host);
  if (dots > 0) {
    const ext = lower.slice(lower.lastIndexOf('.') + 1);
    if (hasFlag(ext, FILE_EXTENSION)) return false; // main.go:42
    if (lower.endsWith('.')) return false;
    return true;
  }
  if (lower === 'localhost') return true;
  // …and a key whose last part says it is a value: `rsa_keygen_bits:2048`, `max_connections:500`.
  if (hasFlag(lower, NOT_HOST) || (lower.includes('_') && lastPartCounts(lower))) return afterScheme; // tls://example:7422 is a host still
  if (code(st, start - 2) === 95 && lower !== '_default_') return false; // not Apache's <VirtualHost _default_:443>
  // fd08:4711::1, 2a01:238:20a:…: a hex group, this number, then more groups is an IPv6 address.
  if (after === 58 && (isHex(code(st, end + 1)) || code(st, end + 1) === 58) && /^[\da-f]{1,4}$/i.test(host))
    return false;
  // `+Inf:23` (histogram buckets), `[I 20:47:48 server:283]` (a log's module:line), `--user=root:123` (a password)
  if (pb === 43 || after === 93 || /(?:^|[\s-])(?:user|u)[=\s]$/i.test(textBefore(st, hostStart, 8))) return false;
  // A bare name: compose service (db:5432) or an image tag (node:20, redis:7). Tags are short.
  if (afterScheme) return true; // http://web:80
  if (pb === 64) return true; // user@host:22
  // Image tags are short (node:20, redis:7); 80 and 53 after a service name are its port (`http-svc:80`, `kube-dns:53`).
  // Not a time: `T05:53:11` (an ISO timestamp's minutes) ends its "host" in a digit and goes on with `:`.
  const named = (port === 80 || port === 53) && !digitAt(st, colon - 1) && after !== 58;
  return (len >= 3 || named) && !imageContext(st, hostStart);
}

/**
 * `eg:192.168.1.2:9876`, Ceph's `v2:10.0.0.1:3300`, Postfix's `inet:localhost:8891` and `smtp:mx.example.com:2525`:
 * an IPv4 address or a host name after a word label (not IPv6's `::ffff:10.0.0.1`, nor `fe80:…`).
 */
function labelledHost(st: Scanner, colonBeforeHost: number, colon: number): boolean {
  if (colon - colonBeforeHost < 5) return false; // shorter than a.io: no host (and no string to build)
  const host = textBetween(st, colonBeforeHost + 1, colon);
  if (!DOTTED_QUAD.test(host) && !/^(?:localhost|[a-z][\w-]*(?:\.[\w-]+)*\.[a-z]{2,})$/i.test(host)) return false;
  return /(?:^|[^\w:])[a-z]*[g-z][a-z]*\d?$/i.test(textBefore(st, colonBeforeHost, 12));
}

/** `kube-system/kube-dns:53`: a namespace and a service name, not a path (one slash, after a space or quote). */
function namespacedService(st: Scanner, slash: number, colon: number): boolean {
  const m = /(?:^|[\s"'=])[a-z][\w-]*$/i.exec(textBefore(st, slash, 40));
  return !!m && !textBetween(st, slash + 1, colon).includes('.');
}

/** `dpt:22`, `port:80` in iptables listings and filters. */
export function portKeyEndingAt(st: Scanner, k: number): boolean {
  let b = k - 1;
  while (b >= 0 && b >= k - 6 && isAsciiLetter(code(st, b))) b--;
  if (isTokenChar(code(st, b))) return false;
  return /^(?:dpts?|spt|[ds]?port)$/i.test(textBetween(st, b + 1, k));
}

/** Whether an IPv4 address ends just before `k` (dig's `127.0.0.53#53`, BSD's `127.0.0.1.5432`). */
export function ipv4EndsAt(st: Scanner, k: number): boolean {
  const from = k - 15; // code() reads -1 before the text
  let b = k - 1;
  while (b >= from && (digitAt(st, b) || code(st, b) === 46)) b--;
  if (isTokenChar(code(st, b)) && code(st, b) !== 45) return false;
  return DOTTED_QUAD.test(textBetween(st, b + 1, k));
}

/** The address before `#` in BIND's and dig's `addr#port`: IPv4 (`127.0.0.53#53`) or IPv6 (`::1#58114`). */
export function hashAddressEndsAt(st: Scanner, k: number): boolean {
  return ipv4EndsAt(st, k) || ipv6EndsAt(st, k);
}

/** Whether a compressed IPv6 address (with `::`, as BIND and Icinga print them) ends just before `k`. */
export function ipv6EndsAt(st: Scanner, k: number): boolean {
  return /(?:^|[\s(=,])[\da-f:]*::[\da-f:]*$/i.test(textBefore(st, k, 40));
}

/** netstat on BSD/macOS: `127.0.0.1.5432`, `*.3000` (the run starts after the dot). */
export function bsdSocketAddress(st: Scanner, start: number): boolean {
  const dot = start - 1;
  if (code(st, dot - 1) === 42) return isSpace(code(st, dot - 2)); // *.3000
  if (!digitAt(st, dot - 1)) return false;
  const after = digitsEnd(st, start);
  // tcpdump: `IP 10.0.0.1.52814 > 10.0.0.2.443: Flags`
  if (!isSpace(code(st, after)) && !(code(st, after) === 58 && isSpace(code(st, after + 1)))) return false;
  return ipv4EndsAt(st, dot);
}

/**
 * `::1:8883` with nothing before `::1` but a space, `=` or a quote, on a `tcp6`/`udp6` line or after a listener
 * key: the loopback address and a port. Anywhere else `::1:8883` is an IPv6 address.
 */
function loopbackV6Port(st: Scanner, hostStart: number, colon: number, len: number): boolean {
  if (len < 2 || colon - hostStart !== 1 || code(st, hostStart) !== 49) return false; // the host is `1`
  if (code(st, hostStart - 1) !== 58 || code(st, hostStart - 2) !== 58) return false;
  const b = code(st, hostStart - 3);
  if (!(b === -1 || isLineSpace(b) || b === 61 || isQuote(b))) return false;
  const lineStart = lineBack(st, hostStart, 160);
  return /^\s*(?:tcp|udp)6\b|\b(?:listen\w*|listeners?[\w.]*|bind\w*|address)\s*[=:]?\s*["']?$/i.test(
    textBetween(st, lineStart, hostStart - 2),
  );
}

/** `${HOST}`, `{{ .Values.host }}`, `%(host)s`-style template placeholders end at `k`. */
function templateHostEndsAt(st: Scanner, k: number): boolean {
  const from = k - 48;
  let open = k - 2;
  // Before the text st.s[open] is undefined, which includes() reads as "undefined": no brace, as code()'s -1 was not.
  while (open >= from && !'{}\n'.includes(st.s[open])) open--;
  if (open < from || code(st, open) !== 123) return false;
  const c = code(st, open - 1);
  // ${HOST}, {{ .Host }}, #{host}, or a placeholder name in docs: http://{hostname}:15672
  return c === 36 || c === 123 || c === 35 || /^\{[A-Za-z_][\w.-]*\}$/.test(textBetween(st, open, k));
}

/** A resolver address `9.9.9.9@853`, `2620:fe::fe@853` (unbound, knot): the number after `@` is its port. */
export function resolverPort(st: Scanner, start: number): boolean {
  let at = start - 1;
  // …or of a subnet (NSD's ACLs): 192.0.2.0/24@5300, 2001:db8::/32@5300
  let slash = at - 1;
  while (slash > at - 4 && digitAt(st, slash)) slash--;
  if (slash < at - 1 && code(st, slash) === 47) at = slash;
  if (ipv4EndsAt(st, at)) return true;
  let b = at - 1;
  while (b >= 0 && at - b < 40 && (isHex(code(st, b)) || code(st, b) === 58)) b--;
  const address = textBetween(st, b + 1, at);
  return address.includes('::') || (address.match(/:/g)?.length ?? 0) >= 2;
}

/**
 * The port of a DNS SRV record: `_sip._tcp.example.com. 86400 IN SRV 10 60 5060 sip.example.com.`, also as a
 * table row whose value cell holds priority, weight, port and target (`| SRV | _xmpp._tcp | \`0 5 5222 host.\` |`).
 */
export function srvRecordPort(st: Scanner, start: number): boolean {
  return /\bSRV(?:\s+|\s*\|[^\n|]*\|\s*`?)\d{1,5}\s+\d{1,5}\s+$/.test(textBefore(st, start, 80));
}

/** `FROM node:…`, `image: redis:…`, `docker pull x:…` — what follows is a tag. */
export function imageContext(st: Scanner, hostStart: number): boolean {
  return /\b(?:FROM|image:?|pull|push)\s+$/i.test(textBefore(st, hostStart, 16));
}

/** A token that can be a host: an IPv4 address or a DNS-style name with a letter. */
export function isHostLike(_st: Scanner, token: string): boolean {
  if (DOTTED_QUAD.test(token)) return true;
  return (
    /^[a-z\d](?:[a-z\d-]*[a-z\d])?(?:\.[a-z\d-]+)*$/i.test(token) && /[a-z]/i.test(token) && !token.startsWith('-')
  );
}

/** Docker compose `"5432:5432"` and YAML list items `- 8080:80`. */
export function composeMapping(
  st: Scanner,
  start: number,
  end: number,
  cb: number,
  ca: number,
  timeLike: boolean,
): boolean {
  if (ca !== 58 || !digitAt(st, end + 1) || timeLike) return false;
  // "0:0:0:0:0:0:0:1", "2001:0db8:85a3::", "8302:58c6::" are IPv6 addresses, not mappings.
  if (/^\d+:[\da-f]*(?:[a-f]|:)/i.test(textAfter(st, start, 16))) return false;
  // Quoted, unless a user key owns it: compose's `user: "1001:1001"`, `--user '1000:1000'` (a uid and gid).
  if (isQuote(cb))
    return !/\b(?:user|uid|gid|owner|chown)\W{0,3}$/i.test(textBefore(st, start - 1, 12)) && listOfPorts(st, start);
  return cb === 32 && code(st, start - 2) === 45 && startsLine(st, start - 2) && listOfPorts(st, start);
}

/** A YAML list's key, when it has one: `ports:`, not `years: ['2020:2022']` or `communities:` (`- 64512:200`). */
function listOfPorts(st: Scanner, start: number): boolean {
  const key = /(?:^|\n)[ \t]*(?:- )?([\w.-]+):[ \t]*\[?(?:\n[ \t]*-[^\n]*)*[^\n]*$/.exec(textBefore(st, start, 240));
  return !key || /port|publish|forward|map/i.test(key[1]);
}

/**
 * A socket address tuple in code: `HTTPServer(("", 8000), …)`, `sock.connect(("db.example.com", 5432))`; a host and
 * port as two arguments among others when the host is an address or a dotted name: `Worker('ci.example.com', 9989,
 * name)`, Twisted's `IPv4Address(TCP, '127.0.0.1', 54015)`.
 */
export function socketTuple(st: Scanner, start: number, end: number): boolean {
  let after = end;
  while (code(st, after) === 32) after++;
  const closer = code(st, after);
  if (closer !== 41 && closer !== 125 && closer !== 44) return false;
  const before = textBefore(st, start, 72);
  const m =
    /([({,])\s*(["'])(|localhost|[\d.]+|[\da-f:]*:[\da-f:]*|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}|[a-z][\w-]*)\2\s*,\s*$/i.exec(
      before,
    );
  if (!m) return false;
  // Among other arguments, not before a number (`retry('example.com', 10, 3)`), since that would read as a list.
  if (m[1] === ',' || closer === 44)
    return (
      closer !== 125 &&
      !(closer === 44 && /^\s*\d/.test(textAfter(st, after + 1, 8))) &&
      (m[3] === 'localhost' || DOTTED_QUAD.test(m[3]) || /\.[a-z]{2,}$/i.test(m[3]))
    );
  if (closer !== (m[1] === '(' ? 41 : 125)) return false;
  // A one-word host only as a socket constructor's argument: new Address("broker", 5552), not ("retries", 3).
  return (
    !/^[a-z][\w-]*$/i.test(m[3]) ||
    m[3] === 'localhost' ||
    /(?:address|socket|endpoint)\w*\s*$/i.test(before.slice(0, m.index))
  );
}

const isQuote = (c: number) => c === 34 || c === 39;

let servicePorts: Map<string, number> | undefined;

/** The service names of services.ts, each with the port it stands for (read from the list once). */
export function portsByServiceName(): ReadonlyMap<string, number> {
  return (servicePorts ??= new Map(
    SERVICE_PORTS.split(' ').flatMap((w, i, a) => (i & 1 ? [] : [[w, Number(a[i + 1])] as const])),
  ));
}
const SERVICE_AFTER_COLON = /:([a-z][a-z\d-]*[a-z\d])(?=$|[\s),;\]]|->)/g;
// The host of a socket address, ending at the colon: `*`, `localhost`, an IPv4 address (with a `%zone`), `[::1]`,
// netstat's `::` or a dotted name. A bare word (`Note:http`, `see:ssh`) is never a host here.
const SOCKET_HOST = /(\*|localhost|\d{1,3}(?:\.\d{1,3}){3}(?:%[\w.-]+)?|\[[\w:.%]+\]|::|[a-z\d-]+(?:\.[a-z\d-]+)+)$/;

/**
 * Service names in socket addresses, as `ss`, `netstat` and `lsof` print them without -n: `*:http-alt`,
 * `0.0.0.0:postgresql`, `localhost:ipp`, `TCP *:ssh (LISTEN)`. The match spans the name and carries the port the
 * name stands for (services.ts); `tcp`/`udp` at the start of the line or right before the address gives the protocol.
 */
export function serviceNameMatches(text: string, before = ''): PortMatch[] {
  const out: PortMatch[] = [];
  if (!/:[a-z]/.test(text)) return out; // no name after a colon: most texts, tested before any string is built
  const prefix = before.slice(-64);
  const s = prefix + text;
  const re = SERVICE_AFTER_COLON;
  re.lastIndex = prefix.length;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const port = portsByServiceName().get(m[1]);
    if (port === undefined) continue;
    const colon = m.index;
    const host = SOCKET_HOST.exec(s.substring(colon - 48, colon))?.[1];
    if (!host) continue;
    const hostStart = colon - host.length;
    const c = charAt(s, hostStart - 1);
    if (!(hostStart === 0 || isSpace(c) || c === 40 || c === 61)) continue;
    if (host.includes('.') && /[a-z]/.test(host) && hasFlag(host.slice(host.lastIndexOf('.') + 1), FILE_EXTENSION))
      continue;
    if (colon < prefix.length) continue;
    const start = colon + 1 - prefix.length;
    const match: PortMatch = { start, end: start + m[1].length, port, rule: Rule.ServiceName };
    // lsof's `TCP *:ssh`; netstat's and `ss -a`'s `tcp` (or `udp6`) at the start of the line.
    const protocol = /(?:^|\n)\s*(tcp|udp)6?\s[^\n]*$|\b(tcp|udp) $/i.exec(s.substring(hostStart - 120, hostStart));
    if (protocol) match.protocol = lowerCase(protocol[1] ?? protocol[2]) as Protocol;
    out.push(match);
  }
  return out;
}
