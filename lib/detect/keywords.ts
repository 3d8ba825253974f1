// Rules that read the words around a number: a keyword before it (port, Puerto, --port, containerPort:,
// listen), a keyword or particle after it (8080端口, "5984 is CouchDB's port"), flags checked against the
// command's grammar, positional arguments of known commands, and the prose cues (local context, a protocol
// named beside a bare number, a default beside a port setting).

import {
  argumentOf,
  FORWARD,
  HOST_PORT_COMMANDS,
  isNetcat,
  LISTS_SOCKETS,
  NETCAT_SWITCHES,
  NOT_PORT,
  PORT as PORT_ARGUMENT,
  POSITIONAL_COMMANDS,
} from './commands';
import {
  code,
  isAsciiLetter,
  isDigit,
  isGapPunct,
  isHex,
  isLineSpace,
  isSpace,
  isTokenChar,
  accepted,
  Kind,
  KEYWORD_WINDOW,
  LINE_WINDOW,
  MAX_KEYWORD_LENGTH,
  previousWord,
  type Scanner,
  segmentBefore,
  segmentCommand,
  segmentIncludes,
  skipSpacesBack,
  startsLine,
  lineStartOf,
  textBefore,
  textAfter,
  textBetween,
  digitAt,
  lowerCase,
  charAt,
  lineBack,
  lineAhead,
} from './cursor';

import { isHostLike, portsByServiceName } from './addresses';
import { Refusal, Rule } from './reasons';
import { protocolWordAt, protocolWordEndingAt } from './protocols';
import { inTableRow } from './shapes';
import {
  ALL_WORDS,
  COUNT_NOUN,
  EXPOSE,
  FILLER,
  GREP,
  HARDWARE,
  hasFlag,
  KEY,
  KEY_OR_FILLER,
  LISTEN,
  LISTENING,
  LOCAL_CUE,
  LOCAL_FOLLOWER,
  NOT_HOST,
  PREPOSITION,
  PROSE,
  ROLE,
  SERVICE,
  SERVICE_CUE,
  SERVING,
  NFT_SET,
  NAMED_VALUE,
  SPORT,
  UFW_VERB,
  wordRoles,
  YEAR_WORD,
  wordHasFlag,
  lastPartCounts,
} from './vocabulary';

/** A keyword right after the number: `8080端口`, `8080番ポート`, `8080 포트`, nc's `5432 port [tcp/…]`. */ export function rightKeyword(
  st: Scanner,
  end: number,
): boolean {
  if (st.s.startsWith(' port [', end) && protocolWordAt(st, end + 7)) return true; // nc -zv output
  let k = end;
  if (code(st, k) === 96) k++; // `9180` 端口
  if (code(st, k) === 32) k++;
  const c = code(st, k);
  if (c < 0x3000) return false;
  for (const word of RIGHT_KEYWORDS) if (st.s.startsWith(word, k)) return true;
  // Japanese counts ports by 番: `8443 番に追加`, `40772 番を使って` (four digits at least: `110番に電話` is a phone call).
  if (digitAt(st, end - 4) && /^番[にをでがはのと、]/.test(textAfter(st, k, 2))) return true;
  // The first of a pair: `9201和9301端口`, `80、443端口`, `4370 和 5370 端口`.
  if (c === 0x548c || c === 0x3001 || c === 0x6216 || c === 0x4e0e) {
    const from = code(st, k + 1) === 32 ? k + 2 : k + 1;
    let d = from;
    while (d < st.n && d - from < 6 && code(st, d) >= 48 && code(st, d) <= 57) d++;
    return d > from && rightKeyword(st, d);
  }
  return false;
}

// Counters and units after a number in CJK and Korean: `3 个`, `5次`, `6000 毫秒`, `3개`, `30초`, and yen (`3000円`).
// Not yuan or won: 元 and 원 also begin words a port may stand before (`8080 元数据`, `22 원격 접속`).
const CJK_COUNTERS =
  /^ ?(?:个|個|次|秒|毫秒|分(?:钟|鐘|おき|間|ごと|後)|天|条|條|项|項|台|倍|字节|年|月|日|件|位|つ|개|초|분|회|년|円)/;

/** A count noun right after the number: `3 times`, `8080 ms`, `2 ports`. */
export function countNounAfter(st: Scanner, end: number): boolean {
  const c = code(st, end);
  if (c >= 0x3000 || (c === 32 && code(st, end + 1) >= 0x3000)) return CJK_COUNTERS.test(textAfter(st, end, 3));
  if (c !== 32) return false;
  // Over a protocol word: "3 UDP ports" counts them.
  const m = /^ (?:(?:tcp|udp|sctp) )?([a-zа-яё]{1,12})/i.exec(textAfter(st, end, 30));
  // …and in Russian, by the stem of seconds, minutes, hours, days, years and times: "5 минут", "в 2024 году".
  return !!m && (wordHasFlag(m[1], COUNT_NOUN) || /^(?:сек|мин|час|дн|год|лет|раз|мс)/.test(m[1]));
}

/**
 * A number between CJK words in a clause that names a port: `ポート番号を省略すると 443 を使います`,
 * `端口填 9411（`, `포트 번호를 생략하면 443을`; not a count, a size, a date or an offset (`3 个`, `3072 位`, `2024 年`,
 * `偏移量 1000`).
 */
export function cjkClause(st: Scanner, start: number, end: number, len: number): boolean {
  // Over a space, a code span's backtick or both: `默认端口由 \`3699\` 改成了`; a Korean clause after a comma.
  let before = start - 1;
  let after = end;
  while (' `,'.includes(st.s[before]) && before > start - 3) before--;
  while (' `'.includes(st.s[after]) && after < end + 2) after++;
  if (len < 2) return false;
  // A range the port word follows: `9010~9019 범위의 포트`, `20000-20100 端口`.
  if ('~～〜-'.includes(st.s[end]) && /^.\d{2,5} ?(?:[^\s\d]{1,6} ?)?(?:포트|端口|ポート)/.test(textAfter(st, end, 20)))
    return code(st, before) >= 0x3000;
  return (
    code(st, before) >= 0x3000 &&
    code(st, after) >= 0x3000 &&
    !countNounAfter(st, end) &&
    /(?:端口|ポート|포트|埠|默认(?:使)?用)[^。！？\n]*(?<!偏移量? ?)$/.test(textBefore(st, start, 40))
  );
}

/** A plural noun right after the number (`8600 downloads`, `1200 fixes`): what is counted, not a port. */
function pluralAfter(st: Scanner, end: number): boolean {
  if (code(st, end) !== 32) return false;
  const word = /^[a-z]{4,}/.exec(textBetween(st, end + 1, end + 20))?.[0];
  return !!word && word.endsWith('s') && !/(?:ss|us|is)$/.test(word);
}

/** Switch and patch-panel ports: `the switch uplink to port 24`, `configure port 24 as the trunk`. */
export function switchNearby(st: Scanner, start: number): boolean {
  const from = Math.max(0, start - 56);
  const window = lowerCase(textBetween(st, from, start + 28));
  // "USB port 2 is for the keyboard; TCP port 2 is compressnet": a protocol names the port it is, and so does a
  // setting (`# 0 switches it off⏎port = 0`).
  return SWITCH_WORDS.test(window) && !/(?:tcp|udp) port $|= ?$/.test(window.slice(0, start - from));
}

/**
 * Reads backwards from the number over gap punctuation and up to three filler words to a keyword.
 * `Port 22`, `port: 80`, `port number is 8080`, `--port=3000`, `containerPort: 8080`, `порт 5432`, `ポート8080`.
 * Returns the keyword's kind (and sets the rule), or 0; a keyword that rules the number out sets the reason.
 */
