// The content script's minifying step (scripts/functions-to-arrows.ts): function declarations that an arrow can
// stand for become arrows in one `let` at the top of their scope, and the code runs the same.
import { describe, expect, it } from 'vitest';
import { functionsToArrows } from '../scripts/functions-to-arrows';
import { runScript } from './helpers/run-script';

describe('functionsToArrows', () => {
  it('rewrites declarations as arrows at the top of their scope, called before or after where they stood', () => {
    const code =
      'var out=(()=>{"use strict";let a=twice(2);function twice(t){return t*2}function pair(t,r){return{t,r}}' +
      'function seq(t){return t++,t}function many(){let x=1;return x+a}return[a,pair(1,2).r,seq(4),many()]})();';
    const rewritten = functionsToArrows(code);
    expect(rewritten).toBe(
      'var out=(()=>{"use strict";let twice=t=>t*2,pair=(t,r)=>({t,r}),seq=t=>(t++,t),many=()=>{let x=1;return x+a};' +
        'let a=twice(2);return[a,pair(1,2).r,seq(4),many()]})();',
    );
    expect(runScript(rewritten)).toEqual(runScript(code));
  });

  it('rewrites nested declarations first, then the one holding them', () => {
    const code = 'var out=(()=>{function outer(t){function inner(r){return r+1}return inner(t)*3}return outer(1)})();';
    const rewritten = functionsToArrows(code);
    expect(rewritten).toBe('var out=(()=>{let outer=t=>{let inner=r=>r+1;return inner(t)*3};return outer(1)})();');
    expect(runScript(rewritten)).toBe(runScript(code));
  });

  it('keeps declarations an arrow would change: this, arguments, new, generators, a name declared twice', () => {
    const code =
      'var out=(()=>{function self(){return this}function args(){return arguments.length}function Made(){}' +
      'function*gen(){yield 1}var twice=1;function twice(){}new Made;return[typeof self,args(1,2),[...gen()][0]]})();';
    expect(functionsToArrows(code)).toBe(code);
  });

  it('leaves the top level alone, where a declaration is a property of the global object', () => {
    const code = 'function top(){return 1}var out=top();';
    expect(functionsToArrows(code)).toBe(code);
  });

  it('refuses code it cannot parse rather than guess', () => {
    expect(() => functionsToArrows('function (')).toThrow();
  });
});
