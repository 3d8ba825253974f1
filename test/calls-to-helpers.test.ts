// The content script's minifying step (scripts/calls-to-helpers.ts): frequent method calls become calls of one
// arrow per method and argument count, only where that saves bytes, and the code runs the same.
import { describe, expect, it } from 'vitest';
import { callsToHelpers } from '../scripts/calls-to-helpers';
import { runScript } from './helpers/run-script';

const many = (call: string, times: number) => Array.from({ length: times }, () => call).join(',');

describe('callsToHelpers', () => {
  it('turns frequent calls into helper calls, nested ones too, with the receiver as `this`', () => {
    const code = `var out=(()=>{let s="ab1",r=[${many('/a/.test(s)', 30)},${many('s.includes(s.charCodeAt(0)>97?"b":"z")', 4)},${many('[1,2].includes(2)', 4)}];return r})();`;
    const rewritten = callsToHelpers(code);
    expect(rewritten.startsWith('var out=(()=>{let $0=(o,a)=>o.test(a),$1=(o,a)=>o.includes(a);')).toBe(true);
    expect(rewritten).toContain('$0(/a/,s)');
    expect(rewritten).toContain('$1(s,s.charCodeAt(0)>97?"b":"z")');
    expect(rewritten).toContain('$1([1,2],2)');
    expect(rewritten).not.toContain('.test(s)');
    expect(rewritten.length).toBeLessThan(code.length);
    expect(runScript(rewritten)).toEqual(runScript(code));
  });

  it('keeps a keyword apart from the helper name that now follows it', () => {
    const code = `var out=(()=>{let s="ab1",f=()=>{if(s)return/a/.test(s);return!1},r=[${many('/a/.test(s)', 30)},typeof/b/.test(s),f()];return r})();`;
    const rewritten = callsToHelpers(code);
    expect(rewritten).toContain('return $0(/a/,s)');
    expect(rewritten).toContain('typeof $0(/b/,s)');
    expect(runScript(rewritten)).toEqual(runScript(code));
  });

  it('gives each argument count its own helper, so a method never gets an argument it was not given', () => {
    // Array.prototype.lastIndexOf(x, undefined) searches from index 0 only; lastIndexOf(x) searches everything.
    const code = `var out=(()=>{let a=[1,2,1],r=[${many('a.lastIndexOf(1)', 6)},${many('a.lastIndexOf(1,1)', 6)}];return r})();`;
    const rewritten = callsToHelpers(code);
    expect(rewritten).toContain('=(o,a)=>o.lastIndexOf(a)');
    expect(rewritten).toContain('=(o,a,b)=>o.lastIndexOf(a,b)');
    expect(runScript(rewritten)).toEqual(runScript(code));
  });

  it('leaves calls whose arguments assign, sequences, spreads and optional calls as they are', () => {
    const kept = [
      '/z/.test(s="z")',
      '/q/.test((s,"q"))',
      '/q/.test(...[s])',
      'r?.test(s)',
      'r.test?.(s)',
      // Short-circuited with its chain when `n` is undefined: a helper would call test on undefined.
      'n?.r.test(s)',
      'n?.f().test(s)',
    ];
    const code = `var out=(()=>{let s="ab1",r=/b/,n,x=[${many('r.test(s)', 30)},${kept.join(',')}];return x})();`;
    const rewritten = callsToHelpers(code);
    for (const call of kept) expect(rewritten).toContain(call);
    expect(rewritten).toContain('$0(r,s)');
    expect(runScript(rewritten)).toEqual(runScript(code));
  });

  it('keeps rare calls, where a helper would cost more than it saves, and code outside the outer function', () => {
    const code = 'var a=/a/.test("a");var out=(()=>{let s="ab";return[s.includes("a"),s.includes("b"),a]})();';
    expect(callsToHelpers(code)).toBe(code);
  });

  it('leaves an outer function that opens with a directive as it is: a declaration before it would undo it', () => {
    const code = `var out=(()=>{"use strict";let s="ab1";return[${many('/a/.test(s)', 30)}]})();`;
    expect(callsToHelpers(code)).toBe(code);
  });

  it('refuses code it cannot parse rather than guess', () => {
    expect(() => callsToHelpers('var out=(()=>{')).toThrow();
  });
});
