// The content script's minifying step (scripts/join-vars.ts): adjacent `var` statements become one, and the code
// runs the same.
import { describe, expect, it } from 'vitest';
import { joinVars } from '../scripts/join-vars';
import { runScript } from './helpers/run-script';

describe('joinVars', () => {
  it('joins var statements next to each other, in order, in any statement list', () => {
    const code =
      'var log=[];var a=(log.push(1),1),b;var c=a+1;var{d}={d:c};function f(){var x=1;var y=x+1;return y}var out=[log,a,b,c,d,f(),typeof g];var g;';
    const rewritten = joinVars(code);
    expect(rewritten).toBe(
      'var log=[],a=(log.push(1),1),b,c=a+1,{d}={d:c};function f(){var x=1,y=x+1;return y}var out=[log,a,b,c,d,f(),typeof g],g;',
    );
    expect(runScript(rewritten)).toEqual(runScript(code));
  });

  it('leaves var statements apart when anything else stands between them, and let or const alone', () => {
    const kept = [
      'var a=1;a++;var out=a;',
      'let a=1;var b=2;const out=a+b;',
      'for(var i=0;i<2;i++);var out=i;',
      'var a=1;\n/* x */var out=a;',
    ];
    for (const code of kept) expect(joinVars(code)).toBe(code);
    expect(runScript(joinVars('var a=1;a++;var out=a;'))).toBe(2);
  });

  it('refuses code it cannot parse rather than guess', () => {
    expect(() => joinVars('var a=1;var')).toThrow();
  });
});
