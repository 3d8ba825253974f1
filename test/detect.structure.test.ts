// The structures documentation is made of: tables, lists under a heading, terms, ranges, commands, addresses,
// and the numbers beside them that must stay unmarked. Cases are written the way the corpus is: [[N]] marks a
// port, [[N|udp]] also its protocol; a TextContext, where given, is what the annotator hands detection.

import { describe, expect, it } from 'vitest';
import { createPageFinder, explainPorts, findPorts } from '../lib/detect';
import type { TextContext } from '../lib/types';
import { ALL_WORDS, VOCABULARY, WORD_LISTS, wordRoles } from '../lib/detect/vocabulary';
import { readFileSync } from 'node:fs';
import { SERVICE_PORTS } from '../lib/detect/services';
import { ruleName } from '../lib/detect/reasons';
import {
  argumentOf,
  COMMAND_GRAMMARS,
  COMMANDS,
  HOST_PORT_COMMANDS,
  NOT_PORT,
  PORT,
  POSITIONAL_COMMANDS,
} from '../lib/detect/commands';
import { serviceModule, servicePairs } from '../scripts/build-service-names';
import { readPackagedData } from '../scripts/packaged-data';
import { parseLabelled, renderMatches } from './corpus';

function check(labelled: string, context?: TextContext) {
  const { text, expected } = parseLabelled(labelled);
  const found = findPorts(text, { context });
  expect(renderMatches(text, found), JSON.stringify(context)).toBe(renderMatches(text, expected));
  for (const e of expected) {
    if (e.protocol) expect(found.find((m) => m.start === e.start)?.protocol, text).toBe(e.protocol);
  }
  return found;
}

const ruleOf = (text: string, digits: string) => {
  const item = explainPorts(text).find((x) => text.slice(x.start, x.end) === digits);
  return ruleName(item?.match?.rule) ?? `refused: ${item?.reason}`;
};

describe('HTML table cells (the annotator passes the column header)', () => {
  it('a cell under a port column is a port or a range, with trailing notes, in several languages', () => {
    for (const header of [
      'Port',
      'Ports',
      'Port(s)',
      'Port Range',
      'Listen',
      'Container Port',
      'Host Port',
      'Puerto',
      'Porta',
      'Порт',
      'ポート',
      '端口',
      '포트',
      'LocalPort',
      'gRPC port',
      '5.x port',
      'Raft port',
      'ポート範囲',
      '端口范围',
      '포트 범위',
    ]) {
      check('[[3306]] (MySQL)', { columnHeader: header });
    }
    const [from, to] = check('[[9100]]–[[9200]]', { columnHeader: 'Port range' });
    expect(from.range).toEqual({ from: 9100, to: 9200 });
    expect(to.range).toEqual({ from: 9100, to: 9200 });
    expect(ruleName(from.rule)).toBe('table-column');
  });

  it('a value cell whose row is labelled by a port setting', () => {
    check('[[4222]]', { columnHeader: 'Default', rowCells: ['port', 'Port for client connections.'] });
    check('`[[8222]]`', { columnHeader: 'Example', rowCells: ['`http_port`', 'Monitoring.'] });
    check('[[9443]]', { columnHeader: 'Default value', rowCells: ['Port'] });
    check('4222', { columnHeader: 'Default', rowCells: ['max_payload', 'Largest message.'] });
    check('4222', { columnHeader: 'Notes', rowCells: ['port'] });
    check('30 ports', { columnHeader: 'Default', rowCells: ['port'] });
    // Japanese manuals head the column 既定値 (default value).
    check('[[10041]]', { columnHeader: '既定値', rowCells: ['ポート番号'] });
    check('/var/log/app/query.log', { columnHeader: '既定値', rowCells: ['ログ'] });
  });

  it('a default or an example under a heading about ports, unless its row counts something', () => {
    const heading = 'Ports and listeners';
    check('默认 [[8848]]', { heading, columnHeader: '选项', rowCells: ['SERVER_PORT', '服务监听的端口', '默认 8848'] });
    check('e.g. [[5555]]', { heading, columnHeader: 'Notes', rowCells: ['proxy', 'PROXY v2 listener', 'e.g. 5555'] });
    check('例如 3', { heading, columnHeader: '选项', rowCells: ['retries', '端口不可用时的重试次数', '例如 3'] });
    check('Default: 5', {
      heading,
      columnHeader: 'Notes',
      rowCells: ['probes', 'Number of probes per port', 'Default: 5'],
    });
  });

  it('an ICMP type or "any" (0) in a port column is no port', () => {
    check('0, 8', { columnHeader: 'Port', rowCells: ['ICMP', 'echo'] });
    check('0', { columnHeader: 'port', rowCells: ['inbound', '0', 'tcp'] });
    check('| Direction | port | proto |\n|---|---|---|\n| inbound | [[443|tcp]] | tcp |\n| inbound | 0 | tcp |');
    check('| Port | Protocol |\n|---|---|\n| 0, 8 | ICMP |\n| [[4240|tcp]] | TCP |');
  });

  it('a TCP/UDP cell of the same row gives the protocol', () => {
    check('[[53|udp]]', { columnHeader: 'Port', rowCells: ['DNS', 'UDP'] });
    check('[[443|tcp]]', { columnHeader: 'Port', rowCells: ['TCP', 'HTTPS'] });
  });

  it('other columns, counts and hardware port columns stay unmarked', () => {
    check('8080', { columnHeader: 'Version' });
    check('12', { columnHeader: 'Number of ports' });
    check('3 ports', { columnHeader: 'Ports' });
    check('2', { columnHeader: 'USB port' });
    for (const header of ['Max ports', 'Total ports', 'Airport', 'Passport', 'Support', 'Report', 'Export'])
      check('8080', { columnHeader: header });
    check('10:30', { columnHeader: 'Port' });
  });

  it('a number already a port on the page is not one again in a column the page names otherwise', () => {
    const find = createPageFinder();
    expect(find('The proxy listens on port 3306.').map((m) => m.port)).toEqual([3306]);
    expect(find('3306', '', { columnHeader: 'Requests' })).toEqual([]);
    expect(find('3306', '', { columnHeader: ' ' }).map((m) => ruleName(m.rule))).toEqual(['page-context']);
    expect(find('3306').map((m) => ruleName(m.rule))).toEqual(['page-context']);
    // Nor where a plural noun says what the number counts.
    expect(find('It had 3306 downloads and 3306 users.')).toEqual([]);
    expect(find('If 3306 is taken, pick another.').map((m) => ruleName(m.rule))).toEqual(['page-context']);
  });
});

