// The content script's minifying step (scripts/unwrap-startup.ts): WXT's startup wrapper around an unlisted
// script's main() loses its catch-and-rethrow and its Promise check, and the code runs the same.
import { describe, expect, it } from 'vitest';
import { unwrapStartup } from '../scripts/unwrap-startup';
import { runScript } from './helpers/run-script';

const WRAPPED =
  'var out=(()=>{let $0,log=[];return[log,(()=>{let t;try{t=void(r=log,r.push(1)),t instanceof Promise&&(t=t.catch(t=>{throw t}))}catch(n){throw n}var r;return t})()]})();';

describe('unwrapStartup', () => {
  it('drops the catch that only rethrows and the check that a void result is a Promise', () => {
    const rewritten = unwrapStartup(WRAPPED);
    expect(rewritten).toBe(
      'var out=(()=>{let $0,log=[];return[log,(()=>{let t;t=void(r=log,r.push(1));var r;return t})()]})();',
    );
    expect(runScript(rewritten)).toEqual(runScript(WRAPPED));
    expect(runScript(rewritten)).toEqual([[1], undefined]);
  });

  it('throws what main() throws, as before', () => {
    const throwing = WRAPPED.replace('r.push(1)', 'r.missing()');
    expect(() => runScript(throwing)).toThrow(TypeError);
    expect(() => runScript(unwrapStartup(throwing))).toThrow(TypeError);
  });

  it('leaves anything not of that exact shape as it is', () => {
    const shapes = [
      WRAPPED.replace('catch(n){throw n}', 'catch(n){throw 1}'), // a catch that does more than rethrow
      WRAPPED.replace('catch(n){throw n}', 'catch(n){throw n}finally{}'),
      WRAPPED.replace('t=void(', 't=('), // a result that may be a Promise
      WRAPPED.replace('t instanceof Promise', 't instanceof Other'),
      WRAPPED.replace('return t})', 'return r})'),
      WRAPPED.replace('var r;', 'r=2;'),
    ];
    for (const code of shapes) expect(unwrapStartup(code)).toBe(code);
    expect(unwrapStartup('var out=(()=>1)();')).toBe('var out=(()=>1)();');
  });

  it('refuses code it cannot parse rather than guess', () => {
    expect(() => unwrapStartup('var out=(()=>{')).toThrow();
  });
});
