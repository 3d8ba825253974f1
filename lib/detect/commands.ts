// Commands whose arguments detection knows: command → argument → meaning. Data only; a contributor edits it
// to teach detection a command. An argument is a flag (`-p`) or a position (`1` is the first word after the
// command that is not a flag: `runserver 8080`, `nc example.com 80` is position 2).

/** The argument is a port: `ssh -p 2222`, `nc -l 4444`, `runserver 8080`. */
export const PORT = 1;
/** The argument is something else (a PID, a count, a password, a directory flag): `ps -p 1234`, `xargs -P 8`. */
export const NOT_PORT = 2;
/** A forwarding spec whose numbers are ports: `ssh -L 8080:localhost:80`. */
export const FORWARD = 3;
/** Its output is a socket listing: the pattern of a `| grep N` after it is a port. */
export const LISTS_SOCKETS = 4;

type Grammar = Record<string, number>;

// `-p` takes a PID (or, for mkdir, cp and mysql, no port at all; for iptables, and its rules files' `-A`/`-I`
// lines, a protocol: `-p 50` is ESP; for ipvsadm, a persistence timeout).
const PID: Grammar = { '-p': NOT_PORT };
const PID_AND_COUNT: Grammar = { '-p': NOT_PORT, '-P': NOT_PORT };
const COUNT: Grammar = { '-P': NOT_PORT };
const SSH: Grammar = { '-p': PORT, '-L': FORWARD, '-R': FORWARD, '-D': PORT };
// -w takes seconds: `nc -w 3 relay 25` (position 2 is after its value).
const NETCAT: Grammar = { '-l': PORT, 2: PORT, '-w': NOT_PORT };
const SOCKETS: Grammar = { '|': LISTS_SOCKETS };

// Commands that share a grammar, as word lists (a list costs the content script less than an object entry each).
const SHARED_GRAMMARS: [Grammar, string][] = [
  [
    PID,
    'strace ltrace gdb top htop perf pidstat pmap kill renice taskset py-spy pstack gcore prlimit chrt ionice pgrep ' +
      'pkill jstack jmap jcmd mkdir cp atop nsenter bpftrace rbspy mysql mysqldump sar iotop cat pwdx reptyr ' +
      'iptables ip6tables ipvsadm -a -i',
  ],
  [COUNT, 'xargs parallel make rsync du grep zstd pigz xz iperf iperf3'],
  [SSH, 'ssh autossh sshuttle'],
  [NETCAT, 'nc ncat netcat'],
  [SOCKETS, 'ss netstat sockstat'],
  // OpenVPN: remote HOST PORT, http-proxy HOST PORT; PowerDNS's sdig; keepalived's virtual_server HOST PORT and the like.
  [
    { 2: PORT },
    'telnet socat ngrok http-proxy socks-proxy remote sdig virtual_server real_server sorry_server smtp_server',
  ],
  // shadowsocks: -l is the local port its client tools listen on.
  [{ '-l': PORT }, 'serve live-server systemd-socket-activate ss-local ss-redir ss-tunnel ss-nat guacd'],
  // NATS: `-m` is the monitoring (HTTP) port, `-ms` its HTTPS twin.
  [{ '-m': PORT, '-ms': PORT }, 'nats-server nats-streaming-server'],
];

/** Commands with a grammar of their own. */
export const COMMANDS = {
  ps: PID_AND_COUNT,
  lsof: { '-p': NOT_PORT, '|': LISTS_SOCKETS },
  'http-server': { '-l': PORT, '-p': PORT },
  // Django's `manage.py runserver [addr:]PORT`, Python's `-m http.server PORT`, Redis Sentinel's
  // `sentinel monitor NAME HOST PORT QUORUM`, Redis's `REPLICAOF HOST PORT` (SLAVEOF before 5.0).
  runserver: { 1: PORT },
  'http.server': { 1: PORT },
  monitor: { 3: PORT },
  replicaof: { 2: PORT },
  slaveof: { 2: PORT },
} satisfies Record<string, Grammar>;

/**
 * The commands whose positional ports are read by position alone (keywords.ts commandArgument): those above, and
 * netcat and telnet after a one-word host (`nc -vz nodeA 1523`; a dotted host is read as a host, keywords.ts).
 */
export const POSITIONAL_COMMANDS = /runserver|http\.server|monitor|replicaof|slaveof|\b(?:nc|ncat|netcat|telnet)\s/i;
/** Of those, the ones read only as the command of their line, after a host that is no common word. */
export const HOST_PORT_COMMANDS = /^(?:nc|ncat|netcat|telnet)$/;

/** netcat's switches that take no value, which may stand between `-l` and the port: `nc -l -u 5140`, `nc -lk 8000`. */
export const NETCAT_SWITCHES = /^[lkuvnzdDC46]{1,6}$/;

/** Every command's grammar: the shared lists, then the commands of their own. */
export const COMMAND_GRAMMARS: [string, Grammar][] = [
  ...SHARED_GRAMMARS.flatMap(([grammar, names]) => names.split(' ').map((name): [string, Grammar] => [name, grammar])),
  ...Object.entries(COMMANDS),
];

const TABLE = new Map<string, Grammar>(COMMAND_GRAMMARS);

/** Whether `command` is netcat (nc, ncat), whose `-u` makes every port of the line UDP. */
export const isNetcat = (command: string | null) => TABLE.get(command!) === NETCAT;

/** What `argument` (a flag such as `-p`, `|`, or a position) means for `command`; undefined when unknown. */
export function argumentOf(command: string | null, argument: string | number): number | undefined {
  return command === null ? undefined : TABLE.get(command)?.[argument];
}