describe('lists and terms', () => {
  it('a list item under a lead-in or heading about ports, headed by the number', () => {
    check('[[8300]]: server RPC', { listLeadIn: 'Consul uses these ports:' });
    check('[[9100]]–[[9200]]: node exporters', { listLeadIn: '', heading: 'Network ports' });
    check('Node [[9100]]: exporters? no, the number must head the item'.replace('[[9100]]', '9100'), {
      listLeadIn: 'Ports:',
    });
    check('1. Install the agent', { listLeadIn: 'Ports' });
    check('8300: server RPC', { listLeadIn: 'Steps to install' });
  });

  it('a <dd> whose <dt> names ports; a Port: label', () => {
    check('[[22]]', { term: 'Port' });
    check('[[5432]] (the default)', { term: 'Default port:' });
    check('22', { term: 'Retries' });
    check('Port: [[22]]');
  });
});

describe('plain-text lists inside findPorts', () => {
  it('reads the items of a list whose lead-in line is about ports, pairs and ranges included', () => {
    check(
      'Let these ports through the firewall between brokers:\n* [[4369]]: discovery\n* [[5672]], [[5671]]: clients, plain and TLS\n  (the second one only with certificates)\n* [[6000]] through [[6500]]: replication',
    );
    check('## Ports\n\n- [[9100]]: node exporter\n- [[9093]]-[[9094]]: alertmanager');
    check('Benötigte Ports:\n- [[5672]] und [[5671]]: AMQP\n- [[35672]] bis [[35682]]: CLI-Werkzeuge');
    // The protocol written after the number belongs to that item, not to the item above it.
    check(
      'Ports to open on the media host:\n* [[443|tcp]] TCP: web clients\n* [[10000|udp]] UDP: audio and video\n* [[4443|tcp]] TCP: fallback',
    );
  });

  it('leaves lists under other lead-ins, numbers inside an item, and counts alone', () => {
    check('Release highlights:\n- 2024: the year of the rewrite\n- 512: the new default buffer');
    check('The ports are documented below. Changes:\n- 8080 errors fixed'); // the lead-in ends in a sentence, not a colon
    check('Ports to open:\n- 3 replicas behind the balancer\n- web on port [[8080]]');
    check('Ports:\n1. 8443: numbered items are left to the other rules');
  });

  it('ends a list at its first line that is no item, continuation or blank', () => {
    check('Ports in use:\n- [[8500]]: HTTP API\nSizes in bytes:\n- 4096: block\n- 65536: buffer');
  });
});

