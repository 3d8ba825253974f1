// The words detection knows, and what each one means to it: a contributor edits this file, and only this file,
// to teach detection a word. One entry per word (a duplicate key fails `tsc`); a word may play several parts,
// written as `ROLE | FLAG | FLAG`. Words are lower case; lookups lower-case the text first.

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
  serverport: PROSE, port: PROSE, ports: PROSE | COUNT_NOUN, puerto: PROSE, puertos: PROSE, porta: PROSE,
  portas: PROSE, porte: PROSE, poort: PROSE, poorten: PROSE, portnummer: PROSE, portnummern: PROSE,
  'port-nummer': PROSE, portnr: PROSE, portno: PROSE, standardport: PROSE, zielport: PROSE, quellport: PROSE,
  'порт': PROSE, 'порта': PROSE, 'порту': PROSE, 'портом': PROSE, 'порты': PROSE, 'портов': PROSE, 'портам': PROSE,
  'портами': PROSE, 'портах': PROSE, 'порте': PROSE,

  // KEY
  dport: KEY, dports: KEY, lport: KEY, rport: KEY, hostport: KEY, nodeport: KEY, containerport: KEY, targetport: KEY,
  listenport: KEY, localport: KEY, remoteport: KEY, httpport: KEY, httpsport: KEY, sslport: KEY, mgmtport: KEY,
  adminport: KEY, serviceport: KEY, proxyport: KEY, smtpport: KEY, dbport: KEY, spt: KEY, dpt: KEY, endport: KEY,
  localforward: KEY, remoteforward: KEY, dynamicforward: KEY, exposes: KEY, exposing: KEY, listenstream: KEY,
  listendatagram: KEY, 'http.server': KEY,

  // LISTEN
  listen: LISTEN, listener: LISTEN | SERVING,

  // LISTENING
  listening: LISTENING, listens: LISTENING,

  // EXPOSE
  expose: EXPOSE,

  // KEY_OR_FILLER
  number: KEY_OR_FILLER | FILLER, target: KEY_OR_FILLER | LOCAL_CUE, published: KEY_OR_FILLER,

  // UFW_VERB
  allow: UFW_VERB, deny: UFW_VERB, reject: UFW_VERB, limit: UFW_VERB,

  // GREP
  grep: GREP, findstr: GREP, 'select-string': GREP,

  // new keys: nmap XML `portid="443"` and `services="1-1000"`, stunnel `accept = 8443`
  portid: KEY, accept: KEY_OR_FILLER, services: KEY_OR_FILLER,

  // SPORT
  sport: SPORT, sports: SPORT,

  // FILLER
  numbers: FILLER, ranging: FILLER, typically: FILLER, usually: FILLER, normally: FILLER, the: FILLER, no: FILLER, 'no.': FILLER, nr: FILLER, 'nr.': FILLER, num: FILLER | NOT_HOST, range: FILLER,
  is: FILLER | LOCAL_CUE | LOCAL_FOLLOWER, was: FILLER | LOCAL_FOLLOWER, are: FILLER | LOCAL_FOLLOWER, were: FILLER,
  set: FILLER, to: FILLER | JOINER | LOCAL_CUE | LOCAL_FOLLOWER | YEAR_WORD | THROUGH, default: FILLER, defaults: FILLER,
  by: FILLER | LOCAL_FOLLOWER | YEAR_WORD, on: FILLER | LOCAL_CUE | LOCAL_FOLLOWER | SERVICE_CUE,
  at: FILLER | NOT_HOST | SERVICE_CUE, from: FILLER | LOCAL_FOLLOWER | YEAR_WORD, between: FILLER, below: FILLER,
  above: FILLER, under: FILLER, over: FILLER, up: FILLER, like: FILLER | LOCAL_CUE, 'e.g.': FILLER, 'i.e.': FILLER,
  eg: FILLER, ie: FILLER, as: FILLER | LOCAL_FOLLOWER, use: FILLER | LOCAL_CUE | SERVICE_CUE,
  uses: FILLER | LOCAL_CUE | SERVICE_CUE, using: FILLER | LOCAL_CUE | SERVICE_CUE, changed: FILLER, becomes: FILLER,
  remains: FILLER, tcp: FILLER, udp: FILLER, sctp: FILLER, dccp: FILLER, only: FILLER | LOCAL_FOLLOWER,
  also: FILLER | LOCAL_FOLLOWER, then: FILLER | LOCAL_CUE | LOCAL_FOLLOWER, now: FILLER, still: FILLER,
  instead: FILLER | LOCAL_FOLLOWER, 'e.g': FILLER, 'i.e': FILLER, por: FILLER, defecto: FILLER, es: FILLER,
  predeterminado: FILLER, en: FILLER, el: FILLER | LOCAL_CUE, 'padrão': FILLER, padrao: FILLER, 'é': FILLER,
  na: FILLER, par: FILLER, 'défaut': FILLER, defaut: FILLER, est: FILLER, sur: FILLER | LOCAL_CUE,
  le: FILLER | LOCAL_CUE, la: FILLER | LOCAL_CUE, ist: FILLER, auf: FILLER | LOCAL_CUE, von: FILLER | PREPOSITION,
  'standardmäßig': FILLER, lautet: FILLER, predefinita: FILLER, 'è': FILLER, 'по': FILLER | JOINER | THROUGH,
  'умолчанию': FILLER, 'на': FILLER, 'номер': FILLER, 'это': FILLER, rango: FILLER, intervalo: FILLER,
  bereich: FILLER, plage: FILLER, 'диапазон': FILLER, dal: FILLER, del: FILLER | PREPOSITION, selection: FILLER,
  assignment: FILLER, allocation: FILLER,

  // HARDWARE
  usb: HARDWARE, 'usb-c': HARDWARE, 'usb-a': HARDWARE, hdmi: HARDWARE, serial: HARDWARE, com: HARDWARE,
  ethernet: HARDWARE, lan: HARDWARE, wan: HARDWARE, sfp: HARDWARE, 'sfp+': HARDWARE, switch: HARDWARE,
  displayport: HARDWARE, thunderbolt: HARDWARE, charging: HARDWARE, parallel: HARDWARE, pcie: HARDWARE,
  audio: HARDWARE, headphone: HARDWARE, rj45: HARDWARE, 'rj-45': HARDWARE, poe: HARDWARE, uplink: HARDWARE,
  gigabit: HARDWARE, expansion: HARDWARE, vga: HARDWARE, dvi: HARDWARE, firewire: HARDWARE, sata: HARDWARE,
  printer: HARDWARE, midi: HARDWARE, joystick: HARDWARE, game: HARDWARE, mini: HARDWARE, micro: HARDWARE,
  front: HARDWARE, rear: HARDWARE, back: HARDWARE, side: HARDWARE, physical: HARDWARE, fiber: HARDWARE,
  fibre: HARDWARE, sfp28: HARDWARE, qsfp: HARDWARE, console: HARDWARE, 'ps/2': HARDWARE, 'i/o': HARDWARE,
  io: HARDWARE, dock: HARDWARE, lightning: HARDWARE, stack: HARDWARE, stacking: HARDWARE, trunk: HARDWARE,
  access: HARDWARE, patch: HARDWARE, panel: HARDWARE, hub: HARDWARE,

  // COUNT_NOUN
  times: COUNT_NOUN, more: COUNT_NOUN, other: COUNT_NOUN, others: COUNT_NOUN, seconds: COUNT_NOUN,
  second: COUNT_NOUN | NOT_HOST, minutes: COUNT_NOUN, minute: COUNT_NOUN | NOT_HOST, hours: COUNT_NOUN,
  hour: COUNT_NOUN | NOT_HOST, days: COUNT_NOUN, day: COUNT_NOUN | NOT_HOST, weeks: COUNT_NOUN, months: COUNT_NOUN,
  years: COUNT_NOUN, year: COUNT_NOUN | NOT_HOST | YEAR_WORD, percent: COUNT_NOUN, items: COUNT_NOUN,
  devices: COUNT_NOUN, people: COUNT_NOUN, users: COUNT_NOUN, hosts: COUNT_NOUN, machines: COUNT_NOUN,
  connections: COUNT_NOUN, requests: COUNT_NOUN, bytes: COUNT_NOUN, packets: COUNT_NOUN, gb: COUNT_NOUN,
  mb: COUNT_NOUN, kb: COUNT_NOUN, ms: COUNT_NOUN,

  // NOT_HOST
  pid: NOT_HOST, ino: NOT_HOST, dev: NOT_HOST, rsa: NOT_HOST, ecdsa: NOT_HOST, dsa: NOT_HOST, builtin: NOT_HOST, ppid: NOT_HOST, id: NOT_HOST, uid: NOT_HOST, gid: NOT_HOST, tid: NOT_HOST, line: NOT_HOST,
  lines: NOT_HOST, col: NOT_HOST, column: NOT_HOST, status: NOT_HOST, code: NOT_HOST, error: NOT_HOST, err: NOT_HOST,
  errno: NOT_HOST, count: NOT_HOST, size: NOT_HOST, len: NOT_HOST, length: NOT_HOST, step: NOT_HOST, page: NOT_HOST,
  pages: NOT_HOST, time: NOT_HOST, timeout: NOT_HOST, version: NOT_HOST, ver: NOT_HOST, rev: NOT_HOST,
  level: NOT_HOST, lvl: NOT_HOST, total: NOT_HOST, max: NOT_HOST, min: NOT_HOST, row: NOT_HOST, retry: NOT_HOST,
  retries: NOT_HOST, attempt: NOT_HOST, index: NOT_HOST, idx: NOT_HOST, offset: NOT_HOST, seq: NOT_HOST,
  ttl: NOT_HOST, exit: NOT_HOST, signal: NOT_HOST, rc: NOT_HOST, ret: NOT_HOST, value: NOT_HOST, val: NOT_HOST,
  weight: NOT_HOST, priority: NOT_HOST, prio: NOT_HOST, score: NOT_HOST, rank: NOT_HOST, chapter: NOT_HOST,
  verse: NOT_HOST, part: NOT_HOST, item: NOT_HOST, rfc: NOT_HOST, cve: NOT_HOST, iso: NOT_HOST, isbn: NOT_HOST,
  issn: NOT_HOST, doi: NOT_HOST, pmid: NOT_HOST, arxiv: NOT_HOST, tel: NOT_HOST, fax: NOT_HOST, phone: NOT_HOST,
  ext: NOT_HOST, room: NOT_HOST, gate: NOT_HOST, file: NOT_HOST, stdin: NOT_HOST, stdout: NOT_HOST, stderr: NOT_HOST,
  input: NOT_HOST, dockerfile: NOT_HOST, makefile: NOT_HOST, note: NOT_HOST, notes: NOT_HOST, ref: NOT_HOST,
  issue: NOT_HOST, pr: NOT_HOST, bug: NOT_HOST, ticket: NOT_HOST, build: NOT_HOST, run: NOT_HOST, job: NOT_HOST,
  task: NOT_HOST, epoch: NOT_HOST, batch: NOT_HOST, width: NOT_HOST, height: NOT_HOST, depth: NOT_HOST,
  month: NOT_HOST, age: NOT_HOST, qty: NOT_HOST, amount: NOT_HOST, price: NOT_HOST, cost: NOT_HOST, memory: NOT_HOST,
  mem: NOT_HOST, cpu: NOT_HOST, disk: NOT_HOST, uptime: NOT_HOST, latency: NOT_HOST, duration: NOT_HOST,
  elapsed: NOT_HOST, took: NOT_HOST, fd: NOT_HOST, inode: NOT_HOST, node: NOT_HOST, sha: NOT_HOST, md5: NOT_HOST,
  hash: NOT_HOST, commit: NOT_HOST, frame: NOT_HOST, frames: NOT_HOST, fps: NOT_HOST, ratio: NOT_HOST, rate: NOT_HOST,
  aspect: NOT_HOST, loader: NOT_HOST, internal: NOT_HOST, test: NOT_HOST, tests: NOT_HOST, case: NOT_HOST,
  sample: NOT_HOST, example: NOT_HOST, image: NOT_HOST, tag: NOT_HOST,

  // FILE_EXTENSION
  js: FILE_EXTENSION, mjs: FILE_EXTENSION, cjs: FILE_EXTENSION, ts: FILE_EXTENSION, tsx: FILE_EXTENSION,
  jsx: FILE_EXTENSION, mts: FILE_EXTENSION, cts: FILE_EXTENSION, py: FILE_EXTENSION, go: FILE_EXTENSION,
  rb: FILE_EXTENSION, java: FILE_EXTENSION, kt: FILE_EXTENSION, kts: FILE_EXTENSION, c: FILE_EXTENSION,
  cc: FILE_EXTENSION, cpp: FILE_EXTENSION, cxx: FILE_EXTENSION, h: FILE_EXTENSION, hpp: FILE_EXTENSION,
  rs: FILE_EXTENSION, php: FILE_EXTENSION, cs: FILE_EXTENSION, swift: FILE_EXTENSION, scala: FILE_EXTENSION,
  ex: FILE_EXTENSION, exs: FILE_EXTENSION, erl: FILE_EXTENSION, lua: FILE_EXTENSION, sh: FILE_EXTENSION,
  bash: FILE_EXTENSION, zsh: FILE_EXTENSION, txt: FILE_EXTENSION, log: FILE_EXTENSION, yaml: FILE_EXTENSION,
  yml: FILE_EXTENSION, json: FILE_EXTENSION, toml: FILE_EXTENSION, md: FILE_EXTENSION, html: FILE_EXTENSION,
  htm: FILE_EXTENSION, css: FILE_EXTENSION, scss: FILE_EXTENSION, vue: FILE_EXTENSION, svelte: FILE_EXTENSION,
  conf: FILE_EXTENSION, cfg: FILE_EXTENSION, ini: FILE_EXTENSION, xml: FILE_EXTENSION, sql: FILE_EXTENSION,
  tf: FILE_EXTENSION, hcl: FILE_EXTENSION, gradle: FILE_EXTENSION, dart: FILE_EXTENSION, m: FILE_EXTENSION,
  mm: FILE_EXTENSION, pl: FILE_EXTENSION, pm: FILE_EXTENSION, r: FILE_EXTENSION, jl: FILE_EXTENSION,
  clj: FILE_EXTENSION, hs: FILE_EXTENSION, ml: FILE_EXTENSION, fs: FILE_EXTENSION, vb: FILE_EXTENSION,
  ps1: FILE_EXTENSION, bat: FILE_EXTENSION, cmd: FILE_EXTENSION, lock: FILE_EXTENSION, env: FILE_EXTENSION,
  service: FILE_EXTENSION, socket: FILE_EXTENSION, properties: FILE_EXTENSION, j2: FILE_EXTENSION,
  tpl: FILE_EXTENSION, ejs: FILE_EXTENSION, erb: FILE_EXTENSION,

  // JOINER
  '-': JOINER | THROUGH, '–': JOINER | THROUGH, '—': JOINER | THROUGH, ':': JOINER, ',': JOINER, '~': JOINER | THROUGH, '〜': JOINER | THROUGH, '～': JOINER | THROUGH,
  '..': JOINER | THROUGH, '->': JOINER, '&': JOINER, '、': JOINER, '，': JOINER, through: JOINER | LOCAL_FOLLOWER | THROUGH, thru: JOINER | THROUGH,
  till: JOINER | THROUGH, and: JOINER | LOCAL_CUE | LOCAL_FOLLOWER | SERVICE_CUE | YEAR_WORD,
  or: JOINER | LOCAL_CUE | LOCAL_FOLLOWER | SERVICE_CUE, 'and/or': JOINER, plus: JOINER,
  y: JOINER | LOCAL_CUE | LOCAL_FOLLOWER, o: JOINER, hasta: JOINER | THROUGH, al: JOINER | LOCAL_CUE | THROUGH, a: JOINER | THROUGH,
  e: JOINER | LOCAL_CUE | LOCAL_FOLLOWER, ou: JOINER, 'até': JOINER | THROUGH, ate: JOINER | THROUGH,
  et: JOINER | LOCAL_CUE | LOCAL_FOLLOWER, 'à': JOINER | THROUGH, au: JOINER | THROUGH, und: JOINER | LOCAL_CUE | LOCAL_FOLLOWER,
  oder: JOINER, bis: JOINER | THROUGH, 'и': JOINER | LOCAL_CUE | LOCAL_FOLLOWER, 'или': JOINER, 'до': JOINER | THROUGH, '到': JOINER | THROUGH,
  '至': JOINER | THROUGH, '和': JOINER, '或': JOINER, 'と': JOINER, 'から': JOINER | THROUGH, '및': JOINER, '와': JOINER, '과': JOINER,

  // LOCAL_CUE
  tries: LOCAL_CUE, try: LOCAL_CUE, suggests: LOCAL_CUE, targets: LOCAL_CUE,
  for: LOCAL_CUE | LOCAL_FOLLOWER | PREPOSITION, than: LOCAL_CUE, not: LOCAL_CUE, onto: LOCAL_CUE,
  via: LOCAL_CUE | SERVICE_CUE, 'über': LOCAL_CUE, ueber: LOCAL_CUE,

  // LOCAL_FOLLOWER
  in: FILLER | LOCAL_FOLLOWER | YEAR_WORD, with: LOCAL_FOLLOWER, but: LOCAL_FOLLOWER, every: LOCAL_FOLLOWER,
  too: LOCAL_FOLLOWER, para: LOCAL_FOLLOWER, pour: LOCAL_FOLLOWER, 'für': LOCAL_FOLLOWER,
  'для': LOCAL_FOLLOWER | PREPOSITION,

  // SERVICE
  http: SERVICE, https: SERVICE, dns: SERVICE, ssh: SERVICE, smtp: SERVICE, smtps: SERVICE, imap: SERVICE,
  imaps: SERVICE, pop3: SERVICE, pop3s: SERVICE, ldap: SERVICE, ldaps: SERVICE, rdp: SERVICE, grpc: SERVICE,
  rpc: SERVICE, tls: SERVICE, ftp: SERVICE, ftps: SERVICE, sftp: SERVICE, ntp: SERVICE, snmp: SERVICE, mqtt: SERVICE,
  amqp: SERVICE, gossip: SERVICE, telnet: SERVICE, syslog: SERVICE, kerberos: SERVICE, vnc: SERVICE, sip: SERVICE,
  xmpp: SERVICE, irc: SERVICE, websocket: SERVICE, websockets: SERVICE, starttls: SERVICE, mdns: SERVICE,
  ssdp: SERVICE, llmnr: SERVICE, smb: SERVICE, netbios: SERVICE, api: SERVICE, ui: SERVICE, dashboard: SERVICE,
  broker: SERVICE, exporter: SERVICE,

  // SERVING
  mail: SERVING, reachable: SERVING, available: SERVING, running: SERVING, runs: SERVING, served: SERVING,
  exposed: SERVING, bound: SERVING,

  // PREPOSITION
  of: PREPOSITION | YEAR_WORD, de: PREPOSITION, do: PREPOSITION, da: PREPOSITION, du: PREPOSITION, des: PREPOSITION,
  der: PREPOSITION, di: PREPOSITION, van: PREPOSITION,

  // YEAR_WORD
  since: YEAR_WORD, until: YEAR_WORD, around: YEAR_WORD, circa: YEAR_WORD, 'c.': YEAR_WORD, before: YEAR_WORD,
  after: YEAR_WORD, during: YEAR_WORD, early: YEAR_WORD, late: YEAR_WORD, mid: YEAR_WORD, spring: YEAR_WORD,
  summer: YEAR_WORD, autumn: YEAR_WORD, fall: YEAR_WORD, winter: YEAR_WORD, january: YEAR_WORD, february: YEAR_WORD,
  march: YEAR_WORD, april: YEAR_WORD, may: YEAR_WORD, june: YEAR_WORD, july: YEAR_WORD, august: YEAR_WORD,
  september: YEAR_WORD, october: YEAR_WORD, november: YEAR_WORD, december: YEAR_WORD,
} satisfies Record<string, number>;

const WORDS = new Map<string, number>(Object.entries(VOCABULARY));

/** Everything the vocabulary says about a lower-cased word (0 when it knows nothing). */
export function wordRoles(lower: string): number {
  return WORDS.get(lower) ?? 0;
}

/** Whether the vocabulary gives `lower` the flag. */
export function hasFlag(lower: string, flag: number): boolean {
  return ((WORDS.get(lower) ?? 0) & flag) !== 0;
}
