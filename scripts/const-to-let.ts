// A last minifying step for the content script: every `const` declaration becomes `let` (two bytes each), and
// declarations that then stand side by side in one statement list become one (`let a=1;let b=2` -> `let a=1,b=2`).
// Terser keeps `const`; SWC's minifier does the same rewrite (`const_to_let`). Safe on code that already ran as
// `const`: it never assigns such a binding, and `let` has the same scope, the same temporal dead zone and the
// same fresh binding per loop iteration; joined declarations still run left to right.

import { callsToHelpers } from './calls-to-helpers';
import { applyEdits, type Edit, parseScript } from './minify-ast';
import { functionsToArrows } from './functions-to-arrows';
import { joinVars } from './join-vars';
import { methodsToArrows } from './methods-to-arrows';
import { unwrapStartup } from './unwrap-startup';
import { voidToName } from './void-to-name';

type AstNode = {
  type: string;
  start: number;
  end: number;
  kind?: string;
  declarations?: AstNode[];
  [key: string]: unknown;
};

const isLexical = (node: unknown): node is AstNode =>
  (node as AstNode | null)?.type === 'VariableDeclaration' &&
  ((node as AstNode).kind === 'const' || (node as AstNode).kind === 'let');

/** The code rewritten so; throws if it does not parse or a declaration is not where the parser put it. */
export function constToLet(code: string): string {
  const edits: Edit[] = [];
  const joined = new Set<AstNode>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      // A statement list: a declaration right after another is joined to it.
      for (let i = 1; i < value.length; i++) {
        const [first, next] = [value[i - 1], value[i]];
        if (!isLexical(first) || !isLexical(next)) continue;
        const from = first.declarations!.at(-1)!.end;
        const to = next.declarations![0].start;
        if (!/^;?\s*(?:let|const)\s*$/.test(code.slice(from, to))) continue;
        edits.push({ from, to, text: ',' });
        joined.add(next);
      }
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== 'object' || typeof (value as AstNode).type !== 'string') return;
    const node = value as AstNode;
    if (node.type === 'VariableDeclaration' && node.kind === 'const' && !joined.has(node)) {
      if (code.slice(node.start, node.start + 5) !== 'const') throw new Error(`no "const" at ${node.start}`);
      edits.push({ from: node.start, to: node.start + 5, text: 'let' });
    }
    for (const key in node) if (key !== 'type') visit(node[key]);
  };
  visit(parseScript(code));
  return applyEdits(code, edits);
}

/**
 * The Vite plugin that applies the last steps to one output file after the minifier, in this order: WXT's startup
 * wrapper, function declarations and one-return methods as arrows, void 0, frequent method calls as helper calls,
 * const as let, then adjacent var joined.
 */
export function constToLetPlugin(fileName: string) {
  return {
    name: 'portolan:const-to-let',
    enforce: 'post' as const,
    generateBundle(_options: unknown, bundle: Record<string, { type: string; code?: string }>) {
      const chunk = bundle[fileName];
      if (chunk?.type === 'chunk' && chunk.code !== undefined)
        chunk.code = joinVars(
          constToLet(callsToHelpers(voidToName(methodsToArrows(functionsToArrows(unwrapStartup(chunk.code)))))),
        );
    },
  };
}