describe('plain-text tables inside findPorts', () => {
  it('Markdown pipes: cells under the Port column, protocols from the row', () => {
    check(
      '| Port | Protocol | Purpose |\n|---|---|---|\n| [[8300]] | TCP | server RPC |\n| [[8301]]-[[8302]] | TCP | gossip, 2 nodes |\n| [[8600]] | UDP | DNS |',
    );
    check('| Name | Replicas |\n|---|---|\n| web | 3 |\n| db | 1 |');
    // The port column need not be the first; a note may follow the number.
    check(
      '| Component | Port range | Replicas |\n|---|---|---|\n| ingest | [[9400]]-[[9409]] | 2 |\n| cache | [[11211]] (can be changed) | 1 |',
    );
  });

  it('Markdown pipes: a header with a version in it, whose digits are read before the rows', () => {
    check(
      '| Name | Role | 4.4 port | 5.x port |\n|---|---|---|---|\n| legacy-mqtt | backend | [[11883]] | (removed) |\n' +
        '| admin | REST API | [[8081]] | [[18083]] (the console port) |',
    );
    check('| Build | v1 count | v2 count |\n|---|---|---|\n| nightly | 8080 | 8443 |');
  });

  it('Markdown pipes: each row takes the protocol of its own cell, not of the row above', () => {
    check('| Port | Protocol | Use |\n|---|---|---|\n| [[4240|tcp]] | TCP | health |\n| [[8472|udp]] | UDP | VXLAN |');
    check('| Protocol | Ports |\n|---|---|\n| UDP | [[53|udp]] |\n| TCP | [[22|tcp]], [[443|tcp]] |');
  });

  it("psql's result tables: no outer pipes, a `----+----` rule under the header", () => {
    check(
      ' node | host     | port | role    | lb_weight\n------+----------+------+---------+-----------\n' +
        ' 0    | pg-east  | [[5433]] | primary | 0.5\n 1    | pg-west  | [[5434]] | standby | 0.5\n(2 rows)',
    );
    check(' pid  | backend_port | state\n------+--------------+--------\n 4821 | [[51772]]        | active');
    // The same rule under a header with no port column marks nothing.
    check(' id | replicas | retries\n----+----------+--------\n 7  | 3        | 8080');
  });

  it('a Chinese column of default listeners', () => {
    check('| 协议 | 默认监听 | 备注 |\n|---|---|---|\n| TCP | [[11010|tcp]]（TCP） | 基准 |\n| 副本 | 3 | 个数 |');
  });

  it('a table laid on its side: a row headed by a port label holds a port in each column', () => {
    check(
      '=============== ========== ==========\nSetting         East       West\n=============== ========== ==========\n' +
        '**Peer Port**   [[7946]]       [[7947]]\n**Buffer**      4096 bytes 4096 bytes\n**Workers**     12         16\n' +
        '=============== ========== ==========',
    );
    check('| Item | Office | Lab |\n|---|---|---|\n| Listen port | [[51820]] | [[51821]] |\n| MTU | 1420 | 1380 |');
    // A header with a value column is a table of settings: its rows are read by column, not by their label.
    check('| Key | Width | Example |\n|---|---|---|\n| tcpport | 32 | [[11211]] |');
  });

  it('aligned columns under a header line, rST simple tables', () => {
    check('Name        Port    Replicas\nweb         [[8080]]    3\nmetrics     [[9121]]    1');
    check('=====  ========\nPort   Service\n=====  ========\n[[22]]     ssh\n[[25]]     smtp\n=====  ========');
    check('Name        Count    Replicas\nweb         8080    3');
    // The rule under the header bounds the columns where the header's words stand one space apart (PowerShell).
    check(
      'LocalAddress   LocalPort RemoteAddress  RemotePort State\n------------   --------- -------------  ---------- -----\n' +
        '0.0.0.0        [[3389]]      0.0.0.0        0          Listen\n10.0.0.20      [[50213]]     20.42.65.92    [[443]]        Established',
    );
    check(
      '=============  ==========  ===========\nTool           Flag        Default\n=============  ==========  ===========\n' +
        'dnsscope       --port      [[53]]\nnproxy         --workers   4\n=============  ==========  ===========',
    );
  });

  it('a value column (Default, Example) whose row is labelled by a port setting', () => {
    check(
      '| Setting | Meaning | Default / Example |\n| :-- | :-- | :-- |\n| `host` | Where clients connect. | `0.0.0.0` |\n' +
        '| `port` | Where clients connect. | `[[4222]]` |\n| `max_conn` | Connections allowed. | `65536` |\n' +
        '| `http_port` | The monitoring endpoint. | [[8222]] |\n| `ping_max` | Missed pings allowed. | `2` |\n' +
        '| `cluster.port` | Routes between servers. | `[[6222]]` |\n| `port` | Where clients connect. | 4222 clients |',
    );
    check('| Flag | Default |\n|---|---|\n| `-web.listen-port` | `[[9093]]` |\n| `-web.timeout` | `30` |');
    // Rows of another table, with a value column but no port row.
    check('| Key | Default |\n|---|---|\n| `workers` | 8080 |\n| `timeout` | 30 |');
    expect(ruleOf('| Key | Default |\n|---|---|\n| `port` | 4222 |', '4222')).toBe('row-label');
    check('| 項目 | 既定値 |\n|---|---|\n| ポート番号 | [[10043]] |\n| 最大接続数 | 128 |');
  });

  it('a port setting labels the row from any cell before the value, however far the value cell is padded', () => {
    check(
      '| Component | Key | Description | Default |\n|:--|:--|:--|:--|\n' +
        '| syslog in | `port` | Port to listen on, over UDP. | `[[5140]]` |\n' +
        '| agent | `agent_port` | Where the agent answers. | `[[7443]]` |\n' +
        '| scheduler | `retry.cap` | Longest wait between retries (1.8+). | `2000` |',
    );
    check(
      '| Area | Provider | Setting | Env var | Default |\n| - | - | - | - | - |\n' +
        '| core | default | adminPort | SW_ADMIN_PORT | [[17128]] |\n| core | default | flushPeriod | SW_FLUSH | 10 |',
    );
    check(`| Attribute | Value${' '.repeat(50)}|\n| --- | --- |\n| \`peer.port\` | \`[[9042]]\`${' '.repeat(50)}|`);
    check(`| Attribute | Value${' '.repeat(50)}|\n| --- | --- |\n| \`status_code\` | \`503\`${' '.repeat(50)}|`);
    // List items whose label comes before the port, under a lead-in about ports; not elsewhere.
    check(
      'Ports the appliance uses:\n* Web console: [[9443|tcp]] (TCP, TLS)\n* Backup agent: [[10000|tcp]]-[[10010|tcp]] (TCP)\n* Replicas: 3 nodes',
    );
    check('Sizing:\n* Web console: 2 cores\n* Backup agent: 8080 MB of cache');
    // The same as an HTML list: the annotator hands the lead-in.
    check('Web console: [[9443]] (TCP, TLS)', { listLeadIn: 'Ports used by the host:' });
    check('Replicas: 3 nodes', { listLeadIn: 'Ports used by the host:' });
    // A pipe table without its leading pipes, known by its `---|---` line; shell pipes are no table.
    check(
      'Listener | port | protocol | threads\n--- | --- | --- | ---\nhttp | [[8080]] | HTTP/1.1 | 200\n' +
        'ajp | [[8009]] | AJP/1.3 | 150',
    );
    check('port | owner\nroot | 8080\nps aux | grep 5432');
    // Cells padded to line up: every row is still a row of the table, with its own protocol.
    check(
      'Port   | Proto   | Use\n------ | ------- | ---\n[[53|tcp]]     | TCP       | DNS over TCP\n' +
        '[[67|udp]], [[68|udp]] | UDP | DHCP\n[[853|udp]]    | UDP       | DNS over QUIC',
    );
    // Columns headed inside a config file's comment block, over its own `#  ----` rule.
    check(
      '#                       backend  admin\n#  name       mode      port     port    flags\n' +
        '#  ---------  --------  -------  ------  -----\nupstream web  http      [[8080]]     [[9901]]    weight=3\n' +
        'upstream api  grpc      [[50051]]    [[9902]]    retries=2',
    );
    // An rST grid table: its +---+ rules belong to the table.
    check(
      '+---------------+-----------+\n| Part          | Example   |\n+===============+===========+\n' +
        '| port          | [[3301]]      |\n+---------------+-----------+\n| weight        | 3301      |\n+---------------+-----------+',
    );
    // The page hands the row's cells: the label may stand in any of them.
    check('`[[6514]]`', { columnHeader: 'Default', rowCells: ['syslog', 'tls_port', 'TLS listener', '6514'] });
    check('6514', { columnHeader: 'Default', rowCells: ['syslog', 'queue_size', 'Queued messages', '6514'] });
  });

  it('headers that put words before "port", in languages that write them apart or together', () => {
    check(
      '| Service | Default listen port | Protocol |\n|---|---|---|\n| scheduler | [[7077]] | HTTP |\n| worker | [[8881]] | HTTP |',
    );
    check(
      '| 服务 | 默认端口 | 说明 |\n| --- | --- | --- |\n| 注册中心 | [[8848]] | 控制台 |\n| 网关 | [[9080]] | 对外服务 |',
    );
    check('| 名前 | デフォルトポート | 用途 |\n| :-- | :-- | :-- |\n| ブローカー | [[9092]] | クライアント接続 |');
    // ...and words after it that say where the ports come from.
    check(
      'Module | Port in the examples | Knob\n:--- | ---: | :---\nimudp | [[514]] | rcvbufSize 1m\nimtcp | [[514]] | 8 workers',
    );
    // A column named after the transport holds that transport's ports.
    check(
      'DAEMON      TCP     HTTP    ROLE\nbroker      [[4150]]    [[4151]]    queue, 1 per host\nlookup      [[4160]]    [[4161]]    discovery, 3 nodes',
    );
    check('[[9042]]', { columnHeader: 'TCP', rowCells: ['cassandra', '9042', '-'] });
    // A config block is no table header, whatever its words: not `port "http" {` over the keys below it.
    const job =
      'group "web" {\n  network {\n    port "http" {\n      static = 8080\n      to     = 8080\n    }\n  }\n' +
      '  task "web" {\n    resources {\n      cpu    = 500\n      memory = 256\n    }\n  }\n}';
    expect(findPorts(job).map((m) => m.port)).not.toContain(500);
    // Counting columns keep their numbers.
    check('| Switch | Number of ports | Uplinks |\n|---|---|---|\n| core-1 | 48 | 4 |');
    check('| Host | Max open ports |\n|---|---|\n| edge | 1024 |');
  });

  it('a value column read far to the right of an aligned row, and a row labelled by a flag or words', () => {
    // Two names for one setting in a cell, a flag with its `=`, and a value column with a word before "value".
    check(
      '| Variable | Flag | Meaning | Default |\n|---|---|---|---|\n| `APP_PORT` / `PORT` | | web UI | `[[3001]]` |\n' +
        '| `APP_HOST` | `--host=` | bind address | `::` |\n| `APP_WORKERS` | `--port-workers=` | workers | `4` |\n' +
        '| | `--port=` | web UI | `[[3002]]` |',
    );
    // Keys as programs write them (camelCase, tcpport, a flag with its argument), a Sample column, a value with a
    // note in brackets, a last cell without its closing pipe; words that merely end in "port" label nothing.
    check(
      '| Key | Sample | Note |\n|---|---|---|\n| `secureClientPort` | [[2281]] | TLS |\n| `metricsProvider.httpPort` | [[7000]] | |\n' +
        '| tcpport | [[11211]] (TCP) | |\n| `--udp-port=<num>` | [[11212]] | |\n| transport | 3 | |\n| support | 2 | |',
    );
    check(
      'Plugin | Setting | Default\n--- | --- | ---\nqueue | port | [[25]]\nauth | port | [[24]] (an example)\nauth | timeout | 30',
    );
    check(
      '| key | shipped value | notes |\n|---|---|---|\n| `port` | `[[64738]]` | TCP and UDP |\n| `users` | `100` | cap |',
    );
    check(
      '| Parameter                          | Default value | Meaning |\n|------------------------------------|---------------|---------|\n' +
        '| scheduler.rpc-port                 | [[7070]]          | RPC for workers |\n' +
        '| scheduler.worker-threads           | 32            | threads |',
    );
    check(
      '| Setting | Flag | Default |\n|---|---|---|\n| admin listen port | `-admin.listen-port` | [[9901]] |\n| queue depth | `-queue.depth` | 512 |',
    );
  });

  it('a paragraph above a row is not a header', () => {
    check('This is the port we use, see below.\nweb         8080    3');
  });
});

