// findPorts by context and by negative class. Each case is written the way the corpus is: [[N]] marks a port,
// [[N|udp]] a port whose protocol the text states; everything else must stay unmarked.

import { describe, expect, it } from 'vitest';
import {
  createPageFinder,
  findPorts,
  findPortsWithPageContext,
  PAGE_CONTEXT_MAX_PORTS,
  protocolOfMention,
} from '../lib/detect';
import { parseLabelled, renderMatches } from './corpus';
import { Rule } from '../lib/detect/reasons';

function check(labelled: string) {
  const { text, expected } = parseLabelled(labelled);
  const found = findPorts(text);
  expect(renderMatches(text, found)).toBe(renderMatches(text, expected));
  for (const e of expected) {
    if (!e.protocol) continue;
    expect(found.find((m) => m.start === e.start)?.protocol, `protocol of ${e.port} in ${text}`).toBe(e.protocol);
  }
}

const POSITIVES: Record<string, string[]> = {
  'host:port': [
    'localhost:[[3000]]',
    'connect to db.internal:[[5432]] now',
    '10.0.0.5:[[8443]]',
    'api:[[8080]]',
    // Placeholder hosts in any language, and Apache's default virtual host.
    'ブラウザで http://<サーバーの IP アドレス>:[[8096]]/ を開きます',
    'http://<--Server-IP-->:[[8096]]',
    '<VirtualHost _default_:[[443]]>',
    // addr/port where the number is past any prefix length: ZeroTier's peers and relays.
    '200 listpeers 3f0c9a1b2d 198.51.100.9/[[9993]];4410;4410;1.00 52 1.14.0 LEAF',
    '"tcpFallbackRelay": "203.0.113.40/[[443]]"',
  ],
  'IPv6 and wildcards': ['[::]:[[443]]', '[::1]:[[8080]]', '*:[[22]]', 'tcp6 0 0 :::[[80]] :::* LISTEN'],
  'URL authority': ['http://example.com:[[8080]]/x', 'postgres://u:p@db:[[5432]]/app', 'http://web:[[80]]/'],
  'docker -p and compose': [
    '-p [[8080]]:[[80]]',
    'docker run -p [[5432]]:[[5432]] postgres:16',
    '"[[5432]]:[[5432]]"',
    '    ports:\n      - [[8080]]:[[80]]',
    'docker run -p[[8080]]:[[80]] nginx',
    '-p 127.0.0.1:[[5432]]:[[5432]]',
  ],
  EXPOSE: ['EXPOSE [[3000]]', 'EXPOSE [[80]] [[443]]'],
  'socket tuples in braces and address constructors': [
    '{ "localhost", [[16379]] }',
    "{'10.1.2.3', [[4222]]}",
    'new InetSocketAddress("queue", [[5552]])',
    'Endpoint("relay" , [[7001]] )',
  ],
  'NATS: the monitoring flag and key, a default stated for a two-word name': [
    'nats-server -DV -m [[8222]] -user foo',
    'nats-streaming-server -ms [[8443]] -js',
    'listen: 0.0.0.0:[[4222]]\nhttp: [[8222]]\n  https: [[8443]]',
    'The default port for leaf nodes is [[7422]], so it can be left out.',
  ],
  'a scheme before a word that is rarely a host': ['urls: ["tls://example:[[7422]]"]', 'nats://node:[[4222]]'],
  'firewalld toport and OpenVPN proxies': [
    'firewall-cmd --add-forward-port=port=[[80]]:proto=tcp:toport=[[8080]]:toaddr=10.0.0.5',
    'http-proxy 192.168.0.8 [[8080]]',
    'socks-proxy localhost [[1080]]',
  ],
  'kubectl port-forward to a numbered pod': ['kubectl port-forward nats-0 [[4222]]:[[4222]] &'],
  'kubectl port-forward to a pod named by a shell variable, the namespace before or after it': [
    'kubectl port-forward -n observability $EXPORTER_POD [[9100]]',
    'kubectl port-forward $POD [[8080]]:[[9187]] -n db',
    'kubectl --namespace web port-forward "$UI_POD" [[3000]]',
  ],
  'labelled items after a lead-in about ports, a default in Chinese, Java socket addresses': [
    '需开放端口号：控制台：[[8080]]；namesrv：[[9876]]；broker：[[10909]]、[[10911]]。',
    'Open these ports: web: [[8080]]; admin: [[9090]], metrics: [[9100]].',
    '-b 格式为 ip:port，port 默认是 [[10911]]',
    '网关会监听 [[7400]] 和 [[7401]] 端口。',
    // A pair named as "the two ports"; a count of ports is no port.
    '入口开放 [[80]] 和 [[443]] 两个端口，集群共用 3 个端口。',
    'storeHost=/192.168.58.228:[[10911]], bornHost=/10.0.0.1:[[40492]]',
  ],
  'a Chinese default after the port word, behind a full-width comma or glued to it': [
    '| 端口 | 对外开放的 SSH 端口，默认为 [[22]]。 |',
    '代理服务使用的端口，默认 [[3128]]。',
    '管理端口默认为 [[9990]]，可在配置中修改。',
    '即使只有一个节点，集群也会监听 [[4370]] 和 [[5370]] 两个端口。',
    '[[2222]]番の SSH ポートと [[8443]]番 HTTPS ポートを開ける。',
  ],
  'labels before numbers with a space only, after a CJK lead-in about ports': [
    '集群需要开放的端口：管理界面 [[8081]]；数据同步 [[7000]]、[[7001]]；监控 [[9104]]。',
    '默认端口下需要放通：网关 [[9080]]；控制面 [[9180]]。',
  ],
  'a protocol in parentheses after a number in a code span': [
    'Choisissez `[[4317]]` (gRPC) ou `[[4318]]` (HTTP) selon le client.',
    'Use `[[8080]]` (HTTP) for the console.',
  ],
  'quoted defaults, a quoted bare :port in a code span, SRV records as table rows': [
    'cache_port       | Port of the cache to query. Defaults to "[[11211]]".\n' +
      'cache_timeout    | Seconds before giving up. Defaults to 60.',
    '| listen | where to listen | `":[[2121]]"` (default) |',
    '| SRV | _imaps._tcp | `0 1 [[993]] mail.example.net.` |\n| MX | @ | `mail.example.net.` (priority 10) |',
    // Zone files pad their fields with more than one space.
    '_sip._udp.example.org.  3600 IN SRV   10  60 [[5060|udp]] pbx.example.org.',
  ],
  'a protocol that ends the phrase after a number': [
    'Open on the host:\n - `[[8096|tcp]] TCP`, the web UI\n - `[[7359|udp]] UDP`, discovery',
    'Syslog arrives on [[514|udp]] UDP; TLS syslog on [[6514|tcp]] TCP.',
  ],
  'the bounds and filters of a port set as config keys': [
    'outgoing-port-permit: [[40000]]-[[49151]]\noutgoing-port-avoid: "[[3200]]-[[3208]]"',
    'rtp_port_min = [[16384]]\nrtp_port_max = [[32767]]\nport-range-end: [[9100]]',
  ],
  'a default said in words near a port': [
    // ...in Chinese too, in the same sentence as the port.
    '| SERVER_PORT | 服务监听的端口 | 默认 **[[8848]]** |',
    '### 管理端口：填 0 时随机分配；默认 [[9999]]，多实例时必须不同',
    // An example stands for a default: "e.g.", 例如.
    'proxy-port      (unset)    PROXY v2 listener, e.g. [[5555]]',
    '| callback.port | Integer | 回调对外暴露的端口 | 例如 [[8090]] |',
    // Japanese: the default in the sentence after the one that names the port.
    '管理ツールが使うポート番号です。既定値は [[9898]] です。',
    'ハートビートを受ける UDP ポートです。デフォルト値は[[9694]]です。',
    'Give the broker address as host[:port]; without a port, [[5671]] is assumed.',
    '--port N\n    Port to bind. When left out, [[6380]] is used.',
    'With amqps:// the port falls back to [[5671]].',
    '- `ADMIN_PORT`: the admin listener port, `[[9443]]` by default.',
    '--admin_port\n    Port of the admin console. 0 turns it off.\n    default: [[9999]]\n--threads\n    default: 4',
    '--metrics_port\n    Where metrics are served.\n--threads\n    Workers for the port listener.\n--max_conns\n    default: 512',
    'Einige Anbieter sperren die Ports [[80]]/[[443]].',
  ],
  "Redis's REPLICAOF and SLAVEOF host port": [
    '127.0.0.1:[[6380]]> REPLICAOF cache-main [[6379]]',
    'SLAVEOF 10.1.2.3 [[7000]]',
    // as redis-server's flags; not another command's flag of the same shape
    './redis-server --port [[6390]] --replicaof 10.1.2.3 [[6391]]',
    'redis-server --slaveof cache-main [[6379]] --port [[6390]]',
    'worker --monitor 5 10 20',
  ],
  "Proxmox firewall rules' one-dash port flags": [
    '[RULES]\nIN ACCEPT -p tcp -dport [[8006|tcp]] -source +admins\nOUT ACCEPT -p udp -sport [[123|udp]]',
  ],
  'a protocol word, then on or to': [
    'Inbound UDP on [[8189|udp]] must reach the media server.',
    'Add a WAN pass rule: UDP to [[51820|udp]].',
  ],
  'a port before the double colon that opens an rST literal block': ['Send HTTPS to a local proxy on port [[9443]]::'],
  'a list that ends in the protocol it runs over': [
    'Pick a number the firewall already allows: [[80]], [[443]] or [[8443|tcp]] over TCP.',
    'The REST API answers on [[8212|tcp]] over TCP only.',
  ],
  'a cue word in a sentence about sockets, listeners or binding': [
    'The test server binds 127.0.0.1 on [[6700]], not the usual one.',
    'Each listener forwards what arrives on [[9100]] to the exporter.',
  ],
  "a protocol before another language's on, and a URL whose host is in another script": [
    'nginx принимает TLS на [[443]] и отдаёт запросы панели.',
    'Le site répond en HTTPS sur [[8443]].',
    'Откройте https://ВАШ_СЕРВЕР:[[8000]]/dashboard/ в браузере.',
  ],
  'a streaming protocol named beside a bare number': [
    'The gateway serves HLS on [[8888]] and, once enabled, RTMP on [[1935]].',
  ],
  'a protocol, a slash and a list of ports': [
    '* STUN: UDP/[[80|udp]],[[443|udp]],[[3478|udp]],[[5555|udp]]\n* TURN: UDP/[[80|udp]],[[443|udp]]; TCP/[[443|tcp]]-[[65535|tcp]]',
  ],
  "Icinga's name,host,port with an IPv6 host": [
    'icinga2 node setup --endpoint hub-1,2001:db8:5::21,[[5665]] --listen ::,[[5665]]',
  ],
  "imapsync's numbered port flags, strongSwan's addr[port]": [
    'imapsync --host1 old.example --port1 [[993]] --host2 new.example --port2 [[143]]',
    "  local  'gw.example' @ 192.0.2.1[[[4500]]]\n  remote 'laptop@example' @ 198.51.100.7[[[40123]]]",
  ],
  "BIND's addr#port with an IPv6 client": [
    'client @0x7f01c2a4b010 ::1#[[50412]] (db.corp.example): query: db.corp.example IN A +E(0)',
    'client 2001:db8:7::19#[[33051]]: query failed (REFUSED)',
  ],
  'a value paired with the name of its setting': [
    '<param name="sip-port" value="[[5060]]"/>',
    '<add key="ListenPort" value="[[8081]]" />',
    '<property>\n  <name>hbase.master.port</name>\n  <value>[[16000]]</value>\n</property>',
    'env:\n  - name: GRPC_PORT\n    value: "[[50051]]"\n  - name: LOG_LEVEL\n    value: "3"',
    '{"name": "http-port", "value": [[8080]]}',
    'helm install web ./chart --set env[0].name=PORT,env[0].value=[[3000]]',
    'helm install web ./chart --set env[0].name=WORKERS,env[0].value=4',
  ],
  'Erlang listener lists': ['{tcp_listeners, [[[5672|tcp]]]}', '{ssl_listeners,[[[5671]]]}'],
  'a shell or Kubernetes variable as the host': ['http://$(POD_IP):[[2380]]', '$(HOST):[[9000]]'],
  'a default value named in a sentence about a port': [
    'It uses a default value of [[8125]] for the statsd port.',
    'The port option has a default value of [[6650]].',
  ],
  'a protocol port beside a hardware one, a range named before it': [
    'USB port 2 is for the keyboard; TCP port [[2]] is compressnet.',
    'RFC 6335 puts port [[6335]] in the user range ([[1024]]\u2013[[49151]]).',
    'Ports use the dynamic range: [[49152]]-[[65535]].',
  ],
  'a range named as one in a sentence about ports': [
    'NodePorts come from the [[30000]]-[[32767]] range.',
    'Pick the passive ports in the [[50000]]\u2013[[51000]] port range.',
  ],
  flags: [
    '--port=[[9000]]',
    '--port [[9000]]',
    'ssh -p [[2222]] host',
    'scp -P [[2222]] f host:',
    '--dport [[22]]',
    'firewall-cmd --add-port=[[8080|tcp]]/tcp',
    'ssh -L [[8080]]:localhost:[[80]] host',
    // A host name of hex letters only is no IPv6 group.
    'ssh -L [[5432]]:db:[[5432]] bastion',
    'lsof -i :[[3000]]',
    'nc -lvnp [[4444]]',
    'Test-NetConnection -Port [[1433]]',
    '% telnet localhost [[2601]]',
    // A flag named after the protocol whose ports it filters takes a list.
    'tpws --filter-tcp=[[80|tcp]],[[443|tcp]],[[8000|tcp]]-[[8999|tcp]] --new',
    'nfqws --filter-udp=[[443|udp]],[[50000|udp]]-[[50100|udp]]',
  ],
  'config keys': [
    'listen [[443]] ssl;',
    'Port [[2222]]',
    'containerPort: [[8080]]',
    'port = [[5432]]',
    'PORT=[[3000]]',
    'server.port=[[8081]]',
    'targetPort: [[8080]]',
    'nodePort: [[30080]]',
    'DB_PORT=[[5432]]',
    '"port": [[8080]]',
    'ListenStream=[[8080]]',
    'from_port = [[443]]',
    // A plural ports key with more after it takes a list too.
    'NFQWS_PORTS_TCP=[[80|tcp]],[[443|tcp]]',
    'ports_udp: [[53|udp]],[[123|udp]]',
    // Numbered per node: pgpool's watchdog peers.
    "hostname0 = 'db-a'\nwd_port0 = [[9000]]\nheartbeat_port1 = [[9694]]",
  ],
  'protocol suffix and prefix': [
    '[[53|udp]]/udp',
    '[[22|tcp]]/tcp open ssh',
    'tcp/[[443|tcp]]',
    'TCP [[443|tcp]]',
    'udp:[[53|udp]]',
    '[[3868|sctp]]/sctp',
    '[[5004|dccp]]/dccp',
  ],
  'protocol stated nearby': [
    '-A INPUT -p tcp --dport [[22|tcp]] -j ACCEPT',
    'tcp dport [[22|tcp]] accept',
    'UDP port [[5353|udp]]',
    '- containerPort: [[53|udp]]\n  protocol: UDP',
    // A protocol key later in the same item: on its line, or two lines on, never in the next item.
    'ports:\n- {containerPort: [[53|udp]], name: dns, protocol: UDP}\n- {containerPort: [[53|tcp]], name: dns-tcp, protocol: TCP}',
    '  - port: [[162|udp]]\n    targetPort: [[1162|udp]]\n    protocol: UDP',
    'listen:\n  - port: [[5060|udp]]\n    transport: udp\n  - port: [[5061]]\n    tls: true',
    'sources:\n  syslog:\n    address: "0.0.0.0:[[514|tcp]]"\n    max_length: 42000\n    mode: "tcp"',
  ],
  ranges: [
    'ports [[6000]]-[[6063]]',
    'ports [[6000]]–[[6063]]',
    '--dport [[60000]]:[[61000]]',
    'ports [[9200]] through [[9203]]',
    'sudo ufw allow [[6000]]:[[6007|tcp]]/tcp',
  ],
  lists: [
    'ports [[80]], [[443]] and [[8080]]',
    'nmap -p [[22]],[[80]],[[443]] host',
    'tcp dport { [[80]], [[443]] } accept',
    "sudo ufw allow proto tcp from any to any port [[143|tcp]],[[993|tcp]],[[110|tcp]],[[4190|tcp]] comment 'mail'",
    'The page has 1,024 ports and port 3,000 is a typo.',
  ],
  prose: [
    'the default port is [[8080]]',
    'The port number for PostgreSQL is [[5432]]',
    'on port [[0]]',
    'PostgreSQL uses port [[5432]]; MySQL uses [[3306]].',
    // A sentence that names ports, with the number after a cue word and ending its clause.
    'The relay ports start at [[49152]], and the admin port moved to [[9443]].',
    'Some hosts filter port [[25]] first; the mail relay then listens on [[2525]].',
    'The default ports of the broker were changed to [[9093]].',
    'It used to listen on [[10001]] and [[12001]] until the 2.0 release.',
    // ...and a value that something named is for.
    'The container opens these ports: [[25]] for relayed mail, [[465]] and [[587]] for clients, [[993]] for IMAP.',
    'The RADIUS port is [[1812]] for authentication, or [[1813]] for accounting.',
  ],
  'other languages': [
    'Puerto [[8080]]',
    'porta [[3306]]',
    'порт [[5432]]',
    'ポート [[8080]]',
    '端口 [[6379]]',
    'Der Port [[8080]]',
    'le port [[443]]',
    'poort [[8080]]',
    '[[8080]]番ポート',
    // The counter alone, with its particle, on four digits or more.
    'TLS のソケットを [[8443]] 番に追加し、録画サーバーは [[40772]] 番を使います。',
    '监听 [[8080]] 端口',
    'порты [[80]] и [[443]]',
    // Words that begin like a currency (元, 원) after a port.
    'SSH 포트 [[22]] 원격 접속을 허용합니다',
    '端口 [[8080]] 元数据服务',
    'ポート [[8080]] 元の設定に戻す',
    // A protocol glued to the Russian word with a hyphen.
    'Откройте на роутере UDP-порты [[500|udp]] и [[4500|udp]].',
    'sshd слушает TCP-порт [[2222|tcp]].',
    // A number between CJK words in a clause that names a port.
    'ポート番号を書かなければ [[8443]] を使います',
    '健康检查的端口填 [[9411]]（服务自身的端口）',
    '포트를 비워 두면 [[8443]]을 씁니다',
    // "uses by default", with no port word in the clause.
    'MQTT 连接默认用 [[1883]]，QUIC 连接默认用 [[14567]]。',
  ],
  'a protocol named beside a bare number': [
    'Consul uses [[8500]] for HTTP, [[8600]] for DNS.',
    'via [[8443]] over TLS',
    'IMAP runs on [[143]] and [[993]].',
    'SSH on [[2222]] only',
    'Mail servers accept mail on [[25]], nothing else',
    'SMB is [[445]]; plain syslog is [[514]], syslog over TLS is [[6514]].',
    'Open NTP ([[123]]) outbound; the admin UI ([[8443]]) stays behind the VPN.',
    // Other languages' "listens on".
    'Le serveur écoute sur [[8883]] en TLS.',
    'El proxy escucha en [[3128]].',
  ],
  'a protocol or a service verb beside the number': [
    'Clients submit over [[587]] (STARTTLS) or [[465]] (SMTPS).',
    '[[1900]] is SSDP and [[5355]] is LLMNR.',
    'The broker is reachable on [[9092]] from inside the VPC.',
    'Elasticsearch serves its REST API on [[9200]] and more',
    'MySQL 监听 [[3306]] 端口，如果端口被占用可以改成 [[3307]]。',
    'Der Standardport von [[8000]] auf [[8088]] geändert',
  ],
  'the verb listen in a sentence': ['The test resolver does listen on [[53]], unlike the others.'],
  'a service named on the same line as its own registered port': [
    'imaps         yes       no         [[993]]      TLS from the first byte',
    '| Submission   | [[587]]    | relay for users |',
    'A lone Redis instance wants [[6379]] and nothing else.',
    'LDAP listens on its usual `[[389]]`; switch to `[[636]]` for LDAPS.',
    'Bitwarden runs behind [[443]] (HTTPS) on the host.',
  ],
  'a default after a key': ['const PORT = process.env.PORT || [[3000]];', 'const port = env.PORT ?? [[8080]];'],
  'config directives and filters': [
    'listener [[1883]]\nlistener [[8883]]',
    'tcp.dstport == [[853]]',
    'udp.srcport==[[5353]]',
  ],
  'socket address tuples in code': [
    'server = HTTPServer(("", [[8000]]), Handler)',
    "sock.bind(('0.0.0.0', [[9000]]))",
    's.connect(("db.example.com", [[5432]]))',
    "connect(('localhost', [[6379]]))",
  ],
  'socket listings': [
    'LISTEN 0 4096 127.0.0.53%lo:[[53]] 0.0.0.0:*',
    'tcp4 0 0 127.0.0.1.[[5432]] *.* LISTEN',
    'ss -tlnp | grep [[3716]]',
    "ss -tlpn | grep -E -w '[[25]]|[[80]]|[[4190]]'",
    "ps aux | grep -E '8080'\ngrep -w 42 notes.txt",
    // A character class makes the digits part of a pattern; redis-cli's prompt keeps its port.
    "ss -ulnp | grep -E ':(348[0-7])\\b'\n127.0.0.1:[[6379]][2]> GET key",
    'STAT tcpport [[11211]]\nSTAT udpport [[0]]\nSTAT maxconns 1024',
    'netstat -ano | findstr :[[3716]]',
    ';; SERVER: 127.0.0.53#[[53]](127.0.0.53)',
  ],
  "nmap's protocol-qualified port lists": [
    'sudo nmap -sS -sU -p T:[[22]],[[3128]],U:[[53]] host.example',
    'Set the clock to T:10 before the scan.',
  ],
  'a command behind a wrapper keeps its flags': [
    'meshctl ssh -L [[8080]]:localhost:[[80]] ops@100.64.0.7',
    'docker exec web nc -l [[4444]]',
    'kubectl exec -it web-0 -- nc -l [[4444]]',
    'kubectl exec -it web-0 -- ssh -p [[2222]] ops@bastion',
    // The word before the flag is a flag's value here, not a command: mysql's -p would be a password.
    'docker run --name mysql -p [[3306]]:[[3306]] -e MYSQL_ROOT_PASSWORD=secret mysql:8',
  ],
  "shadowsocks' client tools: -p is the server's port, -l the local one": [
    'ss-local -s 203.0.113.45 -p [[8388]] -l [[1080]] -t 300 -m chacha20-ietf-poly1305',
  ],
  'commands and config directives that take a host and then its port': [
    'ipvsadm -A -u 10.10.10.2:[[1358]] -s rr -p 50',
    'sdig 192.0.2.53 [[53]] example.com AAAA recurse',
    'virtual_server 10.0.0.10 [[443]] {\n    delay_loop 6\n    real_server 10.0.1.11 [[8443]] {\n        weight 1\n    }\n}',
    'smtp_server 10.0.0.25 [[2525]]\nsmtp_connect_timeout 30',
  ],
  'ssh -oPort, and a list of addresses whose next host is an IPv4 address, not a thousands group': [
    'ssh -oPort=[[6000]] ops@203.0.113.10',
    'listen=[::0]:[[25]],[::0]:[[587]],127.0.0.1:[[2525]]',
    'total 1,234.56 and 587,127 bytes',
  ],
  'prose: a port word, a comma and the port for a service or set off by commas; a number after "ports," stays a number':
    [
      'The daemon must open a privileged UDP port, [[67|udp]] for DHCPv4 and [[547|udp]] for DHCPv6.',
      'Its metrics port, [[9464]], is only bound on loopback.',
      'Der Agent nutzt einen festen Port, [[8125]], für alle Metriken.',
      'Other ports, 2024 was the year of the move.',
    ],
  'prose: a listener verb a few fillers away, a protocol after the number before a bracket, a dash ending the clause': [
    'Der Dienst lauscht standardmäßig auf [[5432]].',
    'Bedrock is [[19132|udp]] UDP (and IPv6 too), with 4 UDP ports in all.',
    'SMB is [[445]]. Block that at the edge, along with RDP on [[3389]] — we saw 40 attempts on 2 hosts.',
  ],
  'a pair across a spaced slash, not a count after one': [
    'min-port / max-port      [[49152]] / [[65535]]   relay bounds',
    'listens on port [[8080]] / 2 workers',
  ],
  'keys that start with the port word, and counts of ports that do too': [
    '{ "port_https": [[443]], "port_dns_over_tls": [[853]], "port_count": 4 }',
    'PORT_HTTP=[[8080]]\nPORT_RETRIES=3',
    // A StatsD value with its type is a measurement; a pipe-separated log keeps its address's port.
    'echo "checkout.latency:42|ms" | nc -u -w 0 localhost [[8125]]\nuser:ops|host:10.0.0.5:[[7000]]|source:/10.0.0.9',
    // A Go template's index into a field of an expression.
    `--template='{{(index (index .spec.containers 0).ports 0).containerPort}}'`,
    // "port." ends a sentence; it is no key with parts.
    'The node gives its address and the cluster bus port.\n   `:0@0` is shown when the address is unknown.',
  ],
  'glued port flags by their own letter, camel-case and qualified port keys, a subnet with its port': [
    // mysql's -P is the port and -p the password, glued or not; xargs' -P is a count.
    'mysql -h db.local -uops -psecret -P[[3307]] --ssl-mode=REQUIRED',
    'ls *.log | xargs -P4 gzip',
    'weed volume -dir=/srv/vol -metricsPort=[[9325]] -port=[[8081]]',
    '\tikelifetime=8h\n\tleftikeport=[[4600]]\n\trightikeport=[[4600]]\n\ttcp-remoteport=[[4443]]\n\tretransmit-timeout=15s',
    'allow-notify: 198.51.100.0/24@[[5353]] NOKEY\nprovide-xfr: 2001:db8:5::/48@[[5353]] NOKEY',
    // a report or transport setting is no port key
    'tcp-report=30\ntransport=2',
  ],
  'a default value named in words, a STOMP port beside the others': [
    '# ポート番号（既定値: [[9080]]）',
    'Cambie la variable WEB_PORT (valor predeterminado: [[8090]]) si el puerto está ocupado.',
    'Brokers speak AMQP ([[5672]]), STOMP ([[61613]]) and MQTT ([[1883]]) here.',
  ],
  'a command after a shell prompt, and netcat or telnet to a one-word host': [
    'ops@bastion:~$ telnet 198.51.100.20 [[4949]]',
    'gw01:~# nc -zv mail.example.net [[587]]',
    '[root@cache2 ~]# sudo nc -v redis [[6379]]',
    '$ nc -vz db-primary [[5432]]\n$ nc -vzu resolver [[53|udp]]',
    'netcat PUBLIC_HOSTNAME [[8443]]',
    'nc -w 3 relay [[25]]',
    'nc -lu [[5140|udp]]\nnc -l -u [[5141|udp]]\nnc -lk [[8000]]',
    // a flag's value, a word of prose: not the port operand
    'ncat --exec "/bin/cat" --max-conns 5 -l [[9001]]',
    'Telnet is 50 years old and nc version 7 is newer.',
  ],
  'a host and port among other arguments in code, a labelled address': [
    "client = Agent('ci.example.org', [[9989]], 'runner-3', secret)",
    "peer = IPv4Address(TCP, '192.0.2.44', [[51522]])",
    "retry('backup.example.org', 10, 3)",
    'mon_host = [v2:192.0.2.7:[[3300]]/0,v1:192.0.2.7:[[6789]]/0]',
    // a mail transport or milter: a word, a host name, its port; not a file's line and column
    'smtpd_milters = inet:localhost:[[8891]]',
    'relay_transport = relay:mx2.example.net:[[2525]]',
    'panic at worker:main.go:12:5',
  ],
  'other languages: a key with a particle, a listener verb, a range word': [
    'CONTROL_PORT가 [[4100]]이면 보조 포트는 자동으로 정해진다. WORKERS가 8이면 충분하다.',
    'admin_portは [[9090]] です。',
    'Сервис слушает на [[7070]], а раз в 5 минут сбрасывает кеш.',
    'Ответ приходит через 30 секунд.',
    '"Allowed port ranges" = [[7000]],[[7100]]-[[7199]]',
  ],
  'an IPsec selector: the IP protocol number, then the port': [
    'conn l2tp\n  leftprotoport=17/[[1701]]\n  rightprotoport=17/%any\n  leftprotoport=icmp/2048',
    'Only UDP port [[1701]] may pass, as leftprotoport=17/[[1701]] says.',
  ],
  'a Default or Listens-on column in a plain-text table': [
    '| 설정 키        | 기본값  | 설명 |\n|----------------|---------|------|\n| MANAGER_PORT   | [[8201]]    | 관리 콘솔 |\n| MAX_SESSIONS   | 64      | 동시 세션 |',
    'Daemon      Listens on    Notes\ncollector   [[7411]]          metrics ingest\nindexer     [[7412]]          search API',
  ],
  'session 23: an aligned table whose Default value stands in a row with a TCP or UDP cell, a port= column, a semicolon list':
    [
      '  =========  ============  =========  =====================\n' +
        '  Module     Default       Transport  Note\n' +
        '  =========  ============  =========  =====================\n' +
        '  sip        [[5060|udp]]          UDP        register every 300 s\n' +
        '  media      [[16384|udp]]-[[32767|udp]]   UDP        one pair per call\n' +
        '  console    9             -          retries before giving up\n' +
        '  =========  ============  =========  =====================',
      '+-----------+---------+----------+\n| File      | port=   | type=    |\n+===========+=========+==========+\n' +
        '| main.conf | [[6697]]    | clients  |\n+-----------+---------+----------+\n| peer.conf | [[7001]]    | servers  |\n' +
        '+-----------+---------+----------+',
      'exclude-ports = [[20000]]; [[20001]]; [[20002]]',
      // the protocol from the row's Transport cell, for both ends of the range
      '  Service    Default          Transport  Note\n  -------    -------------    ---------  ----\n' +
        '  media      [[10000|udp]]-[[20000|udp]]      UDP        one pair per call',
    ],
  'a pipe table of protocols or services, each row named by one': [
    '| Protocol | Plain | TLS |\n|---|---|---|\n| MQTT | [[1883]] | [[8883]] |\n| AMQP | [[5672]] | [[5671]] |',
    '| Service | Production | Staging |\n|---------|------------|---------|\n| HTTPS | [[443]] | [[8443]] |',
    // rows not named by a protocol, counts, and a table whose first column is something else
    '| Protocol | Share |\n|---|---|\n| other | 12 |',
    '| Protocol | Requests | Errors |\n|---|---|---|\n| HTTP | 1200 | 3 |\n| SMTP | 950 | 14 |',
    '| Protocol | Plain | Requests/s |\n|---|---|---|\n| MQTT | [[1883]] | 1200 |',
    '| Host | Uptime |\n|---|---|\n| smtp-relay | 4000 |',
  ],
  'a column named for a transport: TLS, plaintext, a socket': [
    '| Shard | v4 socket | v6 socket |\n|---|---|---|\n| 0 | [[7100]] | [[7101]] |\n| 1 | [[7102]] | [[7103]] |',
    'listener    cleartext    TLS\ningest      [[6001]]         [[6441]]\nquery       [[6002]]         [[6442]]',
    '| Protocol | STARTTLS | Implicit TLS |\n|---|---|---|\n| IMAP | [[143]] | [[993]]<sup>2</sup> |',
    // a prose paragraph is no table, whatever its words; a version under TLS, a count of CPU sockets
    '  * Adds abstract sockets.  Prefix a\n    path with `@` to use a socket in the abstract\n    namespace.  Matches release 14.\n  * Limits rose\n    to 996 and 128, respectively.  Some',
    '| Client | TLS |\n|---|---|\n| curl | 1.3 |',
    '| Node | Sockets | Cores |\n|---|---|---|\n| db1 | 2 | 32 |',
  ],
  'a table of listeners or services: its Default or Number column gives their ports': [
    'Listeners    Default    Notes\nkafka        [[9092]]       clients\nadmin        [[9644]]       operators',
    '| Service name | Number | Transport |\n|---|---|---|\n| gossip | [[7946]] | tcp |\n| metrics | [[9100]] | tcp |',
    // a Number column of anything else counts something
    '| Name | Number | Notes |\n|---|---|---|\n| build | 42 | nightly |\n| deploy | 4410 | weekly |',
  ],
  'a Listener column, a Fallback column, and a Number column beside a protocol column': [
    '| Service | Listener | Transport |\n|---|---|---|\n| relay | [[21117|tcp]] | TCP |\n| probe | [[21115|tcp]] | TCP |',
    '| Variable | Fallback | Notes |\n|---|---|---|\n| APP_QUERY_PORT | [[10011]] | raw queries |\n| APP_MAX_CLIENTS | 32 | seats |',
    '+--------+-------+-----------+\n| Number | Proto | Bind to   |\n+========+=======+===========+\n| [[5984|tcp]]   | tcp   | localhost |\n| [[4369|tcp]]   | tcp   | cluster   |',
    // an IP protocol's number, a count of listeners, a Number column of anything else
    '| Traffic | Protocol | Number |\n|---|---|---|\n| IKE | UDP | [[500|udp]] |\n| ESP | IP protocol | 50 |',
    '| Node | Listeners | Uptime |\n|---|---|---|\n| a | 3 | 12 days |',
    '| Item | Number | Notes |\n|---|---|---|\n| disks | 4 | spare |',
  ],
  'one digit under a column that says port, in any language': [
    '| Port | Service |\n|---|---|\n| [[7]] | echo |',
    '| Puerto | Servicio |\n|---|---|\n| [[7]] | echo |\n| [[9]] | discard |',
  ],
  'a key glued to its port word, as game servers write them': [
    'webadminport="[[8088]]"',
    'Custom-Queryport [[10011]]',
    'gameport = [[7777]]',
    '| Setting | Default |\n|---|---|\n| `SERVERMESSAGINGPORT` | `[[8888]]` |',
    '| clientport | mode |\n|---|---|\n| [[4001]] | udp |',
    // English words and socket options that end in "port"
    'so_reuseport = 1',
    'support=24',
    'transport=2',
    'teleport 3022',
    'airport 4',
  ],
  'a value cell in a row whose key names a port inside it': [
    '| Key | Type | Default |\n|---|---|---|\n| service.ports.tcp.api | int | [[8200]] |\n| service.replicas | int | 3 |',
    '| Key | Default |\n|---|---|\n| ports.metrics | [[9102]] |',
    '| Parameter | Default |\n|---|---|\n| cluster_port_id | [[5301]] |\n| max_clients | 2000 |',
    '| Option | Default |\n|---|---|\n| rtp_port_range_low | [[10000]] |\n| rtp_port_range_high | [[20000]] |',
    'Key                      Type   Default\nservice.ports.tcp.api    int    [[8200]]\nservice.replicas         int    3',
  ],
  'a protocol before its ports, in French typography; a Chinese list': [
    '# open these\n- UDP : [[2456|udp]] et [[2457|udp]]\n- TCP : [[25575|tcp]]',
    '服务监听端口 [[8081]] 与 [[8082]]',
  ],
  'session 22: ufw in/out rules and status rows, ssh switches before -R, guacd -l, Python 2 reprs, ingress maps': [
    "sudo ufw allow out [[853]] comment 'DNS over TLS to the resolver'",
    'ufw deny in [[23]]',
    'To                         Action      From\n[[25]]                         DENY OUT    Anywhere\n[[587]] (v6)                   ALLOW OUT   Anywhere (v6)',
    'ssh -fNR [[2222]]:localhost:[[22]] tunnel@relay.example.net',
    'autossh -NL [[15432]]:db.internal:[[5432]] bastion',
    'guacd -b 127.0.0.1 -l [[4823]] -f',
    "{u'host': u'198.51.100.4', u'port': u'[[51413]]', u'seed': u'true'}",
    'tcp:\n  "[[3306]]": "shop/mariadb:[[3306]]"\nudp:\n  "[[5353]]": "infra/coredns:[[53]]"',
  ],
  'session 22: three digits or more after on, where the clause ends; answers and accepts as serving words': [
    'The metrics exporter sits on [[9187]], next to the database.',
    'In the image: the RMI registry on `[[1099]]`, the broker on `[[61616]]`.',
    'Grafana answers on [[3000]] unless the ini file says otherwise.',
    'The gateway accepts tunnels on [[7844]] and forwards them to the cluster.',
  ],
  'session 22: a code span then a protocol or a suffixed port word, Polish and Turkish port words': [
    'Forward `[[27015|udp]]` UDP, then `[[27016|tcp]]` TCP.',
    'Serwer gry wymaga, aby porty:\n[[7777]], [[7778]] i [[27015]] były otwarte.',
    'Hizmet varsayılan olarak ``[[9292]]`` portunu dinler.',
    '新版本把默认端口由 `[[4000]]` 改成了 `[[4001]]`，请更新客户端。',
    'Düğümler sırasıyla [[7000]], [[7001]] ve [[7002]] TCP portlarını kullanır.',
  ],
  'session 23: the first of a list of bare numbers in a sentence about ports, listeners, TCP, UDP or a firewall': [
    'Between the monitors the firewall must pass both [[6789]] and [[3300]] or quorum never forms.',
    'Each shard has its own HTTP listener, so point the scraper at [[9401]], [[9402]] and [[9403]] separately.',
    'On the NAS, add firewall rules for [[80]] and [[443]] from the container subnet.',
    'With TCP checks the prober dials [[22]] or [[3389]], whichever answers first.',
  ],
  'session 23: a default in French, Spanish, Portuguese, Italian, German or Russian on a line about the port': [
    'admin.port.help=Port du tableau de bord (par défaut [[8443]]).',
    'Puerto de escucha del agente, por defecto [[10050]].',
    'console.port=Porta da consola web (padrão: [[9090]]).',
    'Porta del servizio di replica; predefinito [[7400]].',
    'Port des Steuerkanals, standardmäßig [[2223]].',
    'ldap.port.hint=Порт каталога. По умолчанию используется [[389]].',
  ],
  'session 23: a number in brackets closing a sentence about one port, listening particles after a space, a fallback after a listen option':
    [
      'Le port sur lequel les passerelles se connectent au serveur ([[5269]]).',
      'The port the relay hands to browsers ([[7443]]) must be reachable from outside.',
      'WebSocket クライアントは [[1780]] で待ち受けるサーバーに接続し、AirPlay 2 は [[7000]] で受けます。',
      'Il master apre la porta [[9419]] per i logger, la [[9420]] per i nodi e la [[9421]] per i client.',
      'The `listen-tls` option takes an address too and falls back to [[853]] without one.',
      '; relay address as host[:port]; port optional, [[3479]] assumed',
    ],
  'session 23: a regex group as the host, min/max and listen-<transport> flags, RTP range keys, inline tables under a ports list':
    [
      '      - source_labels: [__address__]\n        regex: ([^:]+)(?::\\d+)?\n        replacement: $1:[[9187]]',
      'ProxyPassMatch "^/stats/(a|b)/(.*)" "http://$1:[[8125]]/$2"',
      'mediaproxy --port-min=[[35000]] --port-max=[[45000]] --listen-http=127.0.0.2:[[9102]] --listen-udp=[[12223]]',
      '[general]\nrtpstart=[[12000]]\nrtpend=[[14999]]',
      'allowedPorts = [\n  { start = [[7000]], end = [[7100]] },\n  { single = [[7200]] },\n]',
      '[relay]\n# listen-tcp = [[25061]]\nlisten-udp = [[12224]]',
      '| Name | Port | Proto | Notes |\n|---|---|---|---|\n| webhook | [[9443]] | TCP | reached through a Service on [[443]]      |',
    ],
  'session 24: csv-table fields under a port header, master.cf services, listen addresses given as a port alone': [
    '.. csv-table:: Daemons\n   :header: "Daemon", "Port", "Transport"\n   :widths: 30, 10, 10\n\n   "Relay", "[[2525|tcp]]", "TCP"\n   "Syslog", "[[514|udp]]", "UDP"\n   "Web", "[[80|tcp]] / [[443|tcp]]", "TCP"',
    '# service type  private unpriv  chroot  wakeup  maxproc command\n[[2587]]      inet  n       -       n       -       -       smtpd',
    'LISTEN_ADDR="[[6033]]"\nlisten_address = [[8125]]',
    'agent:\n  consolePorts: [ [[13000]], [[13001]] ]',
    'inet_listener imap {\n  # 0 switches this listener off\n  port = [[0]]\n}',
  ],
  'session 24: a range that starts after from or between, such as, open, forward; a Chinese default under a port label':
    [
      'Point the VPN clients at one UDP port and hop across everything from [[30000]] to [[30500]].',
      'Proxies in that zone only pass outbound TCP ports between [[7000]] and [[7050]].',
      'Give the broker a second listener on TCP, such as [[8883]], for devices outside.',
      'Metrics are served on port [[9187]]; open [[9187]] only to the scraper. Do not forward [[9188]], the admin port.',
      '* `port`：监听端口。经由代理连接时默认为 `[[6446]]`，直连默认为 `[[3306]]`。',
      '管理节点从 [[7100]]~[[7120]] 范围的端口中选一个。',
      '把端口 [[9090]] 分配给管理界面，约 5 分钟后生效。',
      '# 0 switches it off\nport=[[0]]',
      'Before 2.0 a second setting, `replication_tls_port`, defaulted to [[7002]]; later ones keep it off.',
      '웹 콘솔 포트는 실행할 때마다 하나씩, [[15000]]번부터 [[15010]]번까지 씁니다.',
    ],
};

