// Shapes of text: thousands separators and times (never ports, whatever stands around them), and rows laid
// out in columns.

import { code, LINE_WINDOW, lineAhead, lineBack, type Scanner, textAfter, textBetween, digitAt } from './cursor';

/** 65,535 or 1,234,567: a group of three digits joined by a comma with no space. */
export function looksLikeThousands(st: Scanner, start: number, end: number): boolean {
  const len = end - start;
  if (
    code(st, end) === 44 &&
    len <= 3 &&
    digitAt(st, end + 1) &&
    digitAt(st, end + 2) &&
    digitAt(st, end + 3) &&
    !digitAt(st, end + 4) &&
    !/^\d+\.\d+\./.test(textAfter(st, end + 1, 9)) // a list of addresses: `[::]:587,127.0.0.1:2525`
  ) {
    return true;
  }
  if (code(st, start - 1) === 44 && len === 3 && digitAt(st, start - 2)) {
    let k = start - 2;
    while (k >= 0 && digitAt(st, k)) k--;
    return start - 2 - k <= 3;
  }
  return false;
}

/** 10:30, 9:05, 23:59:59. */
export function looksLikeTime(st: Scanner, start: number, end: number): boolean {
  const len = end - start;
  if (code(st, end) === 58 && len <= 2 && digitAt(st, end + 1) && digitAt(st, end + 2) && !digitAt(st, end + 3)) {
    return Number(textBetween(st, start, end)) <= 24;
  }
  if (code(st, start - 1) === 58 && len === 2 && digitAt(st, start - 2) && !digitAt(st, start - 4)) {
    return true;
  }
  return false;
}

/** A line laid out in columns (two or more gaps of 2+ spaces): ps/lsof/netstat rows. */
export function inTableRow(st: Scanner, k: number): boolean {
  const line = textBetween(st, lineBack(st, k, LINE_WINDOW), lineAhead(st, k, LINE_WINDOW));
  return (line.match(/\S {2,}(?=\S)/g)?.length ?? 0) >= 2;
}
