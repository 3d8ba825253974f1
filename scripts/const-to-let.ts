// A last minifying step for the content script: every `const` declaration becomes `let` (two bytes each, about
// 680 in all). Terser keeps `const`; SWC's minifier does the same rewrite (`const_to_let`). Safe on code that
// already ran as `const`: it never assigns such a binding, and `let` has the same scope, the same temporal dead
// zone and the same fresh binding per loop iteration.

import { parse } from 'acorn';

type AstNode = { type: string; start: number; kind?: string; [key: string]: unknown };

/** The code with each `const` declaration written as `let`; throws if the code does not parse. */
export function constToLet(code: string): string {
  const starts: number[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== 'object' || typeof (value as AstNode).type !== 'string') return;
    const node = value as AstNode;
    if (node.type === 'VariableDeclaration' && node.kind === 'const') starts.push(node.start);
    for (const key in node) if (key !== 'type') visit(node[key]);
  };
  visit(parse(code, { ecmaVersion: 'latest', sourceType: 'script' }));
  let out = '';
  let from = 0;
  for (const start of starts.sort((a, b) => a - b)) {
    if (code.slice(start, start + 5) !== 'const') throw new Error(`no "const" at ${start}`);
    out += `${code.slice(from, start)}let`;
    from = start + 5;
  }
  return out + code.slice(from);
}

/** The Vite plugin that applies it to one output file, after the minifier has run. */
export function constToLetPlugin(fileName: string) {
  return {
    name: 'portolan:const-to-let',
    enforce: 'post' as const,
    generateBundle(_options: unknown, bundle: Record<string, { type: string; code?: string }>) {
      const chunk = bundle[fileName];
      if (chunk?.type === 'chunk' && chunk.code !== undefined) chunk.code = constToLet(chunk.code);
    },
  };
}
