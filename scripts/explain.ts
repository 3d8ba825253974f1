// npm run explain -- "some text"   or   npm run explain -- path/to/file.txt
// Prints every digit run of the text with the rule that took it as a port, or the reason it was refused.

import { existsSync, readFileSync } from 'node:fs';
import { explainPorts } from '../lib/detect';
import { ruleName } from '../lib/detect/reasons';

export function explainText(text: string): string {
  const lines: string[] = [];
  for (const item of explainPorts(text)) {
    const lineStart = text.lastIndexOf('\n', item.start - 1) + 1;
    const lineEnd = text.indexOf('\n', item.end);
    const line = text.slice(
      Math.max(lineStart, item.start - 30),
      lineEnd < 0 ? Math.min(text.length, item.end + 30) : Math.min(lineEnd, item.end + 30),
    );
    const digits = text.slice(item.start, item.end);
    const where = `${digits.padStart(5)} @${String(item.start).padEnd(5)}`;
    if (item.match) {
      const m = item.match;
      const extra = [m.protocol, m.range ? `range ${m.range.from}-${m.range.to}` : ''].filter(Boolean).join(', ');
      lines.push(`${where} port  ${ruleName(m.rule)}${extra ? ` (${extra})` : ''}   ${JSON.stringify(line)}`);
    } else {
      lines.push(`${where} no    ${item.reason}   ${JSON.stringify(line)}`);
    }
  }
  return lines.join('\n');
}

const args = process.argv.slice(2);
if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('explain.ts')) {
  if (args.length === 0) {
    console.error('usage: npm run explain -- "text with ports 8080"   or   npm run explain -- file.txt');
    process.exit(2);
  }
  const arg = args.join(' ');
  const text = args.length === 1 && existsSync(arg) ? readFileSync(arg, 'utf8') : arg;
  const out = explainText(text);
  console.log(out || 'no digits in the text');
}
