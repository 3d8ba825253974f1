// End to end: the page's structure reaches detection. A number under a "Port" column, in a list led in by a
// sentence about ports, or after a <dt> "Port" is marked in the rendered page although its own text never says
// "port"; the same numbers under other headers stay unmarked.
import { beforeAll, describe, expect, it } from 'vitest';
import { hoverMark, marksInFrame, serveFromMemory, waitForAnnotations } from './harness';
import { harnessForFile } from './hostile-checks';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>structure</title></head><body>
<h2>Services in this cluster</h2>
<table class="case" id="port-column" data-expect="3306 8300 9100 9200">
  <thead><tr><th>Service</th><th>Port</th><th>Protocol</th></tr></thead>
  <tbody>
    <tr><td>database</td><td>3306 (MySQL)</td><td>TCP</td></tr>
    <tr><td>consul server RPC</td><td>8300</td><td>TCP</td></tr>
    <tr><td>node exporters</td><td>9100–9200</td><td>TCP</td></tr>
  </tbody>
</table>
<table class="case" id="spanish-column" data-expect="5432 6379">
  <tr><th>Servicio</th><th>Puerto</th></tr>
  <tr><td>Postgres</td><td>5432</td></tr>
  <tr><td>Redis</td><td>6379</td></tr>
</table>
<table class="case" id="chinese-column" data-expect="8848 9848">
  <tr><th>组件</th><th>端口</th></tr>
  <tr><td>Nacos</td><td>8848</td></tr>
  <tr><td>Nacos gRPC</td><td>9848</td></tr>
</table>
<table class="case" id="row-labelled-defaults" data-expect="4222 8222">
  <tr><th>Setting</th><th>Meaning</th><th>Default</th></tr>
  <tr><td><code>port</code></td><td>Where clients connect.</td><td><code>4222</code></td></tr>
  <tr><td><code>max_conn</code></td><td>Connections allowed.</td><td>65536</td></tr>
  <tr><td><code>http_port</code></td><td>The monitoring endpoint.</td><td>8222</td></tr>
  <tr><td><code>ping_max</code></td><td>Missed pings allowed.</td><td>2</td></tr>
  <tr><td><code>write_deadline</code></td><td>Seconds to wait.</td><td>10</td></tr>
</table>
<table class="case" id="count-column" data-expect="">
  <tr><th>Region</th><th>Requests</th><th>Errors</th></tr>
  <tr><td>eu-west</td><td>3306</td><td>8300</td></tr>
  <tr><td>us-east</td><td>9100</td><td>443</td></tr>
</table>
<div class="case" id="lead-in-list" data-expect="8500 8600">
  <p>The agent opens these ports:</p>
  <ul><li>8500: HTTP API</li><li>8600: DNS interface</li></ul>
</div>
<div class="case" id="plain-list" data-expect="">
  <p>Release highlights:</p>
  <ul><li>1200 fixes merged</li><li>8600 downloads in the first week</li></ul>
</div>
<pre class="case" id="socket-names" data-expect="http-alt postgresql">State  Recv-Q Send-Q Local Address:Port   Peer Address:Port
LISTEN 0      128          *:http-alt              *:*
LISTEN 0      244    0.0.0.0:postgresql      0.0.0.0:*</pre>
<dl class="case" id="definition" data-expect="2379">
  <dt>Client port</dt><dd>2379</dd>
  <dt>Members</dt><dd>5</dd>
</dl>
</body></html>`;

const harness = harnessForFile();

beforeAll(async () => {
  await serveFromMemory(harness(), { '/structure.html': PAGE });
});

describe('page structure as detection context, in Chromium', () => {
  it('marks the numbers that their column, list lead-in or term says are ports, and only those', async () => {
    const page = await harness().open('/structure.html');
    await waitForAnnotations(harness(), page, 10);
    const marks = await marksInFrame(page);
    const cases = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.case')].map((el) => ({
        id: el.id,
        expected: (el.dataset.expect ?? '').split(/\s+/).filter(Boolean),
      })),
    );
    for (const { id, expected } of cases) {
      expect(
        marks.filter((m) => m.caseId === id).map((m) => m.digits),
        id,
      ).toEqual(expected);
    }
    expect(marks.filter((m) => m.caseId === null)).toEqual([]);
    await page.close();
  });

  it('opens the card of the port behind a service name in socket output', async () => {
    const page = await harness().open('/structure.html');
    await waitForAnnotations(harness(), page, 10);
    const { digits, card } = await hoverMark(page, '#socket-names', 1);
    expect(digits).toBe('postgresql');
    expect(card.visible).toBe(true);
    expect(card.label).toBe('Port 5432');
    await page.close();
  });
});
