// Rules that read the structure around a number rather than a word beside it: joins to the port just before
// (ranges, lists, mappings), the page's structure handed in as a TextContext (a table column, a list under a
// heading about ports, a `<dt>`), and plain-text tables (Markdown pipes, aligned columns under a header line).

import {
  lowerCase,
  code,
  isLineSpace,
  isSpace,
  accepted,
  Kind,
  LINE_WINDOW,
  type PlainTable,
  refused,
  type Scanner,
  lineStartOf,
  textBefore,
  textAfter,
  textBetween,
} from './cursor';
import { ALIGNED_GAP, CSV_ROW, charAt, LIST_ITEM, lineAhead, lineOf, PIPE_LINE, PIPE_ROW, ROW_LIKE } from './cursor';
import { countNounAfter, isGluedPortKey, PORT_SETTING } from './keywords';
import { Refusal, Rule } from './reasons';
import {
  COUNT_NOUN,
  HARDWARE,
  JOINER,
  lastPartCounts,
  NOT_HOST,
  SERVICE,
  THROUGH,
  wordHasFlag,
  wordRoles,
} from './vocabulary';

export const JOIN_LIST = 1;
export const JOIN_RANGE = 2;
export const JOIN_MAPPING = 3;

/**
 * How this run is joined to the previous accepted port: a range (`6000-6063`, `9200 through 9203`, iptables
 * `60000:61000`), a list (`80, 443 and 8080`), a mapping (docker `8080:80`, `->`), or not at all (0).
 */