const NEGATIVES: Record<string, string[]> = {
  'years and dates': ['In 2023 we moved.', '2026-11-23', 'on 11/23/2026', '23.11.2026', 'around 2007–2010'],
  times: ['at 10:30', '23:59:59', 'took 1:02:37'],
  // A sentence about ports holds other numbers too: durations, shares, queue lengths, addresses.
  // A service's own port number on its line, but counting something else.
  'numbers sent over a protocol that count': ['Retries: 3 over UDP, then 5 over TCP.', 'It sent 120 over UDP.'],
  'a Chinese default that counts': ['线程池默认用 16 个线程。'],
  'a counter after a number that is not a port': ['困ったら110番に電話してください。', 'UDP on 3 hosts only'],
  'a service and a number that counts': [
    'The daemon will listen on 4 interfaces; it is listening on 12 sockets.',
    'SSH kept 22 sessions open overnight.',
    'The SMTP queue held 25 messages.',
    'HTTP 80 ms at p95 is fine.',
    'ldap  no  yes  390  not the registered one',
  ],
  'numbers in a sentence about ports': [
    'Those ports stay closed for 300, then reopen.',
    'Port usage rose from 40 to 95.',
    'Raise the listen queue backlog value to 128.',
    'The server will listen on 2001:db8::5 once IPv6 is on.',
    'The relay is listening on 2001:db8::7 since the upgrade.',
    'The relay is listening on 2001::7 since the upgrade.',
    'Call GetSpecificPortMappingEntry and bump API_VERSION to 10.',
    'Ports are retried up to 10 times.',
    'The port pool holds 100 for each tenant.',
    'Each port check waits 300 for a reply.',
    'Port audits run in 2026 for all hosts.',
    // A switch named after a protocol is not a list of its ports.
    'dig --force-tcp=1 example.com',
    // A numbered hardware port.
    'usb_port2 = 3',
    'switch_port4: 12',
    // Not a placeholder host: a generic type, a closing tag, a name that ends in an underscore.
    'val counts: Map<String, Int>:42',
    'x</b>:80',
    'foo_:23',
    // Counts, sizes, dates and offsets in a CJK clause that names a port.
    '端口映射规则最多 100 条',
    '端口的密钥至少 2048 位',
    '这个端口从 2024 年起开放',
    '改过主端口以后，gRPC 端口也要按偏移量 1000 调整',
    '포트 설정은 2025 년에 바뀌었습니다',
    // A default that is a duration, or one stated in a sentence after the one about the port.
    '--port-wait <n>  How long to wait for the port. Default: 30 seconds',
    '端口超时默认 30 秒',
    // A count in a row about ports, given by example or by default.
    '| retries | 端口不可用时的重试次数 | 例如 3 |',
    '| max_ports | 端口数量上限 | 默认 100 |',
    'Port check interval, e.g. 30 seconds',
    // A counter after the number; SDP payload types after rtpmap and fmtp.
    'ハートビート用の UDP ポート番号を 1 つだけ書きます',
    'a=rtpmap:101 telephone-event/8000\na=fmtp:101 0-16',
    // The default of another setting, in its own sentence after the port's.
    '接続を受けるポートです。監視の間隔は秒で、既定値は 10 です。',
    // Prefix lengths, IPv4 and IPv4-mapped IPv6.
    'allow 10.0.0.0/8, 192.168.1.1/32 and ::ffff:10.0.0.1/128, ::ffff:127.0.0.0/104',
    '`port`：目标端口，必填。`timeout`：等待时间，默认 300。',
  ],
  versions: ['v3.11.4', 'Python 3.12', 'nginx:1.25', 'FROM node:20-alpine', 'image: postgres:16', 'redis:7'],
  'prices and percentages': ['$8080', '€30', '80%', '95 %'],
  'thousands separators': ['65,535 ports', 'port 65,535', '1,234,567'],
  'phone numbers': ['+1 (555) 010-4477', 'call 555-0100'],
  'IP octets and CIDR sizes': ['192.168.1.10', '10.0.0.0/16', '2001:db8::8a2e:370:7334', 'fe80::1'],
  'PIDs and columns': [
    'tcp 0 0 0.0.0.0:[[22]] 0.0.0.0:* LISTEN 812/sshd',
    'sshd[1234]: ok',
    'ps -p 1234',
    'lsof -p 4321',
    // The command after `--` is a command of its own: kubectl's and docker's exec run it in a container.
    'kubectl exec web-0 -- ps -p 1',
    'docker compose exec api -- lsof -p 7',
    'users:(("sshd",pid=812,fd=3))',
    '  TCP    0.0.0.0:[[135]]   0.0.0.0:0   LISTENING   1234',
  ],
  'hex and colours': ['#ff8080', '#808080', '0x1F90'],
  'RFC, CVE and ISO numbers': ['RFC 6335', 'CVE-2021-44228', 'ISO 8601', 'RFC-6335'],
  'HTTP status codes': ['HTTP 404', 'returned 502 Bad Gateway', '"GET / HTTP/1.1" 200 612'],
  'model numbers': ['Intel 8080', 'Nokia 3310', 'Cisco 2960'],
  'hardware ports': ['USB port 2', 'USB-Port 2', 'the switch uplink to port 24', 'HDMI port 1'],
  harbours: ['the port of Rotterdam', 'el puerto de Valencia', 'le port de Marseille'],
  'footnotes and list markers': ['founded in 2001.[3]', 'presence.1 The year', '1. Ports\n  2. Port [[3716]]'],
  'source positions and stack traces': ['main.go:42', 'at f (/srv/app/server.js:42:8)', '(node:net:1872:16)'],
  'key:value numbers': ['"id":23016', 'pid:1234', 'status:404'],
  'counts after port words': ['nmap --top-ports 100 host', 'xargs -P 8 gzip', 'iperf3 -c h -P 4'],
  'ratios and scores': ['16:9', '3:1', 'John 3:16', ':3'],
  'numbers above 65535': ['port 70000', 'localhost:99999', 'port 123456'],
  'signs and decimals': ['port -1', 'port 8080.5', 'timeout .5'],
  'protocols beside counts and sizes': [
    'The TTL is 300 for DNS records.',
    'SSH on 2 servers failed',
    'mail on 25 March',
    'retries 3 for HTTP',
    'a pool of 10 for gRPC calls',
    'The TTL for DNS is 300.',
    'The health check got HTTP (200) back, and Kafka (2024) notes moved.',
    'The API version is 2024.',
    'The default timeout of HTTP is 30.',
    // A protocol word inside a longer flag name is a switch, not a port's protocol.
    'run it with --use-udp 2 workers',
    'bench --prefer-tcp 4 times',
  ],
  'protocols named beside other numbers': [
    'see RFC 2616 (HTTP) and RFC 7230 (HTTP/1.1)',
    'the server running on 4 cores',
    'available on 12 March',
    'UDP port [[53|udp]], but answers over 512 bytes (or 1232 with EDNS) fall back to TCP',
  ],
  'values of settings not named for a port': [
    '<property><name>dfs.replication</name><value>3</value></property>',
    '<add key="ReportCount" value="25" />',
    '<param name="transport" value="2"/>',
    '- name: MAX_PORTS\n  value: "100"',
    '{"name": "import", "value": 5}',
    '<name>hbase.regionserver.port.retries</name><value>5</value>',
  ],
  'tuples that are not addresses': ['print(("total", 200))', 'pair = ("v2", 12)', 'f(("", 3), x)'],
  'listener not as a directive': ['the listener 5 minutes later', 'Listener 2 of 3 is up'],
  'one-word names in tuples that build no socket': ['cache.put("retries", 3000)', '{ "items", 1000 }', 'map("w", 80)'],
  'defaults and ranges in sentences not about ports': [
    'A default value of 30 applies to the retry count.',
    'Port [[22]] is open. A default value of 30 applies to retries.',
    'Keep the heap in the 60-75 range.',
    'Ports were fine. Keep the heap in the 60-75 range.',
  ],
  'flags and keys of other commands and lines': [
    'docker run -m 512 alpine',
    'gzip -ms 9 file',
    'http: 2',
    'http: 8080 requests per minute',
    'Use http: 8080 next',
    'example:42 and line:3',
    'The number of worker threads is 16 here.',
  ],
  'labels and slashes that are not about ports': [
    'Limits: cpu: 2; memory: 512.',
    '端口说明。版本：5.1；线程：16',
    'Ports are listed below. Threads: 16; queue: 1024.',
    '/src/app.js:42 and /1.2.3:45',
  ],
  'thousands, switch ports and ranges that stay what they are': [
    'Of the 65,535 possible ports, 12,500 were scanned.',
    'We had 80,443 visitors.',
    // A comma and three digits read as a thousands separator even after "ports" (see the property test).
    'ports 80,443 are the ones to keep open',
    'Plug the switch into port 24 and the USB port 2.',
    // Physical switch ports beside VLANs, PVIDs and link aggregation groups.
    'LAG3 bundles ports 5,6,21,22 for the hypervisor, tagged for VLANs 10,20',
    'Auf dem Switch sind die Ports 1-12 als Access-Ports (PVID 30) konfiguriert.',
    // In a table row, a Pid column and a process cell's pid= and fd= are never ports.
    'Local Address:Port   Peer Address:Port   Process\n0.0.0.0:[[8080]]         0.0.0.0:*           users:(("node",pid=4411,fd=21))',
    'NAME      PORT    PID\nbroker    [[9092]]    7781\nzk        [[2181]]    7702',
    'The temperature range (20\u201325) is fine.',
  ],
  'a host and a number after other commands': ['echo 192.168.0.8 8080', 'ping -c 3 10.0.0.1 56'],
  'a hardware port or a protocol word glued to a Russian word by a hyphen': [
    'Подключите камеру в USB-порт 2 на передней панели.',
    'UDP-протокол отправляет 3 пакета.',
  ],
  'counters and units after a number in Chinese and Korean': [
    '共 4 个端口，默认 2 个启用。',
    '端口重试 3 次，超时默认 6000 毫秒。',
    '포트 3개를 엽니다.',
    '网关监听 3 个端口。',
    '3番目の手順で 2 番目のポートを開く。',
    '端口：见第 3 节；共 2 个。',
    '需要开放的服务：控制台 8080；namesrv 9876。',
  ],
  'versions, counts and protocol numbers beside port words; no default without its port': [
    'fixed in ab:cd#12 at 10:30:15#3, colour #fe80',
    'sshd[812]: accepted from 10.0.0.1 [3] (see note [4])',
    'resolvers: fe80::1,fe80::2 and 2001:db8::1,2001:db8::53',
    'A relay listening on 3 UDP ports, e.g. udp:10.0.0.1:[[5060]], forks 8 workers for each.',
    'retries\n    How many ports above the base port to try; default 50.',
    'Allow TCP to port [[8006]] and UDP to ports [[5405]]-[[5412]].\nAllow ICMP types 3 (unreachable), 4 and 11 (time exceeded).',
    'The proxy returned 503 (HTTP) twice, then `404` (HTTP) once.',
    '| Service | Port in 4.4 | Port in 5.x |\n| --- | --- | --- |\n| api | [[8081]] | [[18083]] |',
    '"passive_port_attempts": 50, "data.port.retries": 3',
    '-A INPUT -p 50 -j ACCEPT\niptables -I INPUT -p 51 -j ACCEPT\n-A INPUT -p udp --dport [[4500|udp]] -j ACCEPT',
    'port_timeout: 30\nport-count: 4\nexport_max: 100\nport_max_connections: 512',
    'Retries: when the request fails, 3 is used as the limit and the timeout falls back to 30.',
    'Set the port below; a value of 0 is used for any port, and level 2 is assumed.',
    'The port check runs every 30 s; after a failure, 15 is used as the back-off.',
    'Support for it falls back to 64 when the export is assumed.',
    'The relay keeps 5 TCP connections and 12 UDP-based tunnels.',
    'Listen on port [[8080]]; the timeout is 30 by default and the retry limit is 12.',
    'Pick ports 10/12.5 of the table.',
  ],
  'other brackets': ['{weights, [5672]}', 'see [1024]', 'items[8080]'],
  'one digit in a column that does not say port': [
    'NAME      PORT    PROTO   SOCKETS\ngame      [[7777]]    udp     1\nquery     [[27015]]   udp     1',
    '| Listener | TLS |\n|---|---|\n| api | 1 |\n| web | [[8443]] |',
  ],
  'a value whose key ends in what it counts': [
    'rsa_keygen_bits:2048',
    'file_count:275',
    'process_id:4321',
    'my_server:[[8080]]',
  ],
  "a listener's limits and a user's ids beside ports": [
    'listener.tcp.default = 127.0.0.1:[[1883]]\nlistener.max_connections = 10000\nlistener.nr_of_acceptors = 10',
    'services:\n  game:\n    user: "1001:1001"\n    ports:\n      - "[[7777|udp]]:[[7777|udp]]/udp"',
    "docker run --user '1000:1000' -p [[8080]]:[[80]] app",
  ],
  'an SMTP reply code after a client port': [
    'Dec  1 10:02:11 mx postfix/smtpd[811]: NOQUEUE: reject: RCPT from unknown[198.51.100.4]:[[40112]]: 554 5.7.1 rejected',
  ],
  'the elements of an nftables set of services, not of addresses': [
    'set web { type inet_service; flags interval; elements = { [[22]], [[8000]]-[[8100]] } }',
    'set peers { type ipv4_addr; elements = { 10 } }',
  ],
  'session 22: after on, a year, a count, a size or a SIP reply code': [
    'The proxy retries on 503 or 480 replies, never on 486 response codes.',
    'It stops ringing on 180 in reply to the INVITE.',
    'The library was first published on 2007 and rewritten on 2019.',
    'Benchmarks ran on 512 MB and on 128 cores, on 300 nodes at most.',
  ],
  'session 22: a source position with a C++ include extension, a timeout unit, words like allow and out': [
    'I1203 10:04:11.5 main StorageClient.inl:417] retrying',
    'the RPC call gives up after 30000 milliseconds when the peer is busy; ports stay open',
    'Step 12   ALLOW the wizard to finish',
    'we allow out 25 guests per tour',
    'ssh -NT 4000 is not a forwarding flag',
    '"5432": "a plain value"',
  ],
  'session 23: lists that are not ports although the sentence names ports or a transport': [
    'The port pool was resized in 2019, 2020 and 2021 before the move.',
    'ESP and AH travel as IP protocols 50 and 51, which ufw cannot open by port number.',
    "INSERT INTO backends (host, port, weight) VALUES ('10.1.2.3', 3307, 200);",
    'Over UDP the agent retries after 30, 60 and 90 seconds; the port stays the same.',
    'Our TCP bench gave 980, 1010 and 1200 requests per second.',
  ],
  'session 23: colon pairs in YAML lists under keys that hold no ports, counts and years in brackets': [
    'bgp:\n  communities:\n    - no-export\n    - 65010:300\n    - 65010:310',
    "time_intervals:\n  - years: ['2024:2026', '2031']\n    days_of_month: ['3:9']",
    'The notes on the port scan date from the last audit (2023).',
    'Таймаут порта по умолчанию 3000 мс, затем повтор.',
    'Заголовок транспортного уровня, по умолчанию 20 байт.',
  ],
  'session 23: a setting of another kind after a port, said with is or set to': [
    'The relay listens on port [[4000]]. The DSCP byte is set to 46 for voice.',
    'Clients reach it on port [[3350]]. MaxClients is 64 unless raised.',
    '      - weekdays: ["1:5"]\n        months: ["3:4"]',
    'The trunk registers on port [[5061]]. It fails over on 503 or 486 replies, and rings on 180 in reply.',
    'listen-port = [[8080]]; 30 retries, then the next one',
    'retryWindows = [\n  { start = 10, end = 40 },\n  { single = 90 },\n]',
    'network:\n  port:\n    auto-increment: true\n    port-count: 50\n    port: [[5801]]',
    'Key          Value     Comment\n---------    -----     ---------------------\nsip_tos      160       DSCP byte, not a port',
  ],
  'session 24: ranges of other things, hardware ports, settings of another kind, csv fields under other headers': [
    'The tunnel is reachable on port [[7300]]; its latency rose from 120 to 180 ms last week.',
    'Clients keep the port open between 30 and 60 seconds.',
    'Das Board hat zwei LAN-Buchsen (Port 1 und 2) und einen USB-Port 3.',
    'Der Switch hat acht Buchsen, Port 5 bis 8 sind PoE.',
    '对端监听 10.1.0.2:[[9000]]。建议把 MTU 设为 1350。',
    '`port`：目标端口。`timeout`：超时时间（秒），默认 300。',
    '.. csv-table::\n   :header: "Queue", "Size", "Workers"\n\n   "mail", "5000", "8"',
    'listen_backlog = 511\nlisten_address = 10.0.0.2',
    'See the USB port 2 and the serial console port 1 at the back.',
    'BACKENDS="10.0.0.21:[[5432]]:3 10.0.0.22:[[5432]]:1"',
    'The pool, defaulting to 4000 connections, is separate from the listener on port [[7002]].',
    '09:41:09 [info] Listening on http://127.0.0.1:[[1880]]/\n12 Mar 09:41:09 [info] Flows started',
    '- spec.important ranges over 0 to 5, 默认 3',
    '- 通知は UDP ポート [[1900]] から約16分おきに送ります。',
    'alert http any any -> any any (msg:"probe"; content:"abc"; byte_test:4,>,var,4,little; sid:902; rev:3;)',
  ],
};