describe('ranges and lists everywhere', () => {
  it('slash pairs where a keyword, a list or a port column says ports; fractions and dates elsewhere', () => {
    check(
      'open ports [[80]]/[[443]] on the edge; the fallback is port [[8080]]/[[8443]], and ports [[22]], [[25]]/[[587]]',
    );
    check(
      'ID   Host        Ports        Status\n--   ----        -----        ------\nx    10.0.0.1    [[9093]]/[[9094]]    Up',
    );
    check('Ports to open:\n- [[80]]/[[443]]: web\n- [[3478]]: TURN');
    check('[[9093]]/[[9094]]', { columnHeader: 'Ports' });
    check('owns 80/443 already; on 11/23 at 10/20; 24/7 support; port 10/100/1000 switch; ports 1/2 and 3/4');
    check('http://web:[[8080]]/2024/11 and [[8080]]/tcp');
  });

  it('list items one per line are separate ports, not a range', () => {
    const found = check('ports:\n  - [[9080]]\n  - [[9443]]');
    expect(found.map((m) => m.range)).toEqual([undefined, undefined]);
  });

  it('every port of a range carries the range; lists do not', () => {
    for (const text of [
      'ports 6000-6063',
      'ports 6000–6063',
      '--dport 6000:6063',
      'ports 6000 through 6063',
      'ports from 6000 to 6063',
      'ports between 6000 and 6063',
      'ports ranging from 6000 to 6063',
    ]) {
      const found = findPorts(text);
      expect(
        found.map((m) => m.range),
        text,
      ).toEqual([
        { from: 6000, to: 6063 },
        { from: 6000, to: 6063 },
      ]);
    }
    expect(findPorts('ports 80, 443 and 8080').map((m) => m.range)).toEqual([undefined, undefined, undefined]);
    expect(findPorts('docker run -p 8000:8080 app').map((m) => ruleName(m.rule))).toEqual(['flag', 'mapping']);
  });

  it('comma and pipe lists, pairs across a line break', () => {
    check('ufw allow [[22]],[[80]],[[8000]]:[[8100|tcp]]/tcp');
    check('ports=[[1194|udp]]/udp|[[8443|tcp]]/tcp');
    check('open ports [[25]] and\n[[587]] on the relay');
    // Items quoted or in code spans, as docs write them.
    check('It serves the ports ``[[9000]]`` and ``[[9001]]``, or `[[9002]]`; later `2024` and `5`.');
  });
});