export function joinsPrevious(st: Scanner, start: number, port: number): number {
  const prevEnd = st.prevEnd;
  if (start - prevEnd > 14 || start <= prevEnd) return 0;
  const between = textBetween(st, prevEnd, start);
  if (between.length === 1 && !isSpace(charAt(between, 0))) {
    if ('-\u2013\u2014~\u301c\uff5e'.includes(between)) return JOIN_RANGE; // 6000-6063, 6000–6063, 8000~8100
    // …not a weight after an address (`10.0.0.11:3306:2`): no port is mapped to 1-9.
    if (between === ':') return port < 10 ? 0 : colonIsRange(st, start, port) ? JOIN_RANGE : JOIN_MAPPING;
    return ',\u3001\uff0c|/'.includes(between) ? JOIN_LIST : 0; // 80,443 80、443 80，443 80|443 80/443
  }
  if (between === '->') return JOIN_MAPPING;
  if (between === '..') return JOIN_RANGE;
  // A colon glued to the number and spaced after it labels what follows: `[192.0.2.7]:51213: 550 5.7.1`.
  if (/^:\s/.test(between)) return 0;
  const trimmed = between.replace(/`/g, '').trim(); // code spans: `9000` and `9001`
  if (trimmed === '') return st.prev === Kind.Expose && !between.includes('\n') ? JOIN_LIST : 0;
  // A key's list may be semicolon-separated: `exclude-ports = 20000; 20001; 20002`.
  if (trimmed === ';') return st.prev === Kind.KeyList && !between.includes('\n') ? JOIN_LIST : 0;
  // Lines wrap inside ranges and lists: "1024-\n   49151", "49152\n   through 65535", "ports 25 and\n587".
  if (between.includes('\n') && !/^[ \t]*\S*[ \t]*\n[ \t]*\S*[ \t]*$/.test(between)) return 0;
  const word = lowerCase(trimmed.replace(/^,\s*/, ''));
  // `49152 / 65535`, not `8080 / 2 workers` nor a URL's end before the next line (`:1880/⏎12 Mar`)
  if (word === '' || (word === '/' && port > 9 && !between.includes('\n'))) return JOIN_LIST;
  // List items one per line (`- 9080⏎    - 9443`) are a list, not a range.
  if (word === '-' && /\n[ \t]*-[ \t]*$/.test(between)) return JOIN_LIST;
  const roles = wordRoles(word);
  if (!(roles & JOINER)) return 0;
  if (roles & THROUGH) {
    if (port <= st.prevPort) return 0; // "on 993 — 2 clients": no range ends below its start
    // "from 3000 to 3001" may be a change, not a range: `to`, `a`, `до` make one only after words about ranges.
    if (!WEAK_RANGE_JOINERS.has(word)) return JOIN_RANGE;
    return RANGE_WORDS.test(textBefore(st, prevEnd, 56)) ? JOIN_RANGE : JOIN_LIST;
  }
  // "between 8000 and 8010" is a range.
  return word === 'and' && /\bbetween\s+(?:\S+\s+)?\S*$/i.test(textBefore(st, prevEnd, 32)) ? JOIN_RANGE : JOIN_LIST;
}

const WEAK_RANGE_JOINERS = new Set(['to', 'a', 'à', 'au', 'al', 'до', 'по']);
const RANGE_WORDS = /ports\b|rang|between|puertos|port[ae]s|порт(?:ы|ов)|диапазон|intervalo|plage|bereich|from\s+\S*$/i;

/** `--dport 60000:61000`, `ufw allow 6000:6007/tcp`, `dpts:6000:6063` are ranges; docker `-p 8080:80` maps. */
function colonIsRange(st: Scanner, start: number, port: number): boolean {
  if (port <= st.prevPort) return false;
  let k = start;
  while (k < st.n && k - start < 6 && code(st, k) >= 48 && code(st, k) <= 57) k++;
  if (code(st, k) === 47) return true; // 6000:6007/tcp
  const window = textBefore(st, st.prevEnd, 48);
  return /(?:[ds]ports?|[ds]pts?|port-?range|ufw[^\n]*)[\s=:]+[\d,:]*$/i.test(window);
}

// ---- the page's structure ------------------------------------------------------------------------------------

// A column header, `<dt>` or label that names ports: Port, Ports, Port(s), Port Range, Host Port, Listen, LocalPort,
// a transport (TCP, UDP, HTTP), Puerto, Porta, Порт, ポート, 端口, 포트… Two qualifiers may come first (`Container Port`, `Default listen port`,
// `5.x port`; glued in CJK: 默认端口, デフォルトポート), never a count (`Max ports`, `Number of ports`); a hardware
// word is refused after (isPortHeader).
const PORT_HEADER = new RegExp(
  '^(?:(?!(?:max|min|total|free|used|available|num|number|count|of|no|not)\\b)[\\p{L}\\d.]{1,16}[ _-]){0,2}' +
    '(?:ports?(?: (?:in|on|for)(?: [\\w.]{1,12}){1,2})?|port ?(?:\\(s\\)|ranges?|numbers?|no\\.?)|ports?/protocols?|listen(?:s? on|ing on|er)?|tcp|udp|sctp|https?|grpc|' +
    '(?:puertos?|portas?|porte|poort(?:en)?|порт(?:ы|ов|-)?|port-?nummer)(?: [\\p{L}]+){0,2}|' +
    '\\p{L}{0,6}(?:ポート(?:番号|範囲)?|端口(?:号|范围)?|埠(?:號)?|포트(?: ?번호| ?범위)?|监听|監聽))(?: ?\\([^)]*\\))?[:=]?$',
  'iu',
);

// Text about ports (a heading or a list's lead-in): "Ports", "Network ports used by Consul", "Puertos", "端口说明".
const ABOUT_PORTS = /\b(?:(?:ports?|puertos?|portas?|porte)\b|poort|listen)|порт|ポート|端口|埠|포트/iu;

// A word that PORT_HEADER or a glued port key needs somewhere in the text (any other script: looked at in full).
const MAY_NAME_PORTS = /port|poort|listen|tcp|udp|sctp|http|grpc|puert|[^\0-\x7f]/i;

/** Whether a header or label names ports. */
export function isPortHeader(text: string): boolean {
  if (!MAY_NAME_PORTS.test(text)) return false; // most labels and cells: no string built
  const t = text
    .replace(/([a-z])(?=Port)/g, '$1 ') // LocalPort, containerPort
    .trim()
    .replace(/^[*_`"]+|[*_`"]+$/g, '')
    .trim();
  if (t.length > 40 || !(PORT_HEADER.test(t) || isGluedPortKey(t))) return false;
  const first = lowerCase(t.split(/[ _-]/)[0]);
  return !(wordRoles(first) & HARDWARE);
}

// A column named for a transport, as mail and collector tables head theirs: `Plaintext | TLS`, `v4 socket`.
const TRANSPORT_COLUMN = /^(?:\w+ )?(?:tls|ssl|plain(?:text)?|cleartext|secure|socket)$/i;