describe('findPorts: contexts that make a number a port', () => {
  for (const [name, cases] of Object.entries(POSITIVES)) {
    it(name, () => cases.forEach(check));
  }
});

describe('findPorts: numbers that are never ports', () => {
  for (const [name, cases] of Object.entries(NEGATIVES)) {
    it(name, () => cases.forEach(check));
  }
});

describe('the page finder: text after a node', () => {
  it('reads the text after the node, never marks in it', () => {
    const find = createPageFinder();
    expect(find('27015', 'Forward ', undefined, ' UDP, then').map((m) => [m.start, m.port])).toEqual([[0, 27015]]);
    expect(find('Forward ', '', undefined, '27015 UDP, then')).toEqual([]);
    expect(find('27015', 'Forward ', undefined, ' apples, then')).toEqual([]);
  });

  it('gives the card the protocol written after the node', () => {
    expect(protocolOfMention('27015', 0, { before: 'Forward ', after: ' UDP, then' })).toBe('udp');
  });
});

describe('findPorts contract', () => {
  it('slices to the digits, in order, without overlap', () => {
    const text = 'ports [[80]], [[443]]; localhost:[[3000]] and -p [[8080]]:[[80]]';
    const { text: clean } = parseLabelled(text);
    const found = findPorts(clean);
    let last = -1;
    for (const m of found) {
      expect(clean.slice(m.start, m.end)).toBe(String(m.port));
      expect(m.start).toBeGreaterThanOrEqual(last);
      last = m.end;
    }
    expect(found.map((m) => m.port)).toEqual([80, 443, 3000, 8080, 80]);
  });

  it('returns nothing for text without digits', () => {
    expect(findPorts('port port port')).toEqual([]);
    expect(findPorts('')).toEqual([]);
  });
});