describe('commands, addresses, keys and other languages', () => {
  it('positional ports of known commands', () => {
    check('python manage.py runserver [[8080]]');
    check('python -m http.server [[8000]]');
    check('sentinel monitor mymaster 127.0.0.1 [[6379]] 2');
    check('app.listen([[3000]])');
    check('server.listen([[8080]], () => {})');
    check('make -j 4 runserver_docs 8080'.replace('runserver_docs', 'docs'));
  });

  it('OpenVPN remote lines and netsh portproxy rules', () => {
    check('client\nremote gw.example.org [[1194|udp]] udp\nremote-random\nverb 3');
    check(
      'netsh interface portproxy add v4tov4 listenport=[[2222]] listenaddress=0.0.0.0 connectport=[[22]] connectaddress=172.20.0.4',
    );
    check('git remote add origin 2');
  });

  it('kubectl port-forward: a namespace flag before the ports, several ports after the target', () => {
    check('kubectl port-forward deploy/grafana -n monitoring [[3000]]:[[3000]] &');
    check('kubectl port-forward pod/kafka-0 [[9092]] [[9093]]');
    check('kubectl logs deploy/grafana -n monitoring 50'); // another subcommand: 50 is no port
  });

  it("one-dash flags named for a port (Go's flag package, PowerShell), not words that end in port", () => {
    check('./exporter -port=[[9187]] -timeout=5s -web.listen-port [[9188]] -Port [[1433]] -RemotePort [[3389]]');
    check('tool -export 25 -report 3 -transport 2 -support 10');
  });

  it('addresses: empty and template hosts, loopback IPv6 listeners, tcpdump, resolvers', () => {
    check('SSL://:[[9443]]');
    check('${HOST}:[[8080]]');
    check('POST https://<hostname>:[[9443]]/v1/nodes and targets: ["<cluster_name>:[[8070]]"]');
    check('a <b>bold</b>:12 and x <= 3:4');
    check('tcp6  0  0 ::1:[[8883|tcp]]  :::*  LISTEN');
    check('listener = ::1:[[8883]]');
    check('IP 10.0.0.1.[[52814]] > 10.0.0.2.[[443]]: Flags [S]');
    check('forward-addr: 9.9.9.9@[[853]]');
    check('controller.quorum.voters=1@broker-a:[[9093]],2@broker-b:[[9093]],3@broker-c:[[9093]]');
    check('_sip._tcp.example.com. 86400 IN SRV 10 60 [[5060|tcp]] sip.example.com.');
    // docker ps: the published side takes the protocol written after the container side.
    check('0.0.0.0:[[5432|tcp]]->[[5432|tcp]]/tcp, :::[[5353|udp]]->[[53|udp]]/udp');
    // A bare `:PORT` in a code span; "a port such as 8443".
    check('the API stays on `:[[9000]]`; pick another port such as [[8443]]');
    // HAProxy's address-family prefix with an empty host.
    check('bind ipv4@:[[8080]]\nbind quic6@:[[443]] and send-proxy user@example.com');
  });

  it('keys named after a service under a ports map, nmap XML, *Port keys, commented-out config', () => {
    check('ports:\n  memcached: [[11211]]\n  metrics: [[9121]]');
    // Keys named for listening take one port or a list of them; not other keys ending in words.
    check('gateway:\n  node_listen:\n    - [[9080]]\n    - [[9081]]\n  admin_listen: [[9180]]\n  workers: 4');
    check('containerPorts:\n  redis: [[6379]]');
    check('resources:\n  replicas: 3\n  memory: 512');
    check('<port protocol="tcp" portid="[[443|tcp]]">');
    check('accept = [[8443]]');
    check('SSLPort [[8443]]');
    check('# listen [[8443]] ssl;');
    check('listener.tls = [[8883]]');
    // HCL blocks: the keys of a `ports { }` block, not those of another block.
    check('ports {\n  http = [[4646]]\n  rpc  = [[4647]]\n}\nresources {\n  cpu    = 500\n  memory = 256\n}');
  });

  it('a protocol key or word before a backticked or nested value', () => {
    check('the exporter accepts flows on UDP `[[2055|udp]]` and `[[9180|udp]]` 端口');
    check('listeners:\n  tcp: [[9100|tcp]]\n  udp: [[9200|udp]]');
    // Socket statistics count sockets per protocol at the start of a line: counts, not ports.
    check('TCP:   11 (estab 2, closed 0)\nUDP: 4');
  });

  it('the number before the word, defaults, other languages', () => {
    check("CouchDB listens where told; [[5984]] is CouchDB's port");
    check('query the [[161|udp]] UDP port');
    check('--port <n>   Port to listen on. Default: [[4173]]');
    check('Retries before giving up. Default: 3');
    check('il proxy ascolta sulla porta standard [[80]]');
    check('端口：[[8848]]');
    check('[[8080]]で待ち受けます');
    check('[[8080]]번 포트를 엽니다');
    // Turkish puts the case on the word after the number: "portu", "portunu", "portuna", "portundan".
    check('sunucu [[80]] portunu dinler, [[443]] portu da açık olmalı');
    check('istemci [[5432]] portuna bağlanır');
    check('bu cihazda 24 port var'); // a count of ports, no suffix
    // The protocol after the number, glued by a preposition or across a column gap, is that port's own.
    check('ouvrez le port [[443|tcp]] en TCP et le port [[10000|udp]] en UDP');
    check('forward port [[5060|udp]] over UDP, then port [[5061|tcp]] over TCP');
    check('Name        Port     Protocol\nsync        [[22000|tcp]]    TCP\ndiscovery   [[21027|udp]]    UDP');
    check('yerel [[9000]] numaralı portu konteynerin [[9000]] numaralı portuna bağlayın');
    // Polish declines the word before the number: "na porcie", "do portu".
    check('serwer nasłuchuje na porcie [[5044]], a panel odpowiada do portu [[5601]]');
  });
});

