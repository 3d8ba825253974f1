// The content script's minifying step (scripts/void-to-name.ts): inside the bundle's outer function, `void 0` is
// one fresh name declared at its top, and the code runs the same.
import { describe, expect, it } from 'vitest';
import { voidToName } from '../scripts/void-to-name';
import { runScript } from './helpers/run-script';

describe('voidToName', () => {
  it('names undefined once at the top of the outer function, with a name the code does not use', () => {
    const code =
      'var out=(()=>{let $0=5,f=t=>t===void 0?"none":t;function g(){return void 0}return[f(),f(1),g(),$0]})();';
    const rewritten = voidToName(code);
    expect(rewritten).toBe(
      'var out=(()=>{let $1;let $0=5,f=t=>t===$1?"none":t;function g(){return $1}return[f(),f(1),g(),$0]})();',
    );
    expect(runScript(rewritten)).toEqual(runScript(code));
  });

  it('leaves code outside the outer function, and code without void 0, as it is', () => {
    expect(voidToName('var a=void 0;var out=(()=>1)();')).toBe('var a=void 0;var out=(()=>1)();');
    expect(voidToName('var out=(()=>{return 1})();')).toBe('var out=(()=>{return 1})();');
    expect(voidToName('var out=(()=>{return void 1})();')).toBe('var out=(()=>{return void 1})();');
  });

  it('refuses code it cannot parse rather than guess', () => {
    expect(() => voidToName('var out=(()=>{')).toThrow();
  });
});