describe('findPorts with `before`: a text node after its context', () => {
  it('finds a port whose keyword is in the previous node', () => {
    expect(findPorts('8080', { before: 'listening on port ' })).toEqual([
      { start: 0, end: 4, port: 8080, rule: Rule.Keyword },
    ]);
    expect(findPorts('5432', { before: 'psql -h localhost -p ' })).toEqual([
      { start: 0, end: 4, port: 5432, rule: Rule.Flag },
    ]);
    expect(findPorts(':3000', { before: 'http://localhost' })).toEqual([
      { start: 1, end: 5, port: 3000, rule: Rule.HostPort },
    ]);
  });

  it('continues a list or range begun in the previous node, and never reports inside `before`', () => {
    expect(findPorts('443 and 8080', { before: 'ports 80, ' }).map((m) => m.port)).toEqual([443, 8080]);
    // The range's first end is in `before`: the second still carries the whole range.
    expect(findPorts('–6063', { before: 'ports 6000' })).toEqual([
      { start: 1, end: 5, port: 6063, rule: Rule.Range, range: { from: 6000, to: 6063 } },
    ]);
  });

  it('still refuses what the context rules out', () => {
    expect(findPorts('2', { before: 'USB port ' })).toEqual([]);
    expect(findPorts('1234', { before: 'ps -p ' })).toEqual([]);
    expect(findPorts('8080', { before: 'the Intel ' })).toEqual([]);
  });
});

