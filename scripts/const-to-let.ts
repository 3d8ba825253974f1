// A last minifying step for the content script: every `const` declaration becomes `let` (two bytes each), and
// declarations that then stand side by side in one statement list become one (`let a=1;let b=2` -> `let a=1,b=2`).
// Terser keeps `const`; SWC's minifier does the same rewrite (`const_to_let`). Safe on code that already ran as
// `const`: it never assigns such a binding, and `let` has the same scope, the same temporal dead zone and the
// same fresh binding per loop iteration; joined declarations still run left to right.

import { callsToHelpers } from './calls-to-helpers';
import { type AstNode, applyEdits, joinAdjacent, parseScript, walk } from './minify-ast';
import { functionsToArrows } from './functions-to-arrows';
import { joinVars } from './join-vars';
import { methodsToArrows } from './methods-to-arrows';
import { unwrapStartup } from './unwrap-startup';
import { voidToName } from './void-to-name';

const isLexical = (node: AstNode) =>
  node.type === 'VariableDeclaration' && (node.kind === 'const' || node.kind === 'let');

/** The code rewritten so; throws if it does not parse or a declaration is not where the parser put it. */
export function constToLet(code: string): string {
  const ast = parseScript(code);
  // A declaration right after another in a statement list is joined to it, and keeps no keyword to rewrite.
  const { edits, joined } = joinAdjacent(ast, code, isLexical, /^;?\s*(?:let|const)\s*$/);
  walk(ast, (node) => {
    if (node.type !== 'VariableDeclaration' || node.kind !== 'const' || joined.has(node)) return;
    if (code.slice(node.start, node.start + 5) !== 'const') throw new Error(`no "const" at ${node.start}`);
    edits.push({ from: node.start, to: node.start + 5, text: 'let' });
  });
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
