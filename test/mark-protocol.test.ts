// @vitest-environment happy-dom
// The protocol a card narrows its check commands to: read from the page when the card opens, as the content script
// would read the text (the text before the node, the node's table row), since the page scan leaves it out.
import { describe, expect, it } from 'vitest';
import { protocolOfMark } from '../page/mark-protocol';
import type { Mark } from '../page/marks';

/** A mark on the first occurrence of `digits` in the text node of `selector`. */
function markIn(selector: string, digits: string): Mark {
  const element = document.querySelector(selector)!;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    const start = text.data.indexOf(digits);
    if (start >= 0) return { text, start, end: start + digits.length, port: Number(digits), shown: digits };
  }
  throw new Error(`no ${digits} in ${selector}`);
}

describe('protocolOfMark', () => {
  it('reads a protocol written on the port, or said beside it', () => {
    document.body.innerHTML =
      '<p id="a">DNS answers on 53/udp.</p><pre id="b">iptables -A INPUT -p udp --dport 500 -j ACCEPT</pre>' +
      '<p id="c">The web server listens on port 8080.</p>';
    expect(protocolOfMark(markIn('#a', '53'))).toBe('udp');
    expect(protocolOfMark(markIn('#b', '500'))).toBe('udp');
    expect(protocolOfMark(markIn('#c', '8080'))).toBeUndefined();
  });

  it('reads the text before the port’s own node and its table row, as the page scan does', () => {
    document.body.innerHTML =
      '<p id="a">Open the SCTP port <code>3868</code> for Diameter.</p>' +
      '<table><tr><th>Port</th><th>Protocol</th></tr><tr><td id="b">514</td><td>UDP</td></tr></table>';
    expect(protocolOfMark(markIn('#a', '3868'))).toBe('sctp');
    expect(protocolOfMark(markIn('#b', '514'))).toBe('udp');
  });

  it('reads a mention that only the page’s other mentions made a port', () => {
    document.body.innerHTML = '<p>Syslog listens on port 5140.</p><p id="a">Forward 5140 over UDP too.</p>';
    expect(protocolOfMark(markIn('#a', '5140'))).toBe('udp');
  });

  it('reads the protocol of a service name that a socket listing prints for its port', () => {
    document.body.innerHTML = '<pre id="a">udp   UNCONN 0 0   0.0.0.0:ntp   0.0.0.0:*</pre>';
    const text = document.querySelector('#a')!.firstChild as Text;
    const start = text.data.indexOf('ntp');
    expect(protocolOfMark({ text, start, end: start + 3, port: 123, shown: 'ntp' })).toBe('udp');
  });

  it('reads only the neighbourhood of a mark deep inside a huge text', () => {
    const filler = 'lorem ipsum dolor sit amet, '.repeat(4000);
    document.body.innerHTML = `<pre id="a">${filler}-p tcp --dport 22 ${filler}ports 53/udp and 123</pre>`;
    expect(protocolOfMark(markIn('#a', '22'))).toBe('tcp');
    expect(protocolOfMark(markIn('#a', '123'))).toBe('udp');
  });
});