/** A column header that names ports: isPortHeader's words, or a transport, which only a real table's header means. */
function isColumnOfPorts(header: string): boolean {
  return isPortHeader(header) || TRANSPORT_COLUMN.test(header.trim());
}

/**
 * A table of listeners or services names one in each row, so its Default or Number column gives their ports:
 * `Listener  Default  Used by`, `Service name | Number | Transport`.
 */
function listenerColumn(header: string, firstHeader = ''): boolean {
  return /^(?:default|number)$/i.test(header.trim()) && /^(?:listener|service(?: name)?)s?$/i.test(firstHeader.trim());
}

function isAboutPorts(text: string | undefined): boolean {
  if (!text || text.length > 400 || !ABOUT_PORTS.test(text)) return false;
  const m = /([\p{L}-]+)[ -]ports?\b/iu.exec(text);
  return !(m && wordHasFlag(m[1], HARDWARE)); // "USB ports"
}

/**
 * What the page's structure says (TextContext): a cell under a port column is a port or a range, whatever else
 * the cell says (`3306 (MySQL)`); a list item under a heading or lead-in about ports, and a `<dd>` or labelled
 * value whose term names ports, are ports when the number heads the text (`8300: server RPC`, `9100–9200`).
 */
export function contextRule(
  st: Scanner,
  start: number,
  end: number,
  cb: number,
  ca: number,
  timeLike: boolean,
): Kind | 0 {
  const context = st.context;
  if (!context || start < st.reportFrom || timeLike) return 0;
  const header = context.columnHeader;
  if (header !== undefined && (isColumnOfPorts(header) || listenerColumn(header, context.firstColumnHeader))) {
    // 10:30 in a cell, an address the other rules judge, an ICMP type or "any port" in a port column, or one digit
    // under a header that does not say port (a listener or transport column), as in plain-text tables
    if (
      cb === 58 ||
      ca === 58 ||
      isAnyPort(st, start, end) ||
      NOT_A_PORT_ROW.test(`${context.rowCells}`) ||
      (end - start === 1 && !SAYS_PORT.test(header))
    )
      return 0;
    if (countNounAfter(st, end)) return refused(st, Refusal.Count);
    return accepted(st, Kind.KeyList, Rule.TableColumn);
  }
  if (
    (rowLabelled(header, context.rowCells) ||
      (header !== undefined &&
        end - start > 1 &&
        header !== context.firstColumnHeader &&
        serviceRow(context.firstColumnHeader, header, context.rowCells?.[0]))) &&
    headsText(st, st.reportFrom, start, end)
  )
    return accepted(st, Kind.Key, Rule.RowLabel);
  const term = context.term !== undefined && isPortHeader(context.term.replace(/[:：]\s*$/, ''));
  const listed =
    context.listLeadIn !== undefined && (isAboutPorts(context.listLeadIn) || isAboutPorts(context.heading));
  if (!term && !listed) return 0;
  if (!headsText(st, afterLabel(st, st.reportFrom, start), start, end)) return 0;
  return accepted(st, Kind.KeyList, term ? Rule.Term : Rule.ListItem);
}

// A column of values whose row says what they are: `| port | Port for clients. | 4222 |` under "Default".
const VALUE_HEADER =
  /^(?:\w+ )?(?:default|fallback|example|sample|value|valor|standardwert|默认值|既定値|デフォルト|기본값)/i;

// A row's key that names a port inside it: `ports.dns`, `service.ports.TCP.rfd`, `cubrid_port_id`, `peer_port_random_low`.
const PORT_LABEL = /\bports\.|[._-]port[._-](?:\w+[._-])?(?:id|low|high)\b/i;

/**
 * A value cell (`Default`, `Example`, `既定値`) in a row that another cell labels as a port setting: `port`, `http_port`,
 * `server.port`, `gRPCPort`, wherever that cell stands (`| statsd | `port` | UDP port to listen on. | 8125 |`).
 */
function rowLabelled(header: string | undefined, labels: readonly string[] | undefined): boolean {
  return (
    VALUE_HEADER.test(header?.trim() ?? '') &&
    !!labels?.some((cell) =>
      cell.split(/[/,]/).some((label) => isPortHeader(label) || PORT_SETTING.test(label) || PORT_LABEL.test(label)),
    )
  );
}