export function keywordBefore(st: Scanner, start: number, end: number, port: number): Kind | 0 {
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
        if (sawNewline) return 0;
        sawNewline = true;
      }
      k--;
      continue;
    }
    // A spaced hyphen reads as a dash: "HTTPS port - 443"; Python 2's repr quotes with a u: `u'port': u'6883'`.
    if (
      isGapPunct(c) ||
      (c === 45 && s.charCodeAt(k - 1) === 32 && s.charCodeAt(k + 1) === 32) ||
      (c === 117 && k + 2 === start && s.charCodeAt(k + 1) === 39)
    ) {
      if (c === 123) sawBrace = true;
      k--;
      continue;
    }
    // A default after a key: `process.env.PORT || 3000`, `env.PORT ?? 8080`.
    if ((c === 124 || c === 63) && s.charCodeAt(k - 1) === c) {
      k -= 2;
      continue;
    }
    if (c === 44 || c === 0xff0c) {
      sawComma = true;
      k--;
      continue;
    }
    // `port(s): 8080` (Spring Boot)
    if (c === 41 && lowerCase(textBefore(st, k + 1, 7)) === 'port(s)') {
      return finishKeyword(st, Kind.Prose, sawNewline, end, Rule.Keyword);
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
      else if (
        (tc | 32) === 112 &&
        t + 3 <= k &&
        (s.charCodeAt(t + 1) | 32) === 111 &&
        (s.charCodeAt(t + 2) | 32) === 114 &&
        (s.charCodeAt(t + 3) | 32) === 116
      ) {
        hasPort = true;
      }
      t--;
    }
    if (t === k) return 0;
    const tokenStart = t + 1;
    const tokenLength = k + 1 - tokenStart;
    // Too long to be a keyword, unless a long dotted key ends in its port: traefik's
    // `traefik.http.services.my-service.loadbalancer.server.port=8080`.
    if ((t < limit && t >= 0) || tokenLength > MAX_KEYWORD_LENGTH) {
      return words === 0 && code(st, k + 1) === 61 && /[._-][Pp]ort$|[a-z]Port$/.test(s.slice(k - 4, k + 1))
        ? finishKeyword(st, Kind.Key, sawNewline, end, Rule.ConfigKey)
        : 0;
    }
    // Most words before a number are no keyword and no filler: rule them out without building a string.
    if (
      !dotOrWide &&
      !hasPort &&
      (fillers === 0 || skippedName) &&
      s.charCodeAt(tokenStart) !== 45 &&
      !mayBeForwardTarget(s, tokenStart) &&
      !WORD_SHAPES.has(wordShape(s.charCodeAt(tokenStart), s.charCodeAt(k), tokenLength))
    ) {
      return words === 0 ? portsMapKey(st, tokenStart, k + 1, sawNewline) : 0;
    }
    const token = s.slice(tokenStart, k + 1);
    const lower = lowerCase(token);
    const kind = classifyKeyword(st, token, lower, tokenStart, port, words);
    if (kind === REFUSED) return 0;
    if (kind > 0) {
      // "ports, from 0-1023" is fine, and so are "a UDP port, 67 for DHCPv4" and "the peer port, 51413, is"; "ports,
      // 2024" is not.
      if (sawComma && kind === Kind.Prose && fillers === 0 && !st.s.startsWith(' for ', end) && code(st, end) !== 44) {
        st.rule = 0;
        return 0;
      }
      const rule = st.rule || (kind === Kind.Prose ? Rule.Keyword : token[0] === '-' ? Rule.Flag : Rule.ConfigKey);
      st.rule = 0;
      if (sawBrace) return accepted(st, Kind.Expose, rule); // pf/nft sets: port { 22 80 443 }
      return finishKeyword(st, kind as Kind, sawNewline, end, rule);
    }
    if (words === 0 && kind === NOT_KEYWORD) return portsMapKey(st, tokenStart, k + 1, sawNewline);
    words++;
    if (kind === FILLER_WORD && fillers < 4) {
      fillers++;
      k = t;
      continue;
    }
    // "The port number for PostgreSQL is 5432", "Le port par défaut de MySQL est 3306": one name after a
    // preposition, when a verb like "is" sits between the name and the number.
    // Two words for the name: "The default port for leaf nodes is 7422".
    if (!skippedName && fillers >= 1 && words <= 2) {
      let prep = previousWord(st, tokenStart, limit);
      if (prep && !wordHasFlag(prep.word, PREPOSITION) && /^[a-z]+$/.test(prep.word))
        prep = previousWord(st, prep.start, limit);
      if (prep && wordHasFlag(prep.word, PREPOSITION)) {
        skippedName = true;
        k = prep.start - 1;
        continue;
      }
    }
    return 0;
  }
  return 0;
}

function finishKeyword(st: Scanner, kind: Kind, sawNewline: boolean, end: number, rule: Rule): Kind | 0 {
  if (sawNewline) {
    // "1. Ports\n 2. Port 3716": a numbered list item after a heading is not a port.
    const ca = code(st, end);
    if ((ca === 46 || ca === 41) && (isSpace(code(st, end + 1)) || code(st, end + 1) === -1)) return 0;
  }
  return accepted(st, kind, rule);
}

const NOT_KEYWORD = 0;
const FILLER_WORD = -1;
const REFUSED = -2;
// A hardware port is numbered from 0 or 1 up to a switch's few dozen; `consolePorts: [12000, 12001]` and "uplink
// port 1700" are network ports whatever the word before says.
const HARDWARE_INDEX_LIMIT = 1000;

type WordKind = Kind | typeof NOT_KEYWORD | typeof FILLER_WORD | typeof REFUSED;

/**
 * What the word before the number is: a keyword (its Kind; a rule id other than the default may be set),
 * FILLER_WORD (skip it and read on), NOT_KEYWORD, or REFUSED (a keyword in a context that rules the number
 * out, e.g. `ps -p`, `USB port`; the reason is set).
 */
