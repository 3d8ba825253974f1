// The words detection knows, and what each one means to it: a contributor edits this file, and only this file,
// to teach detection a word. One entry per word (a duplicate key fails `tsc`); a word may play several parts,
// written as `ROLE | FLAG | FLAG`. Words are lower case; lookups lower-case the text first.

import { lowerCase } from './cursor';

// What a word before a number makes of it (at most one per word).
export const PROSE = 1; // "port 8080", "Puerto 8080"
export const KEY = 2; // glued machine keys: dport, containerport, localforward
export const LISTEN = 3; // `listen 443 ssl;` as a directive at the start of a line
export const LISTENING = 4; // "listening on 8080"
export const EXPOSE = 5; // Dockerfile EXPOSE: a space-separated list
export const KEY_OR_FILLER = 6; // `target: 80`, `published=8080`, `<number>80`; otherwise a filler
export const UFW_VERB = 7; // ufw allow|deny|reject|limit N
export const GREP = 8; // `ss -tlnp | grep N`
export const SPORT = 9; // nft `tcp sport N`
export const NFT_SET = 10; // nft `elements = { 22, 80 }` of a set of `type inet_service`
export const NAMED_VALUE = 11; // `name="sip-port" value="5060"`: the value of the setting named before it
export const ROLE = 15;

// Flags: what else a word says, wherever it stands.
export const NOT_HOST = 16; // `pid:1234`, `line:42`: a key of a key:value pair, not a host
export const FILE_EXTENSION = 32; // `main.go:42` is a source position
export const FILLER = 64; // may sit between a keyword and its number: "port number is 8080"
export const HARDWARE = 128; // `USB port 2`: a hardware port
export const SERVICE = 256; // "8500 for HTTP", "IMAP runs on 143"
export const JOINER = 512; // between two ports of a range or list: "80 and 443", "9200 through 9203"
export const COUNT_NOUN = 1024; // after a number, a count: "3 times", "8080 ms"
export const YEAR_WORD = 2048; // before a year: "in 2023", "since 1999"
export const LOCAL_CUE = 4096; // "MySQL uses 3306" after a port in the same paragraph
export const LOCAL_FOLLOWER = 8192; // after a number, it goes on as a clause: "80 for", "443 and"
export const PREPOSITION = 16384; // "the port for PostgreSQL is 5432": one name after it may be skipped
export const SERVING = 32768; // "reachable on 9092", "mail on 25"
export const SERVICE_CUE = 65536; // "uses 8500 for HTTP"
export const THROUGH = 131072; // a joiner that makes a range: "9200 through 9203", "bis", "до"

