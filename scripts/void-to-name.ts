// A minifying step for the content script, after functions-to-arrows: terser writes undefined as `void 0` (45
// times); inside the bundle's outer function each becomes one fresh name declared, never assigned, at the top of
// that function (`let $0;`), 4 bytes fewer each. The name is one the code uses nowhere, so no scope shadows it.

import { type AstNode, freshNames, outerBody, parseScript, walk } from './minify-ast';

/** The code rewritten so (unchanged when it is not `var x = (() => {…})()` or has no `void 0`); throws if it does not parse. */
export function voidToName(code: string): string {
  const ast = parseScript(code);
  const body = outerBody(ast);
  if (!body) return code;
  const voids: AstNode[] = [];
  walk(ast, (node) => {
    if (
      node.type === 'UnaryExpression' &&
      node.operator === 'void' &&
      (node.argument as AstNode).type === 'Literal' &&
      (node.argument as AstNode & { value: unknown }).value === 0 &&
      node.start > body.start &&
      node.end < body.end
    )
      voids.push(node);
  });
  if (!voids.length) return code;
  const name = freshNames(ast)();
  let out = `${code.slice(0, body.start + 1)}let ${name};`;
  let at = body.start + 1;
  for (const node of voids) {
    // `return void 0` keeps its space; `x=void 0` has none to keep.
    out += code.slice(at, node.start) + name;
    at = node.end;
  }
  return out + code.slice(at);
}