describe('findPortsWithPageContext: the page-level upgrade', () => {
  const pagePorts = new Set([3716, 3699]);

  it('marks a bare number that is already a port elsewhere on the page', () => {
    expect(findPortsWithPageContext('sudo ss -tlnp | egrep 3716', { pagePorts }).map((m) => m.port)).toEqual([3716]);
    expect(
      findPortsWithPageContext('when KPN asked IANA to record 3699 as theirs', { pagePorts }).map((m) => m.port),
    ).toEqual([3699]);
  });

  it('does not upgrade other numbers, years, identifiers, model numbers or table columns', () => {
    expect(findPortsWithPageContext('record 3700 as theirs', { pagePorts })).toEqual([]);
    const years = new Set([2001, 6335, 3310]);
    expect(findPortsWithPageContext('founded in 2001 by three firms', { pagePorts: years })).toEqual([]);
    expect(findPortsWithPageContext('see RFC 6335 for details', { pagePorts: years })).toEqual([]);
    expect(findPortsWithPageContext('it fit inside a Nokia 3310.', { pagePorts: years })).toEqual([]);
    expect(
      findPortsWithPageContext('postgres 5432 postgres    6u  IPv4  23817', { pagePorts: new Set([5432]) }),
    ).toEqual([]);
    // Prices in yen after the number.
    const prices = new Set([3000, 5000]);
    expect(findPortsWithPageContext('支援は 3000円、会費は 5000 円です。', { pagePorts: prices })).toEqual([]);
  });

  it('does not upgrade a number whose key says what it is', () => {
    for (const text of [
      'worker exited (pid 3716)',
      'see page 3716 of the manual',
      'request id=3716 done',
      'fixed in issue 3716',
      'the repository has followers 3716',
      'stars 3716 and forks 3699',
      'user 3716 logged in',
    ]) {
      expect(findPortsWithPageContext(text, { pagePorts }), text).toEqual([]);
    }
  });

  it('keeps every plain match', () => {
    const text = 'port 8080 and localhost:3000';
    expect(findPortsWithPageContext(text, { pagePorts: new Set() })).toEqual(findPorts(text));
  });
});