// A row of ICMP types or IP protocol numbers (ESP's 50) in a table of ports.
const NOT_A_PORT_ROW = /\bicmp|\bip proto/i;

// The word port itself, in the languages of PORT_HEADER (not a transport's name, `TCP`, that heads a column of ports).
const SAYS_PORT = /port|poort|puert|порт|ポート|端口|埠|포트/i;

const isAnyPort = (st: Scanner, start: number, end: number) => end - start === 1 && code(st, start) === 48;

/** A cell under a column the page names, and not a port column (Requests, PID, Bytes): a bare number there is that. */
export function underOtherColumn(st: Scanner): boolean {
  const header = st.context?.columnHeader?.trim();
  return !!header && !isPortHeader(header);
}

/** Where an item's text goes on after its label, if it has one: `* SPICE proxy: 3128 (TCP)` after the colon. */
function afterLabel(st: Scanner, from: number, start: number): number {
  const label = /^\s*(?:[-*+•]\s+)?[^:\d\n]{1,40}:/.exec(textBetween(st, from, start));
  return label ? from + label[0].length : from;
}

/**
 * The number opens the text from `from` (after bullets, quotes or emphasis) and is not a numbered-list marker
 * (`1.`, `2)`).
 */
function headsText(st: Scanner, from: number, start: number, end: number): boolean {
  for (let k = from; k < start; k++) {
    if (!(isSpace(charAt(st.s, k)) || '*-\u2022`"\'_>'.includes(st.s[k]))) return false;
  }
  // What follows reads as a label (`8300: server RPC`, `22 (SSH)`, `9100–9200`, `443`), not a count
  // (`3 replicas`) or a numbered-list marker (`1.`, `2)`).
  const ca = code(st, end);
  if (ca === -1 || ':,(/-\u2013\u2014\uff1a`*'.includes(st.s[end])) return true;
  return (
    isSpace(ca) && /^\s*(?:$|[(:\-–—/,]|(?:for|and|or|to|through|is|und|bis|tcp|udp)\b)/i.test(textAfter(st, end, 12))
  );
}

// ---- plain-text lists --------------------------------------------------------------------------------------

const MAX_LIST_LINES = 60;

/**
 * A field of an rST csv-table row under a port header: `:header: "Service", "Port", "Protocol"` above,
 * `"SMTPS", "465", "TCP"` here. The header is the directive's, so it is looked for above the row while the lines
 * stay indented (a line at the margin ends the directive).
 */
export function csvTableColumn(st: Scanner, start: number, end: number, timeLike: boolean): Kind | 0 {
  if (timeLike || st.context || !(lineOf(st, start) & CSV_ROW)) return 0;
  const index = csvFields(textBetween(st, st.lineStart, start)).length - 1;
  const above = textBefore(st, st.lineStart, 2000);
  const at = above.lastIndexOf(':header:');
  if (at < 0 || /\n\S/.test(above.slice(at))) return 0;
  const header = csvFields(/^:header:([^\n]*)/.exec(above.slice(at))![1])[index] ?? '';
  return isPortHeader(header) && !countNounAfter(st, end) ? accepted(st, Kind.KeyList, Rule.TableColumn) : 0;
}

/** A csv line's fields, split at the commas outside quotes, the quotes dropped. */
function csvFields(line: string): string[] {
  const fields = [''];
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) fields.push('');
    else fields[fields.length - 1] += c;
  }
  return fields;
}

/**
 * An item of a plain-text list that the number heads (`* 4369: epmd`, `- 5672, 5671: AMQP`), under a lead-in
 * line about ports that ends in a colon, or a heading (`The following ports must be open:`, `## Ports`). The
 * lead-in is looked up once per list: each item's walk up stops at the item before.
 */
