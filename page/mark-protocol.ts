// The protocol the page gives a marked port (`53/udp`, a UDP column of its row, `-p udp --dport 53`), read when
// its card opens: the content script's scan leaves it out (lib/detect createPageFinder), as only the card shows it.
import { protocolOfMention } from '../lib/detect';
import type { Protocol } from '../lib/types';
import type { Mark } from './marks';
import { textContextOf } from './text-context';
import { CONTEXT_CHARS, textAfter, textBefore } from './walker';

// Of a huge text, this much on each side of the mark: more than any rule reads around a number.
const AROUND_CHARS = 1024;

/** What the page says of the mark's protocol, read as the content script reads the text (before it, its context). */
export function protocolOfMark(mark: Mark): Protocol | undefined {
  const { text, start, end } = mark;
  const data = text.data;
  const from = Math.max(0, start - AROUND_CHARS);
  // The page has marked this port, so a mention that only page context made one is read too.
  const pagePorts = new Set([mark.port]);
  const to = end + AROUND_CHARS;
  // As the loop reads a window: the text before the node, and the node's context, only from the node's start; the
  // text after the node where the slice reaches its end.
  const after = to >= data.length ? textAfter(text) : undefined;
  const options =
    from === 0
      ? { before: textBefore(text), context: textContextOf(text), pagePorts, after }
      : { before: data.substring(from - CONTEXT_CHARS, from), pagePorts, after };
  return protocolOfMention(data.slice(from, to), start - from, options);
}