function classifyKeyword(
  st: Scanner,
  token: string,
  lower: string,
  tokenStart: number,
  port: number,
  wordsBetween: number,
): WordKind {
  const first = charAt(token, 0);
  if (first === 45) {
    if (token === '-') return yamlPortsItem(st, tokenStart) ? accepted(st, Kind.Key, Rule.Compose) : NOT_KEYWORD;
    return classifyFlag(st, token, tokenStart, wordsBetween, port);
  }
  const wide = charAt(token, token.length - 1) >= 128;
  // `UDP-порты 500 и 4500`: a wide word after a protocol and a hyphen is that word.
  const roles = wordRoles(wide ? lower.replace(/^(?:tcp|udp)-/, '') : lower);
  if (wide) {
    if (CJK_KEYWORD_SUFFIX.test(token)) return Kind.Prose;
    // `BROKER_PORT가 33000`, `http_portは 8080`: a key with a Korean or Japanese particle glued on is that key.
    const key = KEY_WITH_PARTICLE.exec(token);
    if (key) return classifyKeyword(st, key[1], lowerCase(key[1]), tokenStart, port, wordsBetween);
    // A listener verb (`слушает на 7890`) is read below, as every language's is.
    if ((roles & ROLE) !== LISTENING)
      return (roles & ROLE) === PROSE ? Kind.Prose : roles & FILLER ? FILLER_WORD : NOT_KEYWORD;
  }
  // One map lookup answers for every exact word; most words before a number are in none of the tables.
  switch (roles & ROLE) {
    case PROSE:
      return port < HARDWARE_INDEX_LIMIT && hardwareBefore(st, tokenStart)
        ? refusedWord(st, Refusal.Hardware)
        : Kind.Prose;
    case KEY:
      return lower.endsWith('ports') ? Kind.KeyList : Kind.Key;
    case LISTEN:
      // Config directives `listen 443 ssl;` / `Listen 80` / mosquitto's `listener 1883` start their line, or a
      // commented-out line (`# listen 8443 ssl;`); LISTEN is a socket state.
      // …and the verb in a sentence: "the example does listen on 53".
      return (/^(?:[Ll]isten|listener)$/.test(token) && startsConfigLine(st, tokenStart) && wordsBetween === 0) ||
        (lower === 'listen' && wordsBetween === 1 && st.s.startsWith(' on ', tokenStart + token.length))
        ? Kind.Key
        : NOT_KEYWORD;
    case LISTENING:
      return token !== 'LISTENING' && wordsBetween <= 3 ? Kind.Key : NOT_KEYWORD; // listens by default on 8080
    case EXPOSE:
      return wordsBetween === 0 ? Kind.Expose : NOT_KEYWORD;
    case KEY_OR_FILLER: {
      if (wordsBetween === 0) {
        let a = tokenStart + token.length;
        while (isLineSpace(code(st, a))) a++;
        const after = code(st, a);
        // compose long syntax `target: 80`, `published=8080`, stunnel `accept = 8443`, nmap `services="1-1000"`
        if (after === 58 || after === 61) return Kind.Key;
        if (lower === 'number' && code(st, tokenStart - 1) === 60) return Kind.Key; // IANA XML <number>80
      }
      return roles & FILLER ? FILLER_WORD : NOT_KEYWORD; // "port number is 8080"
    }
    case UFW_VERB: {
      // `ufw allow 22`, `ufw allow out 53`
      if (wordsBetween > 1 || (wordsBetween && !/^ (?:in|out) /.test(textAfter(st, tokenStart + token.length, 5)))) {
        return NOT_KEYWORD;
      }
      const prev = previousWord(st, tokenStart, tokenStart - 24);
      return prev?.word === 'ufw' || segmentCommand(st, tokenStart) === 'ufw'
        ? accepted(st, Kind.Key, Rule.Command)
        : NOT_KEYWORD;
    }
    case GREP:
      return wordsBetween === 0 && afterSocketLister(st, tokenStart)
        ? accepted(st, Kind.Key, Rule.Command)
        : NOT_KEYWORD;
    case SPORT:
      return protocolWordEndingAt(st, skipSpacesBack(st, tokenStart)) ? Kind.Key : NOT_KEYWORD;
    case NFT_SET:
      return textBefore(st, tokenStart, 80).includes('inet_service') ? Kind.Expose : NOT_KEYWORD;
    case NAMED_VALUE:
      return wordsBetween === 0 && namedValue(st, tokenStart) ? Kind.Key : NOT_KEYWORD;
  }
  if (roles & FILLER) return FILLER_WORD;
  const hasPort = lower.includes('port');
  if (hasPort) {
    // Go templates: `{{ index .Ports 0 }}` indexes a list.
    // …and its field of an expression: `(index .spec.containers 0).ports 0`.
    if (
      first === 46 &&
      (code(st, tokenStart - 1) === 41 || previousWord(st, tokenStart, tokenStart - 12)?.word === 'index')
    ) {
      return refusedWord(st, Refusal.TemplateIndex);
    }
    // ip_local_port_range = 32768 60999, net.inet.ip.portrange.first=1024 (not portrange.randomized=0), and the
    // bounds or filters of a port set: port_min, port-range-end, outgoing-port-permit, outgoing-port-avoid.
    if (
      /(?:^|[._-])ports?[._-]?(?:range(?:\.(?:hi|low)?(?:first|last))?|(?:range[._-])?(?:min|max|start|end|permit|avoid))$/.test(
        lower,
      )
    )
      return Kind.Expose;
    if (/^(?:tcp|udp|sctp)\.(?:src|dst)port$/.test(lower)) return Kind.Key; // Wireshark: tcp.dstport == 853
    // …also numbered: pgpool's wd_port0, heartbeat_port1
    const end = lower.length - (isDigit(charAt(lower, lower.length - 1)) ? 1 : 0);
    const plural = lower.endsWith('ports', end);
    if (plural || lower.endsWith('port', end)) {
      const p = end - (plural ? 5 : 4);
      const sep = charAt(lower, p - 1);
      const separated = sep === 95 || sep === 46 || sep === 45;
      // containerPort, SSLPort, ListenPort: a capital P after a letter.
      if (separated || (charAt(token, p) === 80 && isAsciiLetter(charAt(token, p - 1)))) {
        // USB-Port 2, usb_port, DisplayPort 2
        if (
          port < HARDWARE_INDEX_LIMIT &&
          (hasFlag(lower.slice(0, separated ? p - 1 : p), HARDWARE) || lower === 'displayport')
        ) {
          return refusedWord(st, Refusal.Hardware);
        }
        return plural ? Kind.KeyList : Kind.Key;
      }
      // A known key after a qualifier: Libreswan's `tcp-remoteport=8443`; a game server's `rconport="28016"`,
      // `Standard-Voiceport 9987`.
      const last = lower.slice(lower.search(/[^._-]*$/));
      return (wordRoles(last) & ROLE) === KEY || isGluedPortKey(last) ? Kind.Key : NOT_KEYWORD;
    }
    // helm: master.service.ports.redis=6380, port_https: 443; not a count of them: find_pasv_port_attempts.
    // …and its lists: NFQWS_PORTS_TCP=80,443
    const key = /(?:^|[._])port(s?)[._]\w/.exec(lower);
    if (key) return lastPartCounts(lower) ? NOT_KEYWORD : key[1] ? Kind.KeyList : Kind.Key;
  }
  // mosquitto/EMQX `listener.tls = 8883`, `listeners.tcp.default = 1883`; not a listener's limits (VerneMQ's
  // `listener.max_connections = 10000`, `listener.nr_of_acceptors = 10`). A listen address given as a port alone:
  // `LISTEN_ADDR="3307"`.
  if (
    /^listen(?:ers?\.[\w.]+|-(?:tcp|udp|https?)|_addr(?:ess)?)$/.test(lower) &&
    code(st, skipSpacesForward(st, tokenStart + token.length)) === 61
  ) {
    return /\.(?:max|min|nr|num)_\w+$/.test(lower) || lastPartCounts(lower) ? NOT_KEYWORD : Kind.Key;
  }
  // NATS and the like: `http: 8222` alone on its config line is the monitoring port.
  if (
    (lower === 'http' || lower === 'https') &&
    wordsBetween === 0 &&
    code(st, tokenStart + token.length) === 58 &&
    startsConfigLine(st, tokenStart) &&
    port >= 80
  ) {
    let after = skipSpacesForward(st, tokenStart + token.length + 1);
    while (digitAt(st, after)) after++;
    after = skipSpacesForward(st, after);
    if (after >= st.n || code(st, after) === 10) return Kind.Key;
  }
  // Node: `app.listen(3000)`, `server.listen(8080, …)`
  if (lower.endsWith('.listen') && code(st, tokenStart + token.length) === 40)
    return accepted(st, Kind.Key, Rule.Command);
  if (
    wordsBetween === 0 &&
    port > 0 &&
    (lower === 'localhost' || lower === 'http' || lower.includes('.')) &&
    isHostLike(st, token)
  ) {
    // nc -zv example.com 80, telnet host.example 25, ngrok http 3000
    if (argumentOf(segmentCommand(st, tokenStart), 2) === PORT_ARGUMENT) return accepted(st, Kind.Key, Rule.Command);
  }
  // kubectl port-forward svc/web 8080:80, kubectl port-forward web 8080 9090, … svc/web -n prod 8080:80
  if (wordsBetween === 0 && mayBeForwardTarget(st.s, tokenStart) && segmentIncludes(st, tokenStart, 'port-forward')) {
    return accepted(st, Kind.Expose, Rule.Command);
  }
  return NOT_KEYWORD;
}

