// Properties of findPorts on random text, and linear time on adversarial input.

import { describe, expect, it } from 'vitest';

// Generous: these run thousands of inputs and megabytes of adversarial text, on machines that may be busy.
const SLOW = 120_000;
import { findPorts, findPortsWithPageContext } from '../lib/detect';
import type { PortMatch } from '../lib/types';
import { seededRandom } from './helpers/seeded-random';

// Items are joined with random separators. Flags and keys carry their own number, so a keyword is never
// followed directly by a thousands-formatted or signed item (whose digits would then rightly be a port).
const WORDS = [
  'the',
  'server',
  'port',
  'ports',
  'on',
  'and',
  'listen',
  'EXPOSE',
  'localhost',
  'tcp',
  'udp',
  'in',
  'version',
  'puerto',
  'порт',
  'ポート',
  '端口',
  'from',
  'to',
  'through',
  'USB',
  'Intel',
  'RFC',
  'HTTP',
  'pid',
  '-',
  ':',
  '/',
  ',',
  '(',
  ')',
  '[',
  ']',
  '#',
  '$',
  '"',
  '\n',
  '–',
  'is',
  'number',
  'uses',
  'like',
];
const ATOMS = [
  '-p 8080:80',
  '--port=3000',
  'localhost:5432',
  '[::]:443',
  '53/udp',
  'tcp/443',
  'PORT=8000',
  'containerPort: 8080',
  '10.0.0.1:22',
  'http://example.com:8080/x',
  '"5432:5432"',
];

function randomNumber(next: () => number): { text: string; bad: boolean } {
  const n = Math.floor(next() * 200000);
  switch (Math.floor(next() * 9)) {
    case 0:
      return { text: n.toLocaleString('en-US'), bad: n >= 1000 }; // thousands separators
    case 1:
      return { text: `-${n}`, bad: true };
    case 2:
      return { text: `+${n}`, bad: true };
    case 3:
      return { text: `${n}.${Math.floor(next() * 100)}`, bad: true };
    case 4:
      return { text: `.${n}`, bad: true };
    case 5:
      return { text: String(n * 1000 + 65536), bad: true };
    default:
      return { text: String(n % 70000), bad: n % 70000 > 65535 };
  }
}

function randomText(seed: number): { text: string; badSpans: [number, number][] } {
  const next = seededRandom(seed);
  let text = '';
  const badSpans: [number, number][] = [];
  const length = 5 + Math.floor(next() * 60);
  for (let i = 0; i < length; i++) {
    const r = next();
    if (r < 0.35) {
      const { text: number, bad } = randomNumber(next);
      // A signed number glued to a previous number would be a range (52467-13556), not a sign.
      if (bad && /\d$/.test(text)) text += ' ';
      if (bad) badSpans.push([text.length, text.length + number.length]);
      text += number;
      if (bad) text += ' '; // and glued to nothing after it either (7,608 + 12647 is no longer 7,608)
    } else if (r < 0.45) {
      text += ATOMS[Math.floor(next() * ATOMS.length)];
    } else {
      text += WORDS[Math.floor(next() * WORDS.length)];
    }
    text += next() < 0.8 ? ' ' : ['', '\n', '  ', ', '][Math.floor(next() * 4)];
  }
  return { text, badSpans };
}

/** Problems with `matches` on `text`, as readable strings (plain checks: millions of `expect` calls are slow). */
function contractErrors(text: string, matches: PortMatch[], badSpans: [number, number][]): string[] {
  const errors: string[] = [];
  let last = 0;
  for (const m of matches) {
    const digits = text.slice(m.start, m.end);
    const where = `${digits} at ${m.start} in ${JSON.stringify(text)}`;
    if (!/^\d+$/.test(digits) || String(m.port) !== digits) errors.push(`not exactly the digits: ${where}`);
    if (m.port > 65535) errors.push(`above 65535: ${where}`);
    if (m.start < last) errors.push(`overlap or disorder: ${where}`);
    last = m.end;
    if (/\d/.test(text[m.start - 1] ?? '') || /\d/.test(text[m.end] ?? ''))
      errors.push(`part of a longer number: ${where}`);
    for (const [s, e] of badSpans) {
      // `1,234/udp` is ufw syntax for the list 1 and 234, not a thousands separator.
      if (/^\/(?:tcp|udp|sctp|dccp)/i.test(text.slice(e))) continue;
      if (m.start >= s && m.end <= e) errors.push(`from a signed/decimal/thousands/too-large number: ${where}`);
    }
  }
  return errors;
}