export const VOCABULARY = {
  // PROSE
  ports: PROSE | COUNT_NOUN,

  // LISTEN
  listen: LISTEN,
  listener: LISTEN | SERVING,

  // LISTENING
  listening: LISTENING,
  listens: LISTENING,

  // EXPOSE
  expose: EXPOSE,

  // KEY_OR_FILLER
  number: KEY_OR_FILLER | FILLER,
  target: KEY_OR_FILLER | LOCAL_CUE,
  published: KEY_OR_FILLER,
  accept: KEY_OR_FILLER,
  services: KEY_OR_FILLER,

  // UFW_VERB
  allow: UFW_VERB,
  deny: UFW_VERB,
  reject: UFW_VERB,
  limit: UFW_VERB | NOT_HOST,

  // GREP
  grep: GREP,
  // NFT_SET
  elements: NFT_SET,
  findstr: GREP,
  'select-string': GREP,

  // SPORT
  sport: SPORT,
  sports: SPORT,

  // NAMED_VALUE (and Helm's `--set env[0].name=PORT,env[0].value=3000`)
  value: NAMED_VALUE | NOT_HOST,
  '.value': NAMED_VALUE,

  // FILLER
  num: FILLER | NOT_HOST,
  is: FILLER | LOCAL_CUE | LOCAL_FOLLOWER,
  then: FILLER | LOCAL_CUE | LOCAL_FOLLOWER,
  to: FILLER | JOINER | LOCAL_CUE | LOCAL_FOLLOWER | THROUGH | YEAR_WORD,
  by: FILLER | LOCAL_FOLLOWER | YEAR_WORD,
  from: FILLER | LOCAL_FOLLOWER | YEAR_WORD,
  in: FILLER | LOCAL_FOLLOWER | YEAR_WORD,
  out: FILLER,
  on: FILLER | LOCAL_CUE | LOCAL_FOLLOWER | SERVICE_CUE,
  at: FILLER | NOT_HOST | SERVICE_CUE | LOCAL_CUE,
  use: FILLER | LOCAL_CUE | SERVICE_CUE,
  uses: FILLER | LOCAL_CUE | SERVICE_CUE,
  using: FILLER | LOCAL_CUE | SERVICE_CUE,
  von: FILLER | PREPOSITION,
  del: FILLER | PREPOSITION,
  по: FILLER | JOINER | THROUGH,

  // COUNT_NOUN
  second: COUNT_NOUN | NOT_HOST,
  minute: COUNT_NOUN | NOT_HOST,
  hour: COUNT_NOUN | NOT_HOST,
  day: COUNT_NOUN | NOT_HOST,
  year: COUNT_NOUN | NOT_HOST | YEAR_WORD,

  // JOINER
  through: JOINER | LOCAL_FOLLOWER | THROUGH,
  and: JOINER | LOCAL_CUE | LOCAL_FOLLOWER | SERVICE_CUE | YEAR_WORD,
  or: JOINER | LOCAL_CUE | LOCAL_FOLLOWER | SERVICE_CUE,
  al: JOINER | LOCAL_CUE | THROUGH,

  // LOCAL_CUE
  for: LOCAL_CUE | LOCAL_FOLLOWER | PREPOSITION,
  via: LOCAL_CUE | SERVICE_CUE,

  // LOCAL_FOLLOWER
  для: LOCAL_FOLLOWER | PREPOSITION,

  // PREPOSITION
  of: PREPOSITION | YEAR_WORD,
} satisfies Record<string, number>;

