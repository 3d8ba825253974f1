// A minifying step for the content script, after terser: the bundle joins its modules' top-level code as they
// come, so a module's `var` statement often follows the last module's (`var a=1;var b=2`), and terser leaves them
// apart. Two `var` statements next to each other in one statement list become one (`var a=1,b=2`), 4 bytes each.
// The same semantics: a `var` is hoisted to its function whatever statement declares it, and the initializers
// still run in the order written, each before the next.

import { type AstNode, applyEdits, joinAdjacent, parseScript } from './minify-ast';

const isVar = (node: AstNode) => node.type === 'VariableDeclaration' && node.kind === 'var';

/** The code rewritten so (unchanged when no two `var` statements are adjacent); throws if it does not parse. */
export function joinVars(code: string): string {
  // Only `;var ` (or a line break) between them: nothing else is dropped.
  return applyEdits(code, joinAdjacent(parseScript(code), code, isVar, /^;?\s*var\s*$/).edits);
}
