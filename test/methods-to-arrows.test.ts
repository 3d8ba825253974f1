// The content script's minifying step (scripts/methods-to-arrows.ts): an object's method whose body is only
// `return x` becomes an arrow property, and the code runs the same.
import { describe, expect, it } from 'vitest';
import { methodsToArrows } from '../scripts/methods-to-arrows';
import { runScript } from './helpers/run-script';

describe('methodsToArrows', () => {
  it('turns a one-return method into the arrow it could be, keeping its key and name', () => {
    const code =
      'var s=new Set,o={add(t){return s.add(t).size},none(){return!s.size},two(a,b){return a+b},seq(){return s.clear(),5},obj(t){return{t}},"a/b"(){return 1},[1+1](){return 2},async w(t){return t}};var out=[o.add(3),o.none(),o.two(1,2),o.obj(7).t,o["a/b"](),o[2](),o.add.name,o["a/b"].name,o.w.name,"prototype"in o.add,Object.keys(o).join(),o.seq()];';
    const rewritten = methodsToArrows(code);
    expect(rewritten).toBe(
      'var s=new Set,o={add:t=>s.add(t).size,none:()=>!s.size,two:(a,b)=>a+b,seq:()=>(s.clear(),5),obj:t=>({t}),"a/b":()=>1,[1+1]:()=>2,w:async t=>t};var out=[o.add(3),o.none(),o.two(1,2),o.obj(7).t,o["a/b"](),o[2](),o.add.name,o["a/b"].name,o.w.name,"prototype"in o.add,Object.keys(o).join(),o.seq()];',
    );
    expect(runScript(rewritten)).toEqual(runScript(code));
    expect(() => runScript(`${rewritten}new o.add(1);`)).toThrow(TypeError);
  });

  it('leaves methods that bind this, arguments, super or new.target, or do more than return, as they are', () => {
    const kept = [
      'var out={m(){return this}};',
      'var out={m(){return()=>this}};',
      'var out={m(){return arguments.length}};',
      'var out={m(){return super.toString()}};',
      'var out={m(){return new.target}};',
      'var out={m(t=this){return t}};',
      'var out={m(){let t=1;return t}};',
      'var out={m(){return}};',
      'var out={*m(){return 1}};',
      'var out={get m(){return 1}};',
      'var out={__proto__(){return 1}};',
      'class C{m(){return 1}}var out=C;',
    ];
    for (const code of kept) expect(methodsToArrows(code)).toBe(code);
  });

  it('refuses code it cannot parse rather than guess', () => {
    expect(() => methodsToArrows('var out={m(){return 1}')).toThrow();
  });
});