describe('never marked', () => {
  it('the minutes of a timestamp, though 53 and 80 after a service name are ports', () => {
    check('2024-05-26T05:53:11.053Z INFO request served');
    check('deployed at 2024-05-26T10:53 by ci');
    check('upstream http-svc:[[80]] and kube-system/kube-dns:[[53]]');
  });

  it('IPv6 groups and prefixes, inode and device columns, template indexes, bit widths', () => {
    check('fd00:1:2::5 and 2001:db8::1 and fe80::1/64');
    check('[::1] and [::1]:[[9000]]');
    check('ino:48213 dev:2049');
    check('{{ index .Ports 0 }}');
    check('a 16-bit port number');
    check('a 48 port switch');
    check('node@18 and user@1234');
    // Groups with letters are IPv6 too, wherever they stand: a WireGuard Address line, a resolver's answer column.
    check('Address = 10.8.0.1/24, fd42:4242::1/64\nListenPort = [[51820]]');
    check('mirror.example.net   2a03:2880:f10d:83:face:b00c::25de   3600');
    // A one-word host still takes its port when nothing follows: db:5432, and a mapping after a host.
    check('DATABASE_HOST=db:[[5432]] and cache:[[11211]]');
    // Digits-only leading groups: not a compose mapping, not a listen port.
    check('allowed:\n  - 2001:0db8:85a3::8a2e:0370:7334\n  - "8302:5801::1"');
    check('listen [2001:db8::10]:[[8443]] ssl;\nports: [[[8080]]:[[80]]]');
  });
});

