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

// `-p` takes a PID (or, for mkdir, cp and mysql, no port at all).
const PID: Grammar = { '-p': NOT_PORT };
const PID_AND_COUNT: Grammar = { '-p': NOT_PORT, '-P': NOT_PORT };
const COUNT: Grammar = { '-P': NOT_PORT };
const SSH: Grammar = { '-p': PORT, '-L': FORWARD, '-R': FORWARD, '-D': PORT };
const NETCAT: Grammar = { '-l': PORT, 2: PORT };
const SOCKETS: Grammar = { '|': LISTS_SOCKETS };

export const COMMANDS = {
  ps: PID_AND_COUNT,
  strace: PID,
  ltrace: PID,
  gdb: PID,
  top: PID,
  htop: PID,
  lsof: { '-p': NOT_PORT, '|': LISTS_SOCKETS },
  perf: PID,
  pidstat: PID,
  pmap: PID,
  kill: PID,
  renice: PID,
  taskset: PID,
  'py-spy': PID,
  pstack: PID,
  gcore: PID,
  prlimit: PID,
  chrt: PID,
  ionice: PID,
  pgrep: PID,
  pkill: PID,
  jstack: PID,
  jmap: PID,
  jcmd: PID,
  mkdir: PID,
  cp: PID,
  atop: PID,
  nsenter: PID,
  bpftrace: PID,
  rbspy: PID,
  mysql: PID,
  mysqldump: PID,
  sar: PID,
  iotop: PID,
  cat: PID,
  pwdx: PID,
  reptyr: PID,
  xargs: COUNT,
  parallel: COUNT,
  make: COUNT,
  rsync: COUNT,
  du: COUNT,
  grep: COUNT,
  zstd: COUNT,
  pigz: COUNT,
  xz: COUNT,
  iperf: COUNT,
  iperf3: COUNT,
  ssh: SSH,
  autossh: SSH,
  sshuttle: SSH,
  nc: NETCAT,
  ncat: NETCAT,
  netcat: NETCAT,
  telnet: { 2: PORT },
  socat: { 2: PORT },
  ngrok: { 2: PORT },
  serve: { '-l': PORT },
  'http-server': { '-l': PORT, '-p': PORT },
  'live-server': { '-l': PORT },
  'systemd-socket-activate': { '-l': PORT },
  ss: SOCKETS,
  netstat: SOCKETS,
  sockstat: SOCKETS,
  // Django's `manage.py runserver [addr:]PORT`, Python's `-m http.server PORT`, Redis Sentinel's
  // `sentinel monitor NAME HOST PORT QUORUM`.
  runserver: { 1: PORT },
  'http.server': { 1: PORT },
  monitor: { 3: PORT },
  // NATS: `-m` is the monitoring (HTTP) port, `-ms` its HTTPS twin.
  'nats-server': { '-m': PORT, '-ms': PORT },
  'nats-streaming-server': { '-m': PORT, '-ms': PORT },
} satisfies Record<string, Grammar>;

const TABLE = new Map<string, Grammar>(Object.entries(COMMANDS));

/** What `argument` (a flag such as `-p`, `|`, or a position) means for `command`; undefined when unknown. */
export function argumentOf(command: string | null, argument: string | number): number | undefined {
  return command === null ? undefined : TABLE.get(command)?.[argument];
}
