// @vitest-environment happy-dom
// textContextOf reads what the page's structure says about a text node, and detection uses it: HTML built
// from the structure cases, each with the ports it must give.

import { beforeEach, describe, expect, it } from 'vitest';
import { findPorts } from '../lib/detect';
import { Rule } from '../lib/detect/reasons';
import { textContextOf } from '../page/text-context';

function textNodes(root: Node): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.trim()) out.push(n as Text);
  return out;
}

/** Ports found in the page the way the annotator finds them: per text node, with its context. */
function portsOf(html: string): number[] {
  document.body.innerHTML = html;
  return textNodes(document.body).flatMap((t) => findPorts(t.data, { context: textContextOf(t) }).map((m) => m.port));
}

function textOf(digits: string): Text {
  const node = textNodes(document.body).find((t) => t.data.includes(digits));
  if (!node) throw new Error(digits);
  return node;
}

/** Counts the reads of `el.textContent` from now on; returns the count so far. */
function countTextContentReads(el: Element): () => number {
  let proto: object | null = el;
  let descriptor: PropertyDescriptor | undefined;
  while (proto && !descriptor) {
    descriptor = Object.getOwnPropertyDescriptor(proto, 'textContent');
    proto = Object.getPrototypeOf(proto);
  }
  let reads = 0;
  Object.defineProperty(el, 'textContent', {
    get() {
      reads++;
      return descriptor!.get!.call(this);
    },
  });
  return () => reads;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('textContextOf', () => {
  it('gives a cell its column header (colspans counted) and the other cells of its row', () => {
    document.body.innerHTML = `<table><thead><tr><th colspan="2">Service</th><th>Port</th><th>Protocol</th></tr></thead>
      <tbody><tr><td>dns</td><td>resolver</td><td>53</td><td>UDP</td></tr></tbody></table>`;
    expect(textContextOf(textOf('53'))).toEqual({
      columnHeader: 'Port',
      firstColumnHeader: 'Service',
      rowCells: ['dns', 'resolver', 'UDP'],
    });
    expect(findPorts('53', { context: textContextOf(textOf('53')) })).toMatchObject([
      { port: 53, protocol: 'udp', rule: Rule.TableColumn },
    ]);
  });

  it('reads the rest of a row only when detection asks for it, and a list lead-in once per list', () => {
    document.body.innerHTML = `<table><thead><tr><th>Port</th><th>Notes</th></tr></thead>
      <tbody><tr><td>8080</td><td id="notes">web</td></tr></tbody></table>
      <p id="lead">Open these ports:</p><ul><li>9100</li><li>9200</li><li>9300</li></ul>`;
    const notes = countTextContentReads(document.getElementById('notes')!);
    const lead = countTextContentReads(document.getElementById('lead')!);
    const context = textContextOf(textOf('8080'))!;
    expect(context.columnHeader).toBe('Port');
    expect(notes()).toBe(0);
    expect(context.rowCells).toEqual(['web']);
    expect(context.rowCells).toEqual(['web']);
    expect(notes()).toBe(1);
    for (const port of ['9100', '9200', '9300'])
      expect(textContextOf(textOf(port))?.listLeadIn).toBe('Open these ports:');
    expect(lead()).toBe(1);
  });

  it('takes a first row of <th> as the header when there is no <thead>, and a row header as the term', () => {
    document.body.innerHTML = `<table><tr><th>Port</th><th>Use</th></tr><tr><td>8080</td><td>web</td></tr></table>
      <table><tr><th>Port</th><td>22</td></tr></table>`;
    expect(textContextOf(textOf('8080'))?.columnHeader).toBe('Port');
    expect(textContextOf(textOf('22'))?.term).toBe('Port');
  });

  it('gives a list item its lead-in and the nearest heading, and a <dd> its <dt>', () => {
    document.body.innerHTML = `<h2>Network ports</h2><section><p>Consul uses these:</p><ul><li><code>8300</code>: server RPC</li></ul>
      <dl><dt>Default port</dt><dd>5432</dd></dl></section>`;
    expect(textContextOf(textOf('8300'))).toEqual({ listLeadIn: 'Consul uses these:', heading: 'Network ports' });
    expect(textContextOf(textOf('5432'))).toEqual({ term: 'Default port', heading: 'Network ports' });
  });

  it("takes a table's caption, a fieldset's legend or a details' summary as the heading of what is inside", () => {
    document.body.innerHTML = `<table><caption>Listener ports</caption><tr><th>Name</th><th>Value</th></tr>
      <tr><td>metrics</td><td>9100</td></tr></table>
      <fieldset><legend>Proxy ports</legend><ul><li>3128</li></ul></fieldset>
      <details><summary>Gateway ports</summary><ul><li>8443</li></ul></details>`;
    expect(textContextOf(textOf('9100'))?.heading).toBe('Listener ports');
    expect(textContextOf(textOf('3128'))?.heading).toBe('Proxy ports');
    expect(textContextOf(textOf('8443'))?.heading).toBe('Gateway ports');
  });

  it('is undefined outside tables, lists and definitions, and never changes the DOM', () => {
    document.body.innerHTML = '<p>Build 8080 took 3 minutes.</p><table><tr><td>1</td></tr></table>';
    const before = document.body.innerHTML;
    expect(textContextOf(textOf('8080'))).toBeUndefined();
    textContextOf(textOf('1'));
    expect(document.body.innerHTML).toBe(before);
  });

  it('answers from its cache for every text node of one element', () => {
    document.body.innerHTML =
      '<table><thead><tr><th>Port</th></tr></thead><tbody><tr><td>80<b>x</b>443</td></tr></tbody></table>';
    const [a, , b] = textNodes(document.body.querySelector('td') as Element);
    expect(textContextOf(a as Text)).toBe(textContextOf(b as Text));
  });
});

describe('rendered HTML gives what its plain text gives', () => {
  it('tables, lists and terms', () => {
    expect(
      portsOf(`<table><thead><tr><th>Port</th><th>Protocol</th><th>Purpose</th></tr></thead><tbody>
      <tr><td>8300</td><td>TCP</td><td>server RPC, 3 nodes</td></tr><tr><td>8301–8302</td><td>TCP</td><td>gossip</td></tr>
      </tbody></table>`),
    ).toEqual([8300, 8301, 8302]);
    expect(portsOf('<p>Open these ports:</p><ul><li>9100–9200: node exporters</li><li>3 replicas</li></ul>')).toEqual([
      9100, 9200,
    ]);
    expect(portsOf('<dl><dt>Port</dt><dd>22</dd><dt>Retries</dt><dd>5</dd></dl>')).toEqual([22]);
    // A table of protocols, each row named by one; not its count columns.
    expect(
      portsOf(`<table><thead><tr><th>Protocol</th><th>Production</th><th>Staging</th><th>Requests/s</th></tr></thead><tbody>
      <tr><td>MQTT</td><td>1883</td><td>8883</td><td>1200</td></tr><tr><td>other</td><td>4000</td><td>4001</td><td>3</td></tr>
      </tbody></table>`),
    ).toEqual([1883, 8883]);
    // Columns named for a transport hold ports in every row.
    expect(
      portsOf(`<table><thead><tr><th>Receiver</th><th>Plaintext</th><th>TLS</th></tr></thead><tbody>
      <tr><td>agent</td><td>9611</td><td>9621</td></tr><tr><td>span</td><td>9613</td><td>9623</td></tr>
      </tbody></table>`),
    ).toEqual([9611, 9621, 9613, 9623]);
    // A table of listeners names one in each row; its Default column gives their ports, not its Workers column.
    expect(
      portsOf(`<table><thead><tr><th>Listener</th><th>Default</th><th>Workers</th></tr></thead><tbody>
      <tr><td>ingest</td><td>4317</td><td>8</td></tr><tr><td>query</td><td>3200</td><td>2</td></tr>
      </tbody></table>`),
    ).toEqual([4317, 3200]);
    // One digit under a listener column is a count, as in plain text; under a port column it is a port (echo).
    expect(
      portsOf(`<table><thead><tr><th>协议</th><th>默认监听</th></tr></thead><tbody>
      <tr><td>TCP</td><td>11010（TCP）</td></tr><tr><td>副本</td><td>3</td></tr></tbody></table>`),
    ).toEqual([11010]);
    expect(portsOf('<table><tr><th>Port</th><th>Service</th></tr><tr><td>7</td><td>echo</td></tr></table>')).toEqual([
      7,
    ]);
    // A cell that holds the registered port of the service its row names, under a header that says nothing of ports.
    expect(
      portsOf(`<table><thead><tr><th>Scheme</th><th>Implied</th><th>Retries</th></tr></thead><tbody>
      <tr><td>ldaps</td><td>636</td><td>25</td></tr><tr><td>submission</td><td>587</td><td>3</td></tr>
      </tbody></table>`),
    ).toEqual([636, 587]);
    expect(
      portsOf(
        '<table><thead><tr><th>Version</th><th>Year</th></tr></thead><tbody><tr><td>8080</td><td>2021</td></tr></tbody></table>',
      ),
    ).toEqual([]);
  });
});
