// A minifying step for the content script, after terser: WXT runs an unlisted script's main() inside
//   (()=>{let t;try{t=void(MAIN),t instanceof Promise&&(t=t.catch(t=>{throw t}))}catch(n){throw n}var r;return t})()
// (its startup logging is compiled out of production builds, so what is left catches only to throw again).
// Our main() returns nothing (`void`), so `t` is undefined and never a Promise, and a catch that throws what it
// caught is no catch at all. This keeps `t=void(MAIN);` and the rest as they are, about 65 bytes fewer. Anything
// not exactly of that shape is left as it is.

import { type AstNode, applyEdits, type Edit, parseScript, walk } from './minify-ast';

const isIdentifier = (node: unknown, name?: string): boolean =>
  (node as AstNode | null)?.type === 'Identifier' && (name === undefined || (node as AstNode).name === name);

/** The try statement's span and what replaces it, when `node` is the wrapper's try; otherwise undefined. */
function unwrapTry(node: AstNode, result: string, code: string): Edit | undefined {
  if (node.type !== 'TryStatement' || node.finalizer) return undefined;
  const block = (node.block as AstNode).body as AstNode[];
  const handler = node.handler as AstNode | null;
  if (block.length !== 1 || block[0].type !== 'ExpressionStatement' || !handler) return undefined;
  // catch(n){throw n}
  const caught = handler.param as AstNode | null;
  const handlerBody = (handler.body as AstNode).body as AstNode[];
  if (!isIdentifier(caught) || handlerBody.length !== 1 || handlerBody[0].type !== 'ThrowStatement') return undefined;
  if (!isIdentifier(handlerBody[0].argument, caught!.name as string)) return undefined;
  // t=void(MAIN),t instanceof Promise&&(…)
  const sequence = block[0].expression as AstNode;
  if (sequence.type !== 'SequenceExpression') return undefined;
  const [assign, check, ...more] = sequence.expressions as AstNode[];
  if (more.length || assign.type !== 'AssignmentExpression' || assign.operator !== '=') return undefined;
  if (!isIdentifier(assign.left, result)) return undefined;
  const value = assign.right as AstNode;
  if (value.type !== 'UnaryExpression' || value.operator !== 'void') return undefined;
  if (check.type !== 'LogicalExpression' || check.operator !== '&&') return undefined;
  const test = check.left as AstNode;
  if (test.type !== 'BinaryExpression' || test.operator !== 'instanceof') return undefined;
  if (!isIdentifier(test.left, result) || !isIdentifier(test.right, 'Promise')) return undefined;
  return { from: node.start, to: node.end, text: `${code.slice(assign.start, assign.end)};` };
}

/** The code rewritten so (unchanged when no wrapper of that shape is in it); throws if it does not parse. */
export function unwrapStartup(code: string): string {
  const ast = parseScript(code);
  const edits: Edit[] = [];
  walk(ast, (node) => {
    // ()=>{let t;try{…}catch(n){throw n}var …;return t}
    if (node.type !== 'ArrowFunctionExpression' || (node.params as AstNode[]).length) return;
    const body = node.body as AstNode;
    if (body.type !== 'BlockStatement') return;
    const statements = body.body as AstNode[];
    const [first, second] = statements;
    const last = statements.at(-1);
    if (statements.length < 3 || first.type !== 'VariableDeclaration' || first.kind !== 'let') return;
    const declarations = first.declarations as AstNode[];
    if (declarations.length !== 1 || declarations[0].init || !isIdentifier(declarations[0].id)) return;
    const result = (declarations[0].id as AstNode).name as string;
    if (last?.type !== 'ReturnStatement' || !isIdentifier(last.argument, result)) return;
    const between = statements.slice(2, -1);
    if (!between.every((statement) => statement.type === 'VariableDeclaration' && statement.kind === 'var')) return;
    const edit = unwrapTry(second, result, code);
    if (edit) edits.push(edit);
  });
  return applyEdits(code, edits);
}