describe('findPorts properties on random text', () => {
  it(
    'every match slices to its digits, matches never overlap, and no signed, decimal, thousands-separated or too-large number is returned',
    () => {
      for (let seed = 1; seed <= 3000; seed++) {
        const { text, badSpans } = randomText(seed);
        const split = Math.floor(text.length / 2);
        const tail = text.slice(split);
        const shifted = badSpans.map(([s, e]) => [s - split, e - split] as [number, number]);
        const errors = [
          ...contractErrors(text, findPorts(text), badSpans),
          ...contractErrors(tail, findPorts(tail, { before: text.slice(0, split) }), shifted),
          ...contractErrors(
            text,
            findPortsWithPageContext(text, { pagePorts: new Set([80, 443, 8080, 3716]) }),
            badSpans,
          ),
        ];
        expect(errors, `seed ${seed}`).toEqual([]);
      }
    },
    SLOW,
  );

  it(
    'the result does not depend on where a text node starts, as long as `before` carries the context',
    () => {
      for (let seed = 1; seed <= 500; seed++) {
        const { text } = randomText(seed);
        const whole = findPorts(text);
        // Cut at a space so no digit run or keyword is split; `before` is the whole lines before the cut (what the
        // content script passes is the block's text before the node).
        const cut = text.indexOf(' ', Math.floor(text.length / 2));
        if (cut < 0) continue;
        const tail = findPorts(text.slice(cut), { before: text.slice(0, cut) });
        expect(
          tail.map((m) => m.start + cut),
          text,
        ).toEqual(whole.filter((m) => m.start >= cut).map((m) => m.start));
      }
    },
    SLOW,
  );
});

describe('IPv6 addresses on random input', () => {
  // Groups of digits only (4711, 831) look like ports; groups with letters (db8, 8a2e) glue to them as hosts.
  function randomAddress(rnd: () => number): string {
    const groups = Array.from({ length: 8 }, () =>
      rnd() < 0.45 ? String(Math.floor(rnd() * 10000)) : Math.floor(rnd() * 65536).toString(16),
    );
    if (rnd() < 0.5) return groups.join(':');
    const from = Math.floor(rnd() * 7);
    const to = from + 1 + Math.floor(rnd() * (7 - from));
    return `${groups.slice(0, from).join(':')}::${groups.slice(to).join(':')}`;
  }
  const SETTINGS = [
    (a: string) => `Address = ${a}/64`,
    (a: string) => `inet6 ${a} prefixlen 64`,
    (a: string) => `mirror.example.net.  300  IN  AAAA  ${a}`,
    (a: string) => `| node-1 | ${a} | up |`,
    (a: string) => `  - ${a}`,
    (a: string) => `  addresses: ["${a}"]`,
    (a: string) => `ping6 -c 3 ${a}`,
    (a: string) => `the peer at ${a} answered`,
  ];

  it('marks no group of an address, whatever its groups and wherever it stands', () => {
    for (let seed = 1; seed <= 4000; seed++) {
      const rnd = seededRandom(seed);
      const address = randomAddress(rnd);
      const text = SETTINGS[seed % SETTINGS.length](address);
      const start = text.indexOf(address);
      const inside = findPorts(text).filter((m) => m.start < start + address.length && m.end > start);
      expect(inside, `seed ${seed}: ${text}`).toEqual([]);
    }
  });

  it('marks exactly the port after a bracketed address', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const rnd = seededRandom(seed);
      const address = randomAddress(rnd);
      const port = 1 + Math.floor(rnd() * 65535);
      for (const text of [
        `[${address}]:${port}`,
        `curl http://[${address}]:${port}/health`,
        `listen [${address}]:${port};`,
      ]) {
        expect(
          findPorts(text).map((m) => m.port),
          `seed ${seed}: ${text}`,
        ).toEqual([port]);
      }
    }
  });
});

describe('findPorts on adversarial input runs in linear time', () => {
  function timeOf(text: string): number {
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      findPorts(text);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  }

  const patterns: Record<string, (size: number) => string> = {
    'digits only': (n) => '7'.repeat(n),
    'digit runs glued to letters': (n) => 'a1'.repeat(n / 2),
    'no spaces, colons': (n) => '1:'.repeat(n / 2),
    'no spaces, host:port chain': (n) => 'localhost:80:'.repeat(n / 13),
    'no spaces, dots': (n) => '1.'.repeat(n / 2),
    'port port port': (n) => `${'port '.repeat(n / 5)}80`,
    'port followed by numbers': (n) => 'port 80 '.repeat(n / 8),
    'endless list': (n) => `ports 1${', 80'.repeat(n / 4)}`,
    'endless range': (n) => `--dport 1${':2'.repeat(n / 2)}`,
    'filler words': (n) => `port${' is'.repeat(n / 3)} 80`,
    'long token before number': (n) => `${'x'.repeat(n)} 80`,
    'dashes and flags': (n) => `${'-p '.repeat(n / 3)}80`,
    'list items under a ports lead-in': (n) => `Open these ports:\n${'- 1:\n'.repeat(n / 5)}`,
    'list items far below their lead-in': (n) => `Ports:\n${`- 1: a${'\n  more'.repeat(50)}\n`.repeat(n / 312)}`,
  };

  for (const [name, make] of Object.entries(patterns)) {
    it(
      name,
      () => {
        const small = make(100_000);
        const large = make(1_000_000);
        timeOf(small); // warm up
        const tSmall = Math.max(timeOf(small), 0.5);
        const tLarge = timeOf(large);
        // Linear: 10x the input takes about 10x the time (GC and timer noise allowed for). Quadratic takes 100x.
        expect(tLarge, `${name}: 100 KB ${tSmall.toFixed(1)} ms, 1 MB ${tLarge.toFixed(1)} ms`).toBeLessThan(
          tSmall * 40,
        );
        expect(tLarge).toBeLessThan(5000);
      },
      SLOW,
    );
  }
});