export function plainListItem(st: Scanner, start: number, end: number, timeLike: boolean): Kind | 0 {
  if (timeLike || st.context || !(lineOf(st, start) & LIST_ITEM)) return 0;
  const lineStart = st.lineStart;
  if (!headsText(st, afterLabel(st, lineStart, start), start, end)) return 0;
  let about = false;
  let top = lineStart;
  for (let lines = 0; top > 0 && lines < MAX_LIST_LINES; lines++) {
    top = lineStartOf(st, top - 1);
    if (top < 0) break;
    if (top === st.listLine) {
      about = st.listAbout;
      break;
    }
    const line = lineFrom(st, top);
    // Items, their indented continuations and blank lines lie between an item and its lead-in.
    if (/^(?:\s|[-*+•]\s|$)/.test(line)) continue;
    about = /(?:[:：]\s*|^#.*)$/.test(line) && isAboutPorts(line);
    break;
  }
  st.listLine = lineStart;
  st.listAbout = about;
  return about ? accepted(st, Kind.KeyList, Rule.ListItem) : 0;
}

// ---- plain-text tables -------------------------------------------------------------------------------------

const MAX_TABLE_LINES = 60;

/**
 * A cell of a plain-text table under a port column: Markdown pipes (`| 8080 | TCP | web |` under `| Port | … |`
 * and its `|---|` line), and columns aligned under a header line (`Port   Protocol`, rST simple tables). The
 * table's header is found once per table and kept on the scanner while its rows go on, so a long table costs
 * one look per line.
 */
export function plainTableColumn(st: Scanner, start: number, end: number, timeLike: boolean): Kind | 0 {
  if (timeLike || st.context) return 0;
  const line = lineOf(st, start);
  const len = end - start;
  if (!(line & (ROW_LIKE | PIPE_ROW))) return 0;
  const lineStart = st.lineStart;
  let first = lineStart;
  while (first < start && isLineSpace(code(st, first))) first++;
  const pipes = (line & PIPE_ROW) !== 0;
  const leading = code(st, first) === 124 ? 1 : 0; // a row may leave out its first pipe: `8080 | TCP | web`
  const table = tableAbove(st, lineStart, pipes);
  if (!table || table.cells.length === 0) {
    // A table laid on its side (a field per row, a site or rule per column, no column of ports or values): a row
    // headed by a port label holds a port in every column. `**Listen Port**   51820   51820`
    const rowHead = /^[\s|]*([^|\t]*?)(?: {2,}|\t|\s*\|)/.exec(textBetween(st, lineStart, start))?.[1] ?? '';
    return len > 1 &&
      SAYS_PORT.test(rowHead) &&
      isPortHeader(rowHead) &&
      !lastPartCounts(lowerCase(rowHead)) && // `max_ports`
      !countNounAfter(st, end)
      ? accepted(st, Kind.KeyList, Rule.RowLabel)
      : 0;
  }
  let cell: PlainTable['cells'][number] | undefined;
  if (pipes) {
    let index = 0;
    for (let k = first; k < start; k++) if (code(st, k) === 124 && code(st, k - 1) !== 92) index++;
    cell = table.cells[index - leading];
  } else {
    const from = start - lineStart;
    const to = end - lineStart;
    // Left-aligned under the header word, or right-aligned to its end.
    cell = table.cells.find(
      (c) =>
        (from >= c.fromColumn - 2 && from < c.toColumn) ||
        (to > c.fromColumn && to <= c.fromColumn + c.headerText.length + 1),
    );
  }
  // In a table row, under a Pid column or keyed `pid=812,fd=3` (ss's process cell), a number is never
  // a port, whatever a rule further on would read around it.
  if (PROCESS_FIELD.test(cell?.headerText ?? '') || /(?:^|\W)(?:p?pid|fd|ino)[=:]$/i.test(textBefore(st, start, 6)))
    return refused(st, Refusal.OtherColumn);
  // …or a value cell (`Default`) of a row keyed by a port setting, or, in a table of protocols or services, a
  // row named by one: `| SMTP | 25 | 1025 |`, not a count column (`| HTTP | 1200 |` under Requests). The row's
  // other cells are read only then.
  if (cell && ((pipes && len > 1) || VALUE_HEADER.test(cell.headerText))) {
    const cellStart = pipes ? st.s.lastIndexOf('|', start) : start;
    const labels = pipes
      ? textBetween(st, first + leading, cellStart).split('|')
      : textBetween(st, first, start).split(/ {2,}|\t/);
    const after = textAfter(st, end, 40);
    if (
      // The row's cells after it count too: an aligned table's `4569   UDP` under Default, Transport.
      (rowLabelled(cell.headerText, labels.concat(lineFrom(st, end).split(pipes ? '|' : / {2,}|\t/))) ||
        (pipes && len > 1 && serviceRow(table.cells[0].headerText, cell.headerText, labels[0]))) &&
      // The value fills its cell, however far the row pads it; a note in brackets may follow: `24 (an example)`.
      (pipes
        ? /^[\s`"]*$/.test(textBetween(st, cellStart + 1, start)) &&
          /^[ \t`"]*(?:\([^)|\n]*\)[ \t]*)?(?:[|\n]|$)/.test(after)
        : /^[`"]?(?:[-\u2013]\d{1,5})?(?: {2,}|\t|\n|$)/.test(after))
    )
      return accepted(st, Kind.Key, Rule.RowLabel);
  }
  // ICMP types stand in port columns too; a lone 0 there is "any port" (RemotePort of a listener, a rule for any).
  if (!cell?.namesPorts || isAnyPort(st, start, end)) return 0;
  // One digit is a port only under a column that says so: `LISTEN  1` is a flag, `Port  7` is echo.
  if (len === 1 && !SAYS_PORT.test(cell.headerText)) return 0;
  if (NOT_A_PORT_ROW.test(textBetween(st, lineStart, lineEndOf(st, start)))) return 0;
  if (countNounAfter(st, end)) return refused(st, Refusal.Count);
  return accepted(st, Kind.KeyList, Rule.TableColumn);
}

function lineEndOf(st: Scanner, k: number): number {
  return lineAhead(st, k, LINE_WINDOW);
}

/** The line's text from `k` on (a line window at most). */
function lineFrom(st: Scanner, k: number): string {
  return textBetween(st, k, lineEndOf(st, k));
}

/** The line at `k` could head aligned columns: it holds no digit and is no rule line. */
function mayHeadColumns(st: Scanner, k: number): boolean {
  const text = lineFrom(st, k);
  return !/\d/.test(text) && !RULE_LINE.test(text);
}

const BY_SERVICE = /^\s*(?:protocol|service)s?\b/i;

/**
 * A row of a table of protocols or services, named by one: `| SMTP | 25 | 1025 |` under `| protocol | normal |
 * localserve |`, not a count (`| HTTP | 1200 |` under Requests or Requests/s).
 */
function serviceRow(firstHeader = '', header: string, label = ''): boolean {
  return (
    BY_SERVICE.test(firstHeader) &&
    wordHasFlag(firstWord(label), SERVICE) &&
    !wordHasFlag(firstWord(header), COUNT_NOUN | NOT_HOST)
  );
}

/** The first word of a cell: `SMTP` of `SMTP (MX)`, `Requests` of `Requests/s`. */
const firstWord = (cell: string) => /\w*/.exec(cell.trim())![0];

const PROCESS_FIELD = /^(?:p?pid|tid|fd|uid|gid)$/i;
const RULE_LINE = /^[\s=+|:#-]*$/; // also a rule inside a comment block: `#  ------  ----`

/** The header of the table whose row starts at `lineStart`: from the cache while the rows go on, else looked up. */
function tableAbove(st: Scanner, lineStart: number, pipes: boolean): PlainTable | null {
  if (st.headerless === lineStart) return null;
  const cached = st.table;
  if (cached && cached.pipes === pipes && cached.readThrough <= lineStart) {
    if (cached.readThrough === lineStart || rowsContinue(st, cached.readThrough, lineStart, pipes)) {
      cached.readThrough = lineStart;
      return cached;
    }
  }
  // Walk up to the first line of the block (a blank line, or a line that is not a pipe row, ends it); for
  // aligned columns only as far as the nearest line without digits, which is the header candidate.
  let top = lineStart;
  let lines = 0;
  while (top > 0 && lines < MAX_TABLE_LINES) {
    if (!pipes && top < lineStart && mayHeadColumns(st, top)) break;
    const prevStart = lineStartOf(st, top - 1);
    if (prevStart < 0) break;
    const line = textBetween(st, prevStart, top - 1);
    if (endsBlock(line, pipes)) break;
    top = prevStart;
    lines++;
  }
  const cells: PlainTable['cells'] = [];
  // The header of a pipe table is the block's first line that is not a rule (`|---|`); of aligned columns, the
  // nearest line above the row without digits (`NAME   PORTS   AGE` under a `$ kubectl get …` line).
  let header = top;
  if (pipes) {
    while (header < lineStart && RULE_LINE.test(lineFrom(st, header))) header = lineEndOf(st, header) + 1;
  } else {
    header = lineStart;
    while (header > top) {
      const above = lineStartOf(st, header - 1);
      header = above;
      if (mayHeadColumns(st, above)) break;
    }
  }
  // A line at the top of its block has no header above; caching that would hide the header from the rows below.
  if (header >= lineStart) {
    st.headerless = lineStart;
    return null;
  }
  const headerEnd = lineEndOf(st, header);
  const text = textBetween(st, header, headerEnd);
  const below = lineFrom(st, headerEnd + 1);
  // Without a leading pipe, only the `---|---` line below the header makes it a table (not `ps aux | grep`); psql
  // draws it `----+----`.
  const ruled = !pipes || /^\s*\|/.test(text) || /^[\s|:]*-[\s|:+-]*$/.test(below);
  // A header holds no number of its own (a version is fine: `4.4 port`), no sentence and no setting (`port=` names
  // one): `Port   Protocol`, not a paragraph above a row.
  if (ruled && !/(?:^|[\s|])\d+(?=[\s|]|$)/.test(text) && !/[.,;!?](?:\s|$)|[{}]|=[^\s|]/.test(text)) {
    if (pipes) {
      for (const part of text
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|'))
        cells.push({ headerText: part.trim(), namesPorts: isColumnOfPorts(part), fromColumn: 0, toColumn: 0 });
    } else {
      // A rule under the header (`---------  ------`, rST's `=====  ===`) bounds its columns, even where the
      // header's words are one space apart (`LocalAddress   LocalPort RemoteAddress`); else the gaps do.
      const rule = below;
      const dashes = /^\s*[-=]+(?:[ \t]+[-=]+)+\s*$/.test(rule);
      const wide = ALIGNED_GAP.test(text);
      const found = [...(dashes ? rule : text).matchAll(dashes ? /[-=]+/g : wide ? /\S+(?: \S+)*/g : /\S+/g)];
      found.forEach((m, i) => {
        const from = m.index ?? 0;
        const to = i + 1 < found.length ? (found[i + 1].index ?? 0) : LINE_WINDOW;
        const name = dashes ? text.slice(from, to).trim() : m[0];
        cells.push({
          headerText: name,
          namesPorts: wide || dashes ? isColumnOfPorts(name) : isPortHeader(name),
          fromColumn: from,
          toColumn: to,
        });
      });
      if (cells.length < 2 || cells.length > 12) cells.length = 0;
    }
    // …and a Number column beside a protocol column: `| Number | Proto | Bind to |`.
    const byProtocol = cells.some((c) => /^(?:proto(?:col)?|transport)$/i.test(c.headerText));
    for (const cell of cells)
      cell.namesPorts ||=
        listenerColumn(cell.headerText, cells[0].headerText) || (byProtocol && /^number$/i.test(cell.headerText));
  }
  // A table without a port column (or a value column whose rows may name ports) is known at once for all its rows.
  // …or, in a pipe table, a first column of protocols or services, whose rows name their numbers (serviceRow).
  if (
    !cells.some((c) => c.namesPorts || VALUE_HEADER.test(c.headerText)) &&
    !(pipes && BY_SERVICE.test(cells[0]?.headerText))
  )
    cells.length = 0;
  st.table = { readThrough: lineStart, pipes, cells };
  return st.table;
}

/** A blank line ends a table; so does, in a pipe table, a line that is neither a row nor a rule (`|---|`, rST's
 * `+---+`, psql's `----+----`). */
function endsBlock(line: string, pipes: boolean): boolean {
  return line.trim() === '' || (pipes && !PIPE_LINE.test(line) && !/^\s*\+|^[\s|:+-]+$/.test(line));
}

/** Every line from `from` up to `to` is still a row of the same table (no blank line; pipes keep starting lines). */
function rowsContinue(st: Scanner, from: number, to: number, pipes: boolean): boolean {
  let k = from;
  while (k < to) {
    const e = lineEndOf(st, k);
    const line = textBetween(st, k, e);
    if (endsBlock(line, pipes)) return false;
    k = e + 1;
  }
  return true;
}
