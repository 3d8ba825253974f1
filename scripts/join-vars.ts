// A minifying step for the content script, after terser: the bundle joins its modules' top-level code as they
// come, so a module's `var` statement often follows the last module's (`var a=1;var b=2`), and terser leaves them
// apart. Two `var` statements next to each other in one statement list become one (`var a=1,b=2`), 4 bytes each.
// The same semantics: a `var` is hoisted to its function whatever statement declares it, and the initializers
// still run in the order written, each before the next.

import { applyEdits, type Edit, parseScript } from './minify-ast';

type AstNode = { type: string; start: number; end: number; kind?: string; [key: string]: unknown };

const isVar = (node: unknown): node is AstNode =>
  (node as AstNode | null)?.type === 'VariableDeclaration' && (node as AstNode).kind === 'var';

/** The code rewritten so (unchanged when no two `var` statements are adjacent); throws if it does not parse. */
export function joinVars(code: string): string {
  const edits: Edit[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (let i = 1; i < value.length; i++) {
        const [first, next] = [value[i - 1], value[i]];
        if (!isVar(first) || !isVar(next)) continue;
        const from = (first.declarations as AstNode[]).at(-1)!.end;
        const to = (next.declarations as AstNode[])[0].start;
        // Only `;var ` (or a line break) between them: nothing else is dropped.
        if (!/^;?\s*var\s*$/.test(code.slice(from, to))) continue;
        edits.push({ from, to, text: ',' });
      }
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== 'object' || typeof (value as AstNode).type !== 'string') return;
    for (const key in value as AstNode) if (key !== 'type') visit((value as AstNode)[key]);
  };
  visit(parseScript(code));
  return applyEdits(code, edits);
}