describe('rule ids and explain mode', () => {
  it('names the rule that took a number, or why it was refused', () => {
    expect(ruleOf('localhost:3000', '3000')).toBe('host-port');
    expect(ruleOf('ps -p 1234', '1234')).toBe('refused: the flag takes no port for this command');
    expect(ruleOf('USB port 2', '2')).toBe('refused: a hardware port');
    expect(ruleOf('version 3.11.4', '11')).toBe('refused: decimal, version or IPv4 octet');
    expect(ruleOf('fd00::5', '5')).toBe('refused: an IPv6 group');
    expect(ruleOf('SSH on 22 only', '22')).toBe('service-named');
  });

  it('every match of the corpus-style cases carries a rule', () => {
    for (const text of ['port 8080', 'EXPOSE 80 443', '22/tcp', '-p 8080:80', 'ports 80, 443']) {
      for (const m of findPorts(text)) expect(ruleName(m.rule), text).toMatch(/^[a-z-]+$/);
    }
  });
});

describe('createPageFinder passes the context through', () => {
  it('marks a table cell the annotator describes', () => {
    const find = createPageFinder();
    expect(find('8080', '', { columnHeader: 'Port' }).map((m) => ruleName(m.rule))).toEqual(['table-column']);
    expect(find('9090', '', { columnHeader: 'Build' })).toEqual([]);
  });
});

describe('the vocabulary', () => {
  it('knows each word once, in the object literal or in one word list, and never an empty word', () => {
    const seen = new Map<string, string>();
    const add = (word: string, where: string) => {
      expect(word, where).not.toBe('');
      expect(seen.get(word), `${word} in ${where}`).toBeUndefined();
      seen.set(word, where);
    };
    for (const word of Object.keys(VOCABULARY)) add(word, 'VOCABULARY');
    WORD_LISTS.forEach(([roles, list], i) => {
      expect(roles, `list ${i}`).toBeGreaterThan(0);
      for (const word of list.split(' ')) add(word, `WORD_LISTS[${i}]`);
    });
    expect(ALL_WORDS.size).toBe(seen.size);
    for (const [word, roles] of ALL_WORDS) expect(wordRoles(word), word).toBe(roles);
  });

  it('gives each command one grammar, and the table answers with it', () => {
    const names = COMMAND_GRAMMARS.map(([name]) => name);
    expect(names.filter((name, i) => name === '' || names.indexOf(name) !== i)).toEqual([]);
    expect(argumentOf('strace', '-p')).toBe(NOT_PORT);
    expect(argumentOf('nats-server', '-ms')).toBe(PORT);
    expect(argumentOf('runserver', 1)).toBe(PORT);
    expect(argumentOf('vim', '-p')).toBeUndefined();
  });

  it('gates positional reading on exactly the commands of their own grammar that take a port by position', () => {
    // POSITIONAL_COMMANDS is written out for the content script's bytes; it must name what COMMANDS says, and
    // netcat and telnet (HOST_PORT_COMMANDS), whose grammar is shared and takes the host's port by position.
    const positional = Object.entries(COMMANDS)
      .filter(([, grammar]) => Object.entries(grammar).some(([at, meaning]) => /^\d+$/.test(at) && meaning === PORT))
      .map(([name]) => name);
    expect(positional.length).toBeGreaterThan(0);
    for (const [name, grammar] of COMMAND_GRAMMARS) {
      const hostPort = HOST_PORT_COMMANDS.test(name);
      if (hostPort) expect(grammar[2], name).toBe(PORT);
      expect(POSITIONAL_COMMANDS.test(`x ${name} 1`), name).toBe(positional.includes(name) || hostPort);
    }
  });
});