/**
 * The word at `t` may be `kubectl port-forward`'s target: after a kind (`svc/web`), the verb, a namespace flag
 * (`-n prod`), or a shell variable (`-n db $POD_NAME 8080:9187`: `$` ends a token, so the variable is its name).
 */
function mayBeForwardTarget(s: string, t: number): boolean {
  return '/$'.includes(s[t - 1]) || s.startsWith('port-forward ', t - 13) || s.startsWith('-n ', t - 3);
}

function refusedWord(st: Scanner, why: Refusal): typeof REFUSED {
  st.why = why;
  return REFUSED;
}

function skipSpacesForward(st: Scanner, k: number): number {
  while (isLineSpace(code(st, k))) k++;
  return k;
}

/** A line that starts with `k`, or a commented-out one (`# listen 8443`, `; Port 22`, `// listen 80`). */
function startsConfigLine(st: Scanner, k: number): boolean {
  let b = skipSpacesBack(st, k) - 1;
  const c = code(st, b);
  if (c === 35 || c === 59 || (c === 47 && code(st, b - 1) === 47)) b -= c === 47 ? 2 : 1;
  return startsLine(st, b + 1);
}

/**
 * A key named after a service under a ports map: `ports:⏎  memcached: 11211`, `containerPorts:⏎  metrics: 9121`,
 * HCL's `ports {⏎  http = 4646`. The key starts its line and the first less-indented key above it (a few lines
 * up) names ports.
 */