describe('createPageFinder: page context in reading order', () => {
  const ports = (found: { port: number }[]) => found.map((m) => m.port);

  it('marks a later bare mention of a port the page already named, not an earlier one', () => {
    const find = createPageFinder();
    expect(ports(find('If 3716 is taken, pick another.'))).toEqual([]);
    expect(ports(find('The agent listens on port 3716.'))).toEqual([3716]);
    expect(ports(find('If 3716 is taken, pick another.'))).toEqual([3716]);
  });

  it('stops using page context once the page has named more than the cap of ports', () => {
    const listing = (count: number) => `ports ${Array.from({ length: count }, (_, i) => 2001 + i).join(', ')}`;
    const few = createPageFinder();
    expect(ports(few(listing(PAGE_CONTEXT_MAX_PORTS)))).toHaveLength(PAGE_CONTEXT_MAX_PORTS);
    expect(ports(few('If 2001 is taken, pick another.'))).toEqual([2001]);
    const many = createPageFinder();
    expect(ports(many(listing(PAGE_CONTEXT_MAX_PORTS + 1)))).toHaveLength(PAGE_CONTEXT_MAX_PORTS + 1);
    expect(ports(many('If 2001 is taken, pick another.'))).toEqual([]);
  });
});

describe('invisible characters', () => {
  const ports = (text: string) => findPorts(text).map((m) => text.slice(m.start, m.end));
  it('reads zero-width characters and BOMs as nothing between a keyword and its port', () => {
    expect(ports('port\uFEFF 8084')).toEqual(['8084']);
    expect(ports('\u200Bport 8083\u200B and')).toEqual(['8083']);
    expect(ports('port\u2060 9000')).toEqual(['9000']);
  });
  it('never marks part of a number split by an invisible character (the reader sees one number)', () => {
    expect(ports('port 80\u200B85')).toEqual([]);
    expect(ports('port 80\u200D85')).toEqual([]);
  });
});