describe('service names in socket addresses (ss, netstat, lsof without -n)', () => {
  const named = (text: string) =>
    findPorts(text)
      .filter((m) => ruleName(m.rule) === 'service-name')
      .map((m) => `${text.slice(m.start, m.end)}=${m.port}/${m.protocol ?? '?'}`);

  it('marks the name after a socket host and gives the port behind it, with the protocol of the line', () => {
    expect(named('tcp   LISTEN 0   128   0.0.0.0:ssh        0.0.0.0:*')).toEqual(['ssh=22/tcp']);
    expect(named('tcp6  LISTEN 0   50    [::]:http-alt      [::]:*')).toEqual(['http-alt=8080/tcp']);
    expect(named('udp   UNCONN 0   0     127.0.0.53%lo:domain  0.0.0.0:*')).toEqual(['domain=53/udp']);
    expect(named('tcp        0      0 :::ssh       :::*        LISTEN')).toEqual(['ssh=22/tcp']);
    expect(named('cupsd  702 root  7u  IPv6  3301  0t0  TCP localhost:ipp (LISTEN)')).toEqual(['ipp=631/tcp']);
    expect(named('sshd  1201 root  3u  IPv4  9120  0t0  TCP *:ssh (LISTEN)')).toEqual(['ssh=22/tcp']);
    expect(named('LISTEN 0 244 127.0.0.1:postgresql 0.0.0.0:*')).toEqual(['postgresql=5432/?']);
    // lsof's arrow to the peer, and a dotted host name
    expect(named('TCP db1.internal.example:postgresql->10.1.2.3:40112 (ESTABLISHED)')).toEqual(['postgresql=5432/tcp']);
  });

  it('the match spans the name, keeps text order beside numeric ports, and respects `before`', () => {
    const text = 'tcp LISTEN 0 128 *:ssh *:* and 0.0.0.0:8080';
    const found = findPorts(text);
    expect(found.map((m) => [text.slice(m.start, m.end), m.port, ruleName(m.rule)])).toEqual([
      ['ssh', 22, 'service-name'],
      ['8080', 8080, 'host-port'],
    ]);
    // The host is in `before`: still an address; a name inside `before` is never reported.
    expect(findPorts(':ssh (LISTEN)', { before: 'TCP *' }).map((m) => m.port)).toEqual([22]);
    expect(findPorts(' (LISTEN)', { before: 'TCP *:ssh' })).toEqual([]);
  });

  it('never an ordinary word: no host, a word as host, URLs, schemes, keys, file positions, unknown names', () => {
    for (const text of [
      'Note:http',
      'see:ssh for details',
      'http://example.com/',
      'https://localhost/x',
      'mailto:ops',
      'package:main',
      'ssh: true',
      'host: ssh',
      'server:ssh',
      'web:http',
      'main.go:http',
      'config.yaml:ssh',
      'localhost:sshd',
      '*:*',
      '0.0.0.0:*',
      'localhost:http/2',
      'localhost:ssh.conf',
      'x*:ssh',
      'a.b.c:nope',
      '[::1]:ssh2',
      'deb:http',
    ]) {
      expect(named(text), text).toEqual([]);
    }
  });

  it('every name in the table is the one IANA registers for its port (data/registry.json), and the module is fresh', () => {
    const { registry } = readPackagedData();
    const pairs = SERVICE_PORTS.split(' ');
    expect(pairs.length % 2).toBe(0);
    expect(pairs.length).toBeGreaterThan(100);
    for (let i = 0; i < pairs.length; i += 2) {
      const port = Number(pairs[i + 1]);
      expect(
        registry.lookupPort(port).some((r) => r.name === pairs[i] && r.port === port),
        `${pairs[i]} ${port}`,
      ).toBe(true);
      expect(named(`*:${pairs[i]}`), pairs[i]).toEqual([`${pairs[i]}=${port}/?`]);
    }
    expect(readFileSync(new URL('../lib/detect/services.ts', import.meta.url), 'utf8')).toBe(
      serviceModule(servicePairs()),
    );
  });
});

describe('what real documentation showed (session 4 evaluation), in our own words', () => {
  it('Go: an address string opening a call', () => {
    check('http.ListenAndServe(":[[9464]]", router)');
    check('log.Fatal(srv.ListenAndServe(":[[8443]]"))');
    check('strings.Repeat(":", 3) and fmt.Println(":9")'); // one digit: never
  });

  it('a dotted key too long for the keyword window still ends in its port', () => {
    check('- "traefik.http.services.billing-api.loadbalancer.server.port=[[8081]]"');
    check('traefik.tcp.services.orders-database.loadbalancer.server.port=[[5433]]');
    for (const text of [
      'traefik.http.services.billing-api.loadbalancer.healthcheck.interval=10',
      'com.example.settings.integration.partner.support=4000',
      'traefik.http.services.billing-api.loadbalancer.server.weight=3',
    ]) {
      check(text);
    }
  });

  it('an IPv4 host after a word label, not after a hex IPv6 group', () => {
    check('| n | eg:10.20.30.40:[[9876]] | name server |');
    check('addr:172.16.0.9:[[6380]]');
    expect(findPorts('::ffff:10.0.0.7')).toEqual([]);
    check('cafe:10.0.0.7:443'); // a hex-only label: an IPv6 chain, left alone
  });

  it('the first of a CJK pair before 端口', () => {
    check('映射到主机的[[9201]]和[[9301]]端口');
    check('开放[[80]]、[[443]]端口');
    check('共有3和4个节点');
  });

  it('80 and 53 after a service name; a namespaced service; image tags stay unmarked', () => {
    check('/             billing-svc:[[80]]');
    check('Default backend:  fallback-backend:[[80]] (10.8.0.4:[[8080]])');
    check('  dns: "infra/resolver-dns:[[53]]"');
    check('--rule shop.example/=storefront:[[80]]');
    for (const text of [
      'docker pull node:20',
      'use redis:7 or python:3',
      'golang:21 is out',
      'FROM nginx:80',
      'see /usr/local/src/helper:53',
      'lib/cache:42',
    ]) {
      check(text);
    }
  });

  it('never: histogram buckets, a log module:line, a user:password', () => {
    check('latency {count:41,sum:9.5,bucket:[0.5:12,1.0:30,+Inf:341]}');
    check('[W 260411 10:12:44 handlers:1204] Reloading');
    check('etcdctl --user=admin:4321 get key');
    check('curl -u deploy:9999 https://ci.example');
    check('ssh -p [[2222]] deploy@bastion.example');
  });
});
