// The content script's last minifying step (scripts/const-to-let.ts): every `const` declaration is written as
// `let`, neighbouring declarations are joined, and nothing else in the code changes, not even a "const" inside a
// string, a regex or a name.
import { describe, expect, it } from 'vitest';
import { constToLet } from '../scripts/const-to-let';
import { runScript } from './helpers/run-script';

describe('constToLet', () => {
  it('rewrites declarations in every position, and runs the same', () => {
    const code =
      'var out=(()=>{const a=1,[b,c]=[2,3],{d}={d:4};let s=0;for(const x of[a,b,c,d])s+=x;' +
      'for(const k in{e:1})s+=k.length;const f=[];for(const y of[1,2])f.push(()=>y);return s+f[0]()+f[1]()})();';
    const rewritten = constToLet(code);
    expect(rewritten).not.toMatch(/\bconst\b/);
    expect(rewritten.length).toBeLessThan(code.length);
    // Closures over the loop variable still see one binding per iteration.
    expect(runScript(rewritten)).toBe(runScript(code));
  });

  it('joins declarations that stand side by side, and only those', () => {
    const code = 'var out=(()=>{const a=1;let b=a+1;const[c]=[b*2];if(c){const d=c;let e=d}return a+b+c})();';
    const rewritten = constToLet(code);
    expect(rewritten).toBe('var out=(()=>{let a=1,b=a+1,[c]=[b*2];if(c){let d=c,e=d}return a+b+c})();');
    expect(runScript(rewritten)).toBe(runScript(code));
  });

  it('leaves "const" alone where it is not a declaration', () => {
    const code = 'let constant="const x",re=/const y/,o={const:1};o.const+=constant.length;';
    expect(constToLet(code)).toBe(code);
  });

  it('refuses code it cannot parse rather than guess', () => {
    expect(() => constToLet('const a = ;')).toThrow();
  });
});
