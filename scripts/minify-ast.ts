// What the content script's minifying steps after terser share (const-to-let, functions-to-arrows,
// methods-to-arrows, void-to-name, calls-to-helpers, unwrap-startup, join-vars): the script's syntax tree, a walk
// over it, the bundle's outer function, names the code does not use, joining adjacent declarations, and applying
// text edits at nodes' offsets.

import { parse } from 'acorn';

export type AstNode = { type: string; start: number; end: number; [key: string]: unknown };

/** One replacement of `code.slice(from, to)`; edits never overlap. */
export type Edit = { from: number; to: number; text: string };

/** The bundle parsed as a script; throws if it does not parse, so a step never guesses. */
export const parseScript = (code: string) =>
  parse(code, { ecmaVersion: 'latest', sourceType: 'script' }) as unknown as AstNode & { body: AstNode[] };

export const isNode = (value: unknown): value is AstNode =>
  !!value && typeof value === 'object' && typeof (value as AstNode).type === 'string';

/** Every node under `value`, parents before children. */
export function walk(value: unknown, visit: (node: AstNode) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
    return;
  }
  if (!isNode(value)) return;
  visit(value);
  for (const key in value) if (key !== 'type') walk(value[key], visit);
}

/**
 * The body of the bundle's outer function, `var x = (() => {…})()`, or undefined when the code is not so, or when the
 * body opens with a directive (`"use strict"`), which a declaration put before it would turn into a plain string.
 */
export function outerBody(ast: AstNode & { body: AstNode[] }): AstNode | undefined {
  const outer = ast.body
    .flatMap((statement) => (statement.type === 'VariableDeclaration' ? (statement.declarations as AstNode[]) : []))
    .map((declarator) => declarator.init as AstNode | null)
    .find((init) => init?.type === 'CallExpression')?.callee as AstNode | undefined;
  const body = outer && isNode(outer.body) && outer.body.type === 'BlockStatement' ? outer.body : undefined;
  return body && !((body.body as AstNode[])[0] as AstNode | undefined)?.directive ? body : undefined;
}

/** A source of names (`$0`, `$1`, …) that no identifier in the tree uses, so no scope can shadow them. */
export function freshNames(ast: AstNode): () => string {
  const used = new Set<string>();
  walk(ast, (node) => {
    if (node.type === 'Identifier') used.add(node.name as string);
  });
  let i = 0;
  return () => {
    while (used.has(`$${i}`)) i++;
    used.add(`$${i}`);
    return `$${i}`;
  };
}

/**
 * Joins each declaration to the one before it in a statement list (`var a=1;var b=2` -> `var a=1,b=2`) when `joins`
 * accepts both and only `;`, spaces and the second's keyword (`between`) stand between them: the edits, and the
 * declarations joined to the one before.
 */
export function joinAdjacent(
  ast: AstNode,
  code: string,
  joins: (node: AstNode) => boolean,
  between: RegExp,
): { edits: Edit[]; joined: Set<AstNode> } {
  const edits: Edit[] = [];
  const joined = new Set<AstNode>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (let i = 1; i < value.length; i++) {
        const [first, next] = [value[i - 1], value[i]];
        if (!isNode(first) || !isNode(next) || !joins(first) || !joins(next)) continue;
        const from = (first.declarations as AstNode[]).at(-1)!.end;
        const to = (next.declarations as AstNode[])[0].start;
        if (!between.test(code.slice(from, to))) continue;
        edits.push({ from, to, text: ',' });
        joined.add(next);
      }
      for (const item of value) visit(item);
      return;
    }
    if (!isNode(value)) return;
    for (const key in value) if (key !== 'type') visit(value[key]);
  };
  visit(ast);
  return { edits, joined };
}

/** The code with the edits made, in order of where they stand (an insertion before a removal at the same place). */
export function applyEdits(code: string, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits.sort((a, b) => a.from - b.from || a.to - b.to)) {
    out += code.slice(at, edit.from) + edit.text;
    at = edit.to;
  }
  return out + code.slice(at);
}