function portsMapKey(st: Scanner, keyStart: number, keyEnd: number, sawNewline: boolean): Kind | 0 {
  // A key ends in `:` or ` = `; every word before a number gets here, so characters, not a slice and a regex.
  let sep = keyEnd;
  while (code(st, sep) === 32) sep++;
  const c = code(st, sep);
  // APISIX `node_listen:` with its ports listed below, `admin_listen: 9180`
  if (c === 58 && sep === keyEnd && /[_.-]listen$/i.test(textBetween(st, keyStart, keyEnd)))
    return accepted(st, Kind.KeyList, Rule.ConfigKey);
  if (sawNewline || digitAt(st, keyStart) || !(c === 61 || (c === 58 && sep === keyEnd))) return 0; // not `1:` of `1:2:3`
  // A setting about the ports, not one of them: `port:⏎  port-count: 20`, `ports:⏎  max_open: 512`.
  if (/count|max|min|size/i.test(textBetween(st, keyStart, keyEnd))) return 0;
  const lineStart = lineStartOf(st, keyStart);
  if (lineStart < 0) return 0;
  const indent = keyStart - lineStart;
  if (indent === 0) return 0;
  let line = lineStart;
  for (let lines = 0; lines < 8 && line > 0; lines++) {
    const above = lineStartOf(st, line - 1);
    if (above < 0) return 0;
    let k = above;
    while (k < line - 1 && isLineSpace(code(st, k))) k++;
    if (k === line - 1) return 0; // a blank line ends the map
    // …and over the sibling items of an inline-table list: `allowPorts = [⏎  { start = 2000, end = 3000 },⏎  { single = 3001 },`
    if (k - above < indent && code(st, k) !== 123) {
      const key = textBetween(st, k, line - 1).trimEnd();
      return /^(?:[\w-]*ports|ports?[\w-]*)(?::| *\{| *= *\[)$/i.test(key) ? accepted(st, Kind.Key, Rule.PortsMap) : 0;
    }
    if (k - above > indent || code(st, k) === 45) return 0;
    line = above;
  }
  return 0;
}

/** `ss -tlnp | grep 3716`, `netstat -ano | findstr 3389`. */
function afterSocketLister(st: Scanner, grepStart: number): boolean {
  const b = skipSpacesBack(st, grepStart) - 1;
  if (code(st, b) !== 124) return false;
  return argumentOf(segmentCommand(st, b), '|') === LISTS_SOCKETS;
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
    const line = textBetween(st, pb + 1, prevEnd).trim();
    if (/^(?:ports|expose):$/i.test(line)) return true;
    if (!line.startsWith('-')) return false;
    lineEnd = pb + 1;
  }
  return false;
}

function classifyFlag(st: Scanner, token: string, tokenStart: number, wordsBetween: number, port: number): WordKind {
  if (wordsBetween > 0) return NOT_KEYWORD;
  if (token[1] === '-') {
    const name = lowerCase(token.slice(2));
    if (name === 'top-ports' || name === 'max-ports') return refusedWord(st, Refusal.CountOfPorts);
    if (/ports?-?ranges?$/.test(name)) return Kind.Expose; // --destination-port-ranges 443 8443
    // --dports, zapret's --filter-tcp=80,443,8000-8999 (not a switch: --force-tcp=1)
    if (name.endsWith('ports') || (port > 9 && /.-(?:tcp|udp)$/.test(name))) return Kind.KeyList;
    if (
      /port(?:\d|-m(?:in|ax))?$/.test(name) || // --port, imapsync's --port1 and --port2, --port-min
      name === 'publish' ||
      name === 'expose' ||
      /^listen(?:-(?:tcp|udp|https?))?$/.test(name) ||
      name === 'port-forward'
    ) {
      return Kind.Key;
    }
    return NOT_KEYWORD;
  }
  const letters = token.slice(1);
  // nc -lu 5140, nc -l -u 5140, nc -lk 8000: the port netcat listens on, after its switches.
  if (NETCAT_SWITCHES.test(letters) && isNetcat(segmentCommand(st, tokenStart))) {
    if (letters.includes('l') || /\s-[a-z]*l/.test(segmentBefore(st, tokenStart))) return Kind.Key;
  }
  // ssh -NR 20310:localhost:22, ssh -fNL …: switches that take no value before the forwarding flag
  if (/^[fNnqTtvCgk46]+[LRD]$/.test(letters) && flagAllowed(st, tokenStart, letters.slice(-1))) return Kind.Key;
  if (letters.length === 1) {
    // `ss -tlnp | grep -E -w '25|80'`: the pattern after grep's own flags
    if (
      'Ewe'.includes(letters) &&
      segmentCommand(st, tokenStart) === 'grep' &&
      afterSocketLister(st, tokenStart - segmentBefore(st, tokenStart).length)
    )
      return accepted(st, Kind.KeyList, Rule.Command);
    if (!flagAllowed(st, tokenStart, letters)) return refusedWord(st, Refusal.FlagNoPort);
    return letters === 'p' ? Kind.KeyList : Kind.Key;
  }
  if (argumentOf(segmentCommand(st, tokenStart), token) === PORT_ARGUMENT) return Kind.Key; // nats-server -ms 8443
  // PowerShell: -Port 1433, -LocalPort 1433; Go's one-dash flags: -port=3500, -metricsPort=9324,
  // -server.http-listen-port=3101; Proxmox firewall rules: -dport 443, -sport 53; ssh -oPort=2222
  if (/^[A-Za-z]\w*Port$|^(?:[\w.-]*[.-]|[dso])?[Pp]ort$/.test(letters)) return Kind.Key;
  // nc -lvnp 4444, nc -lp 4444
  if (/^[a-z]{2,5}$/.test(letters) && letters.endsWith('p') && letters.includes('l')) return Kind.Key;
  return NOT_KEYWORD;
}

/** Whether a single-letter flag takes a port for the command of its segment (see commands.ts). */
export function flagAllowed(st: Scanner, flagStart: number, letter: string): boolean {
  const flag = `-${letter}`;
  const meaning = argumentOf(segmentCommand(st, flagStart), flag);
  // `-p` and `-P` are ports unless the command says otherwise; `-L`, `-R`, `-D`, `-l` only where it says so, and
  // that command may follow a wrapper (`meshctl ssh -L 8080:localhost:80`, `docker exec web nc -l 4444`).
  if (letter === 'p' || letter === 'P') return meaning !== NOT_PORT;
  const after = meaning ?? argumentOf(previousWord(st, flagStart, flagStart - 24)?.word ?? null, flag);
  return after === PORT_ARGUMENT || after === FORWARD;
}

/** `USB port`, `serial port`, `USB-C port`, `the front port`. */
export function hardwareBefore(st: Scanner, keywordStart: number): boolean {
  let k = keywordStart - 1;
  while (k >= 0 && k >= keywordStart - 4 && (isLineSpace(code(st, k)) || code(st, k) === 45)) k--;
  if (k === keywordStart - 1) return false;
  const end = k + 1;
  const from = end - 16; // code() reads -1, no token character, before the text
  while (k >= from && (isTokenChar(code(st, k)) || code(st, k) === 43 || code(st, k) === 47)) k--;
  return wordHasFlag(textBetween(st, k + 1, end), HARDWARE);
}

const LOCAL_WINDOW = 160;

/**
 * A sentence already about ports: "PostgreSQL uses 5432; MySQL uses 3306", "from port 22 to something like
 * 2222", "the pod listens on 8080 but the Service targets 80". A bare number of two or more digits is a port
 * when a port was found shortly before in the same paragraph, a cue word (uses, like, on, and…) sits right
 * before it, and punctuation or a linking word (not a noun such as "threads") comes after it.
 */

export function localContext(
  st: Scanner,
  start: number,
  end: number,
  port: number,
  len: number,
  cb: number,
  ca: number,
): boolean {
  if (len < 2 || !isLineSpace(cb)) return false;
  if (firstOfList(st, start, end)) return true;
  const prev = previousWord(st, start, start - 16);
  if (!prev) return false;
  // A cue word, a Chinese "change it to" (`可以改成 8081`), "such as", or the start of a range ending the clause.
  const range = rangeStart(st, prev.word, end);
  if (
    !(
      range ||
      wordHasFlag(prev.word, LOCAL_CUE) ||
      /(?:改成|改为|换成|设为)$/.test(prev.word) ||
      (prev.word === 'as' && textBefore(st, prev.start, 5) === 'such ')
    )
  )
    return false;
  if (port >= 1900 && port <= 2099 && wordHasFlag(prev.word, YEAR_WORD)) return false;
  // Not what a setting of another kind is: "Port 8080; the timeout is 30" (but "Status on 10080").
  // …"the TOS byte is set to 184", "MaxSessions is 50", "把 MTU 设为 1200".
  const subject =
    /^(?:is|to)$|设为$/.test(prev.word) && /(\w+) (?:is )?(?:set )?$/.exec(textBefore(st, prev.start, 24));
  if (subject && (wordHasFlag(subject[1], NOT_HOST) || /^m(?:ax|in|tu)|byte/i.test(subject[1]))) return false;
  // After a port in the same paragraph, or in a sentence that names ports ("relay ports come from 49152"): there
  // with three digits at least, not a duration ("closed for 300") or a share ("rose from 40 to 95"), and not in an
  // IPv6 address ("listen on 2001:db8::5").
  const afterPort = st.lastPortEnd >= 0 && start - st.lastPortEnd <= LOCAL_WINDOW;
  const between = afterPort
    ? textBetween(st, st.lastPortEnd, start)
    : sentenceEnding(textBefore(st, start, LOCAL_WINDOW));
  if (
    !afterPort &&
    (len < 3 || prev.word === 'for' || !SENTENCE_PORT_WORD.test(between) || (ca === 58 && isHex(code(st, end + 1))))
  )
    return false;
  // Another paragraph, another table cell, or ICMP types after the ports.
  if (between.includes('\n\n') || /\||icmp/i.test(between)) return false;
  // A count just before ("larger than 512 bytes (or 1232 with EDNS)"): the clause is about sizes, not ports.
  const count = /(\d+) ([a-z]+)\b[^\d]*$/i.exec(between);
  if (count && wordHasFlag(count[2], COUNT_NOUN)) return false;
  return (range || endsClause(st, end, ca)) && !replyCode(st, start);
}

/** The start of a range that ends the clause: "everything from 20000 to 50000.", "between 40000 and 40100,". */
function rangeStart(st: Scanner, word: string, end: number): boolean {
  const to =
    /^(?:from|between)$/i.test(word) && /^ (?:to|and|through) \d{2,5}(?![\d:]|\.\d)/.exec(textAfter(st, end, 20));
  if (!to) return false;
  const last = end + to[0].length;
  return endsClause(st, last, code(st, last)) && !countNounAfter(st, last);
}

// A reply code and its list: "retries on 503 or 480 replies", "on 183 in reply", "408 or 487 reply codes".
const replyCode = (st: Scanner, start: number) =>
  /^`?\d+`?((,| or| and) \d+)* (in )?(repl|respon|codes?\b|status)/i.test(textAfter(st, start, 50));
const isYear = (st: Scanner, start: number, end: number) => /^(?:19[5-9]|20[0-3])\d$/.test(textBetween(st, start, end));

/**
 * The first of a list of bare numbers in a sentence about ports, listeners or a transport: "both 6789 and 3300
 * must be allowed", "scrape 8480, 8481 and 8482 as three jobs" (the list's other numbers follow it as a list).
 */
function firstOfList(st: Scanner, start: number, end: number): boolean {
  const list = /^(?:(?:,|,? and|,? or) \d{2,5}(?![\d.:]))+/.exec(textAfter(st, end, 48))?.[0];
  if (!list || isYear(st, start, end)) return false;
  // After a word (not a value in a row: `('10.0.0.1', 3306, 500)`), in prose (not aligned columns).
  const prev = previousWord(st, start, start - 24)?.word;
  if (!prev || !isAsciiLetter(code(st, start - 2)) || wordHasFlag(prev, NOT_HOST | COUNT_NOUN)) return false;
  const before = sentenceEnding(textBefore(st, start, LOCAL_WINDOW));
  const last = end + list.length;
  const sentence = before + /^[^.;!?\n]*/.exec(textAfter(st, last, 80))![0];
  return (
    !/ {2}|\|/.test(before) &&
    !countNounAfter(st, last) &&
    !pluralAfter(st, last) &&
    (SENTENCE_PORT_WORD.test(sentence) || /tcp|udp|firewall/i.test(sentence))
  );
}

// Characters after a number that end its clause (a string, not a chain of comparisons: bytes).
const CLAUSE_ENDS = '.,;):-\u2013\n\u3002\u3001\uff0c\uff1b'; // also 。、，；

/** Punctuation or a linking word after the number, not a noun ("and 80 (HTTP)", "on 25, ", not "on 2 hosts"). */
export function endsClause(st: Scanner, end: number, ca: number): boolean {
  if (ca === -1 || CLAUSE_ENDS.includes(st.s[end])) return true;
  if (ca !== 32) return false;
  let a = skipSpacesForward(st, end);
  if (code(st, a) === 40 || '\u2013\u2014|'.includes(st.s[a])) return true; // "and 80 (HTTP/1.1)", "on 3389 — ", a cell's end
  const from = a;
  while (a < st.n && a - from < 12 && (isAsciiLetter(code(st, a)) || (code(st, a) >= 0x400 && code(st, a) < 0x500)))
    a++;
  return wordHasFlag(textBetween(st, from, a), LOCAL_FOLLOWER);
}

/**
 * A protocol named beside a bare number: "Consul uses 8500 for HTTP, 8600 for DNS", "IMAP runs on 143",
 * "mail on 25,". After: `for`/`over` and the protocol, with a cue word before (or a port just before, in a
 * list). Before: the protocol a word or two ahead of `on`/`at`, and the clause ending after the number.
 */
export function serviceNamed(st: Scanner, start: number, end: number, len: number, cb: number, ca: number): boolean {
  if (len < 2) return false;
  // "NTP (123)", "the admin UI (8443)": the protocol or service just before the parenthesised number; not a
  // status code, "HTTP (200)".
  if (cb === 40 && ca === 41) {
    const word = previousWord(st, start - 1, 0)?.word.toLowerCase() ?? '';
    // …or a sentence about one port (`port`, not `ports`): "the port remote servers connect to (5269)"; not a year.
    return (
      (hasFlag(word, SERVICE) && !statusCode(st, start, len, word)) ||
      (len > 2 && !isYear(st, start, end) && ONE_PORT_WORD.test(sentenceEnding(textBefore(st, start, LOCAL_WINDOW))))
    );
  }
  if (!(isSpace(cb) || cb === -1)) return false;
  // Cheap first looks, since most bare numbers reach here: " f…"/" o…" after, or " on "/" at " before.
  const after = ca === 32 ? code(st, end + 1) | 32 : 0;
  if (after === 102 || after === 111 || after === 105 || after === 40) {
    const m = /^ (?:(for|over|is) |\()([a-z0-9]+)\b(\))?/i.exec(textAfter(st, end, 18));
    if (m && wordHasFlag(m[2], SERVICE)) {
      // "1900 is SSDP", "587 (STARTTLS)": the number names the protocol's port, unless it is an RFC's or a code.
      if (m[1] === 'is' || (!m[1] && m[3]))
        return !/[A-Z]{2,}\s*$/.test(textBefore(st, start, 12)) && !statusCode(st, start, len, lowerCase(m[2]));
      const cue = previousWord(st, start, start - 16)?.word.toLowerCase();
      if (cue && hasFlag(cue, SERVICE_CUE)) return true;
      // Listed after a port: "8500 for HTTP, 8600 for DNS".
      return code(st, skipSpacesBack(st, start) - 1) === 44 && st.lastPortEnd >= 0 && start - st.lastPortEnd < 48;
    }
  }
  // "Ports used by the image: 25 for inbound SMTP, 465 and 587 for submission": in a sentence that names ports,
  // a number given as a value (after `:`, `,`, "is", "to"…) that a named thing is for (not "for each", "for 2").
  if (
    (after === 102 || after === 97) &&
    /^(?: and \d{2,5})? for (?!(?:each|every|all|any|an?|one|some|\d)\b)/i.test(textAfter(st, end, 24)) &&
    /(?:[:,(]|\b(?:is|be|to|number|or|and|on))[\s`"]*$/.test(textBefore(st, start, 10)) &&
    SENTENCE_PORT_WORD.test(sentenceEnding(textBefore(st, start, LOCAL_WINDOW)))
  )
    return true;
  // "on", "at", "is" and the other languages' "on" (на, auf, sur, en, em).
  const on = previousWord(st, start - 1, start - 5);
  if (!on || !/^(?:on|at|is|на|auf|sur|en|em)$/i.test(on.word)) return false;
  let k = on.start;
  // "Authelia answers on 9091", "the JMX MBean server on `1099`": three digits or more, not a year, a count or a
  // reply code ("failover on 408 or 487 reply codes", "on 183 in reply").
  if (
    on.word === 'on' &&
    len > 2 &&
    endsClause(st, end, ca) &&
    !countNounAfter(st, end) &&
    !pluralAfter(st, end) &&
    !isYear(st, start, end) &&
    !replyCode(st, start)
  )
    return true;
  // "SMB is 445,", "syslog over TLS is 6514.": with "is", the protocol stands right before it, and is the subject
  // (not "the TTL for DNS is 300.").
  if (on.word === 'is') {
    const word = previousWord(st, k, 0);
    const before = word && previousWord(st, word.start, 0);
    return (
      !!word &&
      wordHasFlag(word.word, SERVICE) &&
      !(before && wordHasFlag(before.word, PREPOSITION)) &&
      endsClause(st, end, ca)
    );
  }
  for (let words = 0; words < 2; words++) {
    const word = previousWord(st, k, k - 24);
    if (!word) return false;
    const lower = lowerCase(word.word);
    if (hasFlag(lower, SERVICE | SERVING)) return endsClause(st, end, ca);
    k = word.start;
  }
  return false;
}

let namesOfPort: Map<number, RegExp> | undefined;

/**
 * A service named on the same line as its own registered port: `ldap  no  yes  389`, `| Submission | 587 |`,
 * "a plain instance of Redis needs 6379", or an HTML row's other cells. The number equals the port IANA gives that
 * name (services.ts).
 */
export function ownPortNamed(st: Scanner, start: number, end: number, port: number): boolean {
  // One pattern per port, made once: `ldap`, `submission|submissions`.
  if (!namesOfPort) {
    const names = new Map<number, string[]>();
    for (const [name, p] of portsByServiceName()) names.set(p, [...(names.get(p) ?? []), name]);
    namesOfPort = new Map(
      [...names].map(([p, n]) => [p, new RegExp(`(?:^|[^\\w.-])(?:${n.join('|')})(?![\\w-]|\\.\\w)`, 'i')]),
    );
  }
  const named = namesOfPort.get(port);
  return (
    !!named &&
    !countNounAfter(st, end) &&
    !pluralAfter(st, end) &&
    named.test(`${textBetween(st, lineBack(st, start, 80), lineAhead(st, end, 40))} ${st.context?.rowCells ?? ''}`)
  );
}

/** An HTTP status code beside the protocol's name, "HTTP (200)", "503 (HTTP)", "`503` (HTTP)": not its port. */
function statusCode(st: Scanner, start: number, len: number, word: string): boolean {
  return word === 'http' && len === 3 && code(st, code(st, start) === 96 ? start + 1 : start) < 54;
}

/** For the page-context upgrade: a bare number with nothing that says it is something else. */
export function bareNumberOk(st: Scanner, start: number, end: number, cb: number, ca: number): boolean {
  if (cb === 58 || cb === 45 || cb === 47 || cb === 61 || (cb === 40 && ca === 41)) return false;
  if (ca === 58 || ca === 45 || ca === 44 || ca === 47) return false;
  if (countNounAfter(st, end) || pluralAfter(st, end)) return false; // 8080 ms, 8600 downloads
  if (inTableRow(st, start)) return false; // a PID column can equal the port: postgres 5432 postgres  6u
  const window = textBefore(st, start, 24);
  const m = /([\p{L}\p{N}._-]+)[\s\u00a0]+$/u.exec(window);
  if (!m) return true;
  const word = m[1];
  if (/^[A-Z][A-Z0-9-]+$/.test(word)) return false; // RFC 6335, ISO 8601, HTTP 404
  if (wordHasFlag(word, NOT_HOST)) return false; // pid 4242, page 443, row 1031, issue 8080
  if (/^[A-Z]/.test(word)) {
    // A capitalised word mid-sentence: a brand or model (Nokia 3310, Intel 8080).
    const beforeWord = window.slice(0, m.index).trimEnd();
    if (beforeWord !== '' && !/[.!?:]$/.test(beforeWord)) return false;
  }
  const port = Number(textBetween(st, start, end));
  if (port >= 1900 && port <= 2099 && wordHasFlag(word, YEAR_WORD)) return false;
  return true;
}

/** First letter, last letter and length of a word, case-folded: a cheap pre-check for the vocabulary. */
function wordShape(first: number, last: number, length: number): number {
  return ((first | 32) << 16) | ((last | 32) << 8) | Math.min(length, 255);
}

// The shapes of every word that can be a keyword or a filler, so most words are ruled out without a lookup.
const WORD_SHAPES = new Set<number>();
for (const w of [...ALL_WORDS.keys()]
  .filter((w) => ALL_WORDS.get(w)! & (ROLE | FILLER))
  .concat('http', 'https', 'localhost', 'listen-tcp', 'listen-http', 'listen_addr', 'listen_address'))
  WORD_SHAPES.add(wordShape(charAt(w, 0), charAt(w, w.length - 1), w.length));

const SWITCH_WORDS =
  /\b(?:switch|switches|uplink|trunk|vlans?|pvid|lag\d|usb|hdmi|serial|patch panel|sfp|poe|ethernet|gigabit|buchsen?)\b/;

// Right-hand keywords in CJK and Korean: `8080端口`, `8080番ポート`, `8080 포트`, `8080번 포트`.
const RIGHT_KEYWORDS = ['端口', '番ポート', 'ポート', '포트', '号端口', '埠', '번 포트', '번포트', '两个端口'];
// Left keywords as a suffix of a CJK/Korean token: `默认端口是`, `端口默认为`, `也会监听`, `ポート番号は`, `포트는`.
const CJK_KEYWORD_SUFFIX =
  /(?:ポート|端口|埠|포트|监听|監聽)(?:番号|号|號|번호)?(?:[はをがのに为為是:]|改为|改成|设为|设置为|設為|默认为?|缺省为|는|은|를|이|가|을|에서|로|으로)?$/;
const KEY_WITH_PARTICLE = /^([\w.-]+)[가이는은를을はがを]$/;
// Particles and verbs after a number that say it is listened on: `8080で待ち受け`, `8080でリッスン`, `8080에서 수신`,
// and the port named a few words on: `22番の SSH ポート`.
const LISTEN_AFTER =
  /^(?:(?:番| )?で(?:待ち受け|待受|受け|リッスン|listen|起動)|번?에서 (?:수신|리슨|대기|실행)|上监听|上監聽|端口上|番[^\d。、]{0,8}ポート)/;

/**
 * The port named after the number: "5984 is CouchDB's port", "the 161 UDP port", "8080 port", `8080で待ち受け`,
 * a protocol ending the phrase (`8096 TCP`, "1900 UDP,").
 * Not a count ("2 ports"), a hardware port ("a 48 port switch") or a `16-bit port` field.
 */
export function wordAfterNumber(st: Scanner, start: number, end: number, ca: number): boolean {
  if (ca >= 0x3000 || (ca === 32 && code(st, end + 1) >= 0x3000)) return LISTEN_AFTER.test(textAfter(st, end, 16));
  if (end - start < 2) return false;
  // The first of a list that ends in the protocol: "80, 443 or 8080 over TCP".
  let after = textAfter(st, end, 60);
  if (ca === 44 && digitAt(st, end + 2)) after = after.replace(/^(?:(?:,| or| and| ve) \d{2,5})+/, '');
  else if (ca === 96)
    after = after.replace(/^`+/, ''); // ``8786`` portunu
  // ingress-nginx's TCP and UDP services: `"5432": "databases/postgres:5432"`
  else if (ca === 34) return /^": "[\w.-]+\/[\w.-]+:\d/.test(after);
  else if (ca !== 32) return false;
  // ufw status: `53 (v6)      ALLOW OUT   Anywhere`
  // …and Postfix's master.cf, a service named by its port: `2526      inet  n       -       n       -       -   smtpd`
  if (/^(?: \(v6\))? {2,}(?:ALLOW|DENY|REJECT|LIMIT)\b|^ +inet +[-yn] +[-yn] /.test(after) && startsLine(st, start))
    return true;
  // Cheap first look: the next word starts like is, tcp, udp, sctp, over or port (Turkish portu, portunu: the port;
  // numaralı portu: the port numbered).
  const next = charAt(after, 1) | 32;
  if (next !== 105 && next !== 116 && next !== 117 && next !== 115 && next !== 112 && next !== 110 && next !== 111)
    return false;
  const m =
    /^ (?:over (?:tcp|udp)\b|(?:is (?:the |a |its )?(?:[\w.-]+(?:'s|’s)? ){0,2}(?:default |standard |well-known )?|(?:tcp|udp|sctp) )(?:portları|port\b(?! ?(?:number|count|switch|hub|[-\d])))|(?:numaral[ıi] )?portu(?:nu|na|n?d[ae]n?)?\b|numaral[ıi] port\b|(?:tcp|udp|sctp)(?![\w-]| [\w-]))/i.exec(
      after,
    );
  if (!m) return false;
  // "on 8212 over TCP", not what was sent: "sent 120 over UDP".
  const cue = m[0].startsWith(' over') && previousWord(st, start, start - 16)?.word;
  if (cue && !wordHasFlag(cue, LOCAL_CUE)) return false;
  return !hardwareBefore(st, start) && !SWITCH_WORDS.test(lowerCase(after.slice(0, m[0].length)));
}

/**
 * A positional port argument of a command whose grammar is known (commands.ts): `runserver 8080`,
 * `python -m http.server 8000`, `sentinel monitor mymaster 127.0.0.1 6379 2`. Flags are skipped; a word that
 * is not a plain number or `addr:port` makes the position unknown.
 */
export function commandArgument(st: Scanner, start: number, _end: number, cb: number, ca: number): boolean {
  if (
    !isLineSpace(cb) ||
    !(ca === -1 || isSpace(ca) || ca === 59 || ca === 41 || ca === 34 || ca === 39 || ca === 96)
  ) {
    return false;
  }
  const segment = segmentBefore(st, start);
  // Only the commands read here alone: `nc example.com 80` and the like are read by classifyKeyword.
  if (!POSITIONAL_COMMANDS.test(segment)) return false;
  const words = segment.trim().split(/\s+/);
  // The last word of the segment that names a command with positional ports, and the words after it.
  for (let i = words.length - 1; i >= 0; i--) {
    // redis-server takes REPLICAOF as a flag too: `--replicaof HOST PORT`.
    const name = lowerCase(words[i]).replace(/^.*\/|^--(?=replicaof|slaveof)/, '');
    // Flags are no position, and neither is the value of a flag that takes one (`nc -w 3 relay 25`).
    const after = words.slice(i + 1);
    const skipped = after.filter(
      (w, j) => w[0] === '-' || (j > 0 && argumentOf(name, after[j - 1]) === NOT_PORT),
    ).length;
    const position = words.length - i - skipped;
    if (argumentOf(name, position) === PORT_ARGUMENT) {
      // `nc -vz nodeA 1523`, not "telnet is 23 years old", "nc version 7" or a flag's value (`--max-conns 3`).
      if (!HOST_PORT_COMMANDS.test(name)) return true;
      const host = words[words.length - 1];
      return (
        segmentCommand(st, start) === name && host[0] !== '-' && !wordHasFlag(host, FILLER | NOT_HOST | COUNT_NOUN)
      );
    }
    if (i < words.length - 3) break;
  }
  return false;
}

/**
 * `value` after the name of its setting, the name a port's: `<param name="sip-port" value="5060"/>`, .NET's
 * `<add key="ListenPort" value="8081"/>`, Hadoop's `<name>hbase.master.port</name>⏎<value>16000</value>`, a
 * Kubernetes env entry `- name: GRPC_PORT⏎  value: "50051"`, `{"name": "http-port", "value": 8080}`.
 */
function namedValue(st: Scanner, valueStart: number): boolean {
  const named = /(?:name|key)\W{1,4}([\w.-]+)(?![\w.-])(?:(?!(?:name|key)\W+\w)[\s\S])*$/i.exec(
    textBefore(st, valueStart, 160),
  );
  return !!named && PORT_SETTING.test(named[1]);
}

/**
 * A key glued to its port word, as game servers and old daemons write them: `queryport`, `rconport`, `steamport`,
 * `clientport`; not the English words that end so (support, transport, report, export, passport), nor SO_REUSEPORT
 * or IPsec's protoport.
 */
export function isGluedPortKey(word: string): boolean {
  return (
    /^[a-z]{2,16}port$/i.test(word) &&
    !/(?:sup|trans|pass|re|reuse|proto|ex|im|view|air|sea|tele|rap|de|display)port$/i.test(word)
  );
}

/**
 * A setting named for a port, as a key, a table cell or a usage line writes it: `port`, `sip-port`,
 * `hbase.master.port`, `UPTIME_PORT`, `gRPCPort`, memcached's `tcpport`, `--port=<num>` (not transport, support).
 */
export const PORT_SETTING =
  /^[\s*_`"-]*(?:[\w.-]{0,30}(?:[._-]|[a-z](?=Port)|tcp|udp))?(?:port|Port|PORT)s?[\s*_`"]*(?:=(?:<\w+>)?)?[\s*_`"]*$/;

/**
 * A default stated beside a setting about ports: `--port N … Default: 4173`, `defaults to 7000-7010`,
 * `(default: 9000)`, "The default is 873" after a port option.
 */
export function defaultBeside(st: Scanner, start: number): boolean {
  // A cheap first look: the word before (over spaces, quotes and `:=(*_`) ends in t, s, o or f ("default:",
  // "defaults to", "default is", "a default value of"), in a dot ("e.g."), in 认, 为, 如, 例 or は (默认, 默认为, 例如, 例:,
  // デフォルト値は, 既定値は), or in ю, g or я (по умолчанию, standardmäßig, используется).
  let b = start - 1;
  while (b > 0 && start - b < 8) {
    const c = code(st, b);
    if (!(isLineSpace(c) || ':=(*_"\'`'.includes(st.s[b]))) break;
    b--;
  }
  if (!'tsofTSOF.认为如例はюgя'.includes(st.s[b])) return false;
  if (
    !/(?:\bdefault(?:s|ed|ing)?(?: (?:is|to|value (?:is|of)|port is))?|默认为?|\be\.g\.|例如?|(?:デフォルト|既定)値?は|d[ée]faut|defecto|padr[ãa]o|predefinit[oa]|standardmäßig|умолчанию(?: [а-я]+)?)[\s:=(*_"'`]*$/i.test(
      textBefore(st, start, 24),
    )
  )
    return false;
  // The setting is the one on the same line (`--port <n>  Port to listen on. Default: 4173`), not the line above...
  const lines = textBefore(st, start, 200).split('\n');
  // ...or, on an indented line of its own under the option's description, the option and description above it
  // (back to the option's line, two lines at most).
  let from = lines.length - 1;
  if (/^\s+default/i.test(lines[from])) while (from > lines.length - 3 && /^\s/.test(lines[from])) from--;
  // In Chinese and Japanese its own sentence, or the one before when this one only says "the default is".
  const sentences = lines.slice(from).join(' ').split('。');
  let window = sentences.pop()!;
  if (/^\s*\S{0,8}\s*$/.test(window)) window = sentences.pop() + window;
  const context = st.context;
  // A count of ports: "How many ports to try; default 100", also said in another cell of the row.
  if (/\b(?:how many|number of)\b|次数|数量|个数/i.test(`${window} ${context?.rowCells ?? ''}`)) return false;
  // "A default value of 5672 for the listener port": prose, so the port is named in the same sentence.
  if ((code(st, b) | 32) === 102) {
    return (
      PORT_WORD.test(sentenceEnding(window)) || PORT_WORD.test(/^[^.\n;]{0,60}/.exec(textAfter(st, start, 60))![0])
    );
  }
  return (
    PORT_WORD.test(window) ||
    // …or the nearest label on its line: "* `port`：数据库连接端口。通过 ODP 连接默认为 `2883`".
    PORT_SETTING.test(/[^\s:：。]*(?=[:：][^:：]*$)|$/.exec(lines[lines.length - 1])![0]) ||
    (context !== undefined &&
      PORT_WORD.test(`${context.term ?? ''} ${context.heading ?? ''} ${context.columnHeader ?? ''}`))
  );
}

/**
 * A default said in words after the port it is for, with no other number between: "the port falls back to
 * 1883", "leave the port out and 953 is used", "web listener port, `3000` by default".
 */
export function defaultPhrase(st: Scanner, start: number, end: number, ca: number): boolean {
  return (
    (((ca === 32 || ca === 96) && /^`? (?:(?:is )?(?:used|assumed)|by default)\b/.test(textAfter(st, end, 13))) ||
      (code(st, start - 2) === 111 && /\bfalls? back to $/i.test(textBefore(st, start, 14)))) &&
    /(?:^|[^a-z])(?:port|listen)\D*$/i.test(textBefore(st, start, 80))
  );
}

/** "NodePorts come from the 30000-32767 range": a range named as one in a sentence about ports (its first end). */
export function rangeWordAfter(st: Scanner, start: number, end: number): boolean {
  const m = /^ ?[-\u2013] ?\d{1,5}( (?:port )?range\b)?/.exec(textAfter(st, end, 20));
  if (!m) return false; // most numbers start no range: read nothing before them
  const window = textBefore(st, start, 120);
  // Or named before it: "the user range (1024–49151)".
  if (!(m[1] || /range:? \(?$/.test(window))) return false;
  return PORT_WORD.test(sentenceEnding(window)) || PORT_WORD.test(st.context?.heading ?? '');
}

/** The last sentence of `text` (what follows its last `.`, `!`, `?` or `;` and a space, or a blank line). */
const sentenceEnding = (text: string) => text.split(/[.!?;]\s|\n\n/).pop()!;

/**
 * Labelled items after a lead-in about ports in the same sentence: "需开放端口号：控制台：8080；namesrv：9876",
 * "Open these ports: web: 8080; admin: 9090"; after a CJK lead-in the label may stand before the number with a
 * space only: "需要放通的端口：控制台 8080；namesrv 9876；broker 10909、10911".
 */
export function labelAfterLeadIn(st: Scanner, start: number, end: number, ca: number): boolean {
  const colon = code(st, skipSpacesBack(st, start) - 1);
  return (
    endsClause(st, end, ca) &&
    (colon === 58 || colon === 0xff1a ? LABELLED_ITEM : SPACED_CJK_ITEM).test(textBefore(st, start, 80))
  );
}
// An item's label: up to 16 characters that end no clause (the CJK ones cost three bytes each, so written once).
const LABEL = '[^。.\\n：:；;、，,\\d]{1,16}';
const LABELLED_ITEM = RegExp(
  `(?:端口号?|ポート|포트|\\bports?)\\s*[：:](?:${LABEL}[：:]\\s*\\d{1,5}\\s*[；;、，,]\\s*)*${LABEL}[：:]\\s*$`,
  'i',
);
const SPACED_CJK_ITEM = RegExp(
  `(?:端口|ポート|포트)[^\\s\\d：:。；]{0,6}[：:](?:${LABEL} \\d{1,5}(?:、\\d{1,5})*[；;，,]\\s*)*${LABEL} $`,
);

// A sentence about ports, not one that mentions a listen queue or a PortMapping call.
const SENTENCE_PORT_WORD =
  /\bports?\b|\blisten\w* (?:on|to|at)\b|\blisteners?\b|\bsockets?\b|\bbinds?\b|\bbound\b|puerto|porta|порт|ポート|端口|포트/i;
// The word for one port, not several (`port`, `porta`, `порт`, not `ports`, `порты`).
const ONE_PORT_WORD = /\bporta?\b|puerto\b|(?<![а-я])порт(?![ыо])|ポート|端口|포트/i;
// A word about ports, not `export` or `support`.
const PORT_WORD =
  /(?:^|[^a-z])port|Port|PORT|listen|Listen|LISTEN|(?<![a-z])(?:[Pp]uerto|[Pp]orta)|(?<![а-я])[Пп]орт|ポート|端口|포트/;