// The larger groups of words that play one part each, as space-separated lists (the same data, fewer bytes in the
// content script). A word is in the object above or in one list, never twice: test/detect.structure.test.ts checks.
export const WORD_LISTS: readonly (readonly [number, string])[] = [
  [FILLER | LOCAL_FOLLOWER, 'was are as only also instead'],
  [FILLER | LOCAL_CUE, 'like el sur le la auf'],
  [JOINER | LOCAL_CUE | LOCAL_FOLLOWER, 'y e et und и'],
  [LOCAL_CUE, 'tries try suggests targets than not onto über ueber open opens forward'],
  [LOCAL_FOLLOWER, 'with but every too para pour für per whose which where while unless'],
  [SERVING, 'mail reachable available running runs served exposed bound answers accepts'],
  [LISTENING, 'écoute ecoute lauscht escucha ascolta nasłuchuje слушает прослушивает'],
  [PREPOSITION, 'de do da du des der di van'],
  [
    PROSE,
    'serverport port puerto puertos porta portas porte poort poorten portnummer portnummern port-nummer portnr ' +
      'portno standardport zielport quellport порт порта порту портом порты портов портам портами портах порте porcie portu porty portów portach portları portlarını',
  ],
  [
    KEY,
    'dport dports lport rport tcpport udpport hostport nodeport containerport targetport listenport localport remoteport ' +
      'httpport httpsport sslport mgmtport adminport serviceport proxyport smtpport dbport spt dpt endport ' +
      'localforward remoteforward dynamicforward exposes exposing listenstream listendatagram http.server portid toport ' +
      'connectport leftikeport rightikeport rtpstart rtpend',
  ],
  [
    FILLER,
    'numbers ranging typically usually normally the no no. nr nr. range ranges were set default defaults standard between such ' +
      'below above under over up e.g. i.e. eg ie changed becomes remains tcp udp sctp dccp now still e.g i.e por defecto ' +
      'es predeterminado en padrão padrao é na par défaut defaut est ist standardmäßig lautet predefinita è ' +
      'умолчанию на номер это rango intervalo bereich plage диапазон dal selection assignment allocation 默认是 ' +
      '默认为 默认 缺省为 デフォルトは 既定は 既定値 기본값은 valor',
  ],
  [
    HARDWARE,
    'usb usb-c usb-a hdmi serial com ethernet lan wan sfp sfp+ switch displayport thunderbolt charging parallel ' +
      'pcie audio headphone rj45 rj-45 poe uplink gigabit expansion vga dvi firewire sata printer midi joystick ' +
      'game mini micro front rear back side physical fiber fibre sfp28 qsfp console ps/2 i/o io dock lightning ' +
      'stack stacking trunk access patch panel hub',
  ],
  [
    COUNT_NOUN,
    'times more other others seconds minutes hours days weeks months years percent items devices people users ' +
      'hosts machines connections requests bytes packets gb mb kb ms milliseconds attempts sockets interfaces',
  ],
  [
    NOT_HOST,
    'pid ino dev protocol protocols rsa ecdsa dsa bits builtin ppid id uid gid tid sid line lines col column status code error errors err errno ' +
      'count size len length step page pages time timeout version ver rev level lvl total max min row retry ' +
      'retries workers threads attempt index idx offset seq ttl exit signal rc ret val weight priority prio score rank ' +
      'chapter verse part item rfc cve iso isbn issn doi pmid arxiv tel fax phone ext room gate file stdin stdout ' +
      'stderr input dockerfile makefile note notes ref issue pr bug ticket build run job task epoch batch width ' +
      'height depth month age qty amount price cost memory mem cpu disk uptime latency duration elapsed took fd ' +
      'rtpmap fmtp inode node sha md5 hash commit frame frames fps ratio rate aspect loader internal test tests case sample ' +
      'example image tag user session post followers following likes views stars forks votes replies',
  ],
  [
    FILE_EXTENSION,
    'js mjs cjs ts tsx jsx mts cts py go rb java kt kts c cc cpp cxx h hh hpp hxx inl rs php cs swift scala ex exs erl lua ' +
      'sh bash zsh txt log yaml yml json toml md html htm css scss vue svelte conf cfg ini xml sql tf hcl gradle ' +
      'dart m mm pl pm r jl clj hs ml fs vb ps1 bat cmd lock env service socket properties j2 tpl ejs erb',
  ],
  [JOINER | THROUGH, '- – — ~ 〜 ～ .. thru till hasta a até ate à au bis до 到 至 から'],
  [JOINER, ': , -> & 、 ， and/or plus o ou oder или i ve 和 或 与 及 以及 と 및 와 과'],
  [
    SERVICE,
    'http https dns ssh smtp smtps imap imaps pop3 pop3s ldap ldaps rdp grpc rpc tls ftp ftps sftp ntp snmp mqtt stomp ' +
      'amqp gossip telnet syslog kerberos vnc sip xmpp irc websocket websockets starttls mdns ssdp llmnr smb ' +
      'netbios api ui dashboard broker exporter hls rtsp rtmp webrtc quic',
  ],
  [
    YEAR_WORD,
    'since until around circa c. before after during early late mid spring summer autumn fall winter january ' +
      'february march april may june july august september october november december',
  ],
];

const WORDS = new Map<string, number>(Object.entries(VOCABULARY));
for (const [roles, list] of WORD_LISTS) for (const word of list.split(' ')) WORDS.set(word, roles);

/** Every word the vocabulary knows, with its roles. */
export const ALL_WORDS: ReadonlyMap<string, number> = WORDS;
/** Everything the vocabulary says about a lower-cased word (0 when it knows nothing). */
export function wordRoles(lower: string): number {
  return WORDS.get(lower) ?? 0;
}

/** Whether the vocabulary gives `lower` the flag. */
export function hasFlag(lower: string, flag: number): boolean {
  return ((WORDS.get(lower) ?? 0) & flag) !== 0;
}

/** Whether a key's last part (after its last `.` or `_`) says it holds a count or a value: `file_count`, `max_connections`. */
export function lastPartCounts(lower: string): boolean {
  return hasFlag(/[^._]*$/.exec(lower)![0], COUNT_NOUN | NOT_HOST);
}

/** Whether the vocabulary gives `word`, written in any case, the flag. */
export function wordHasFlag(word: string, flag: number): boolean {
  return hasFlag(lowerCase(word), flag);
}
