// A minifying step for the content script, after terser and before const-to-let: inside a function, a function
// declaration that could be an arrow becomes one, and all of a scope's become one `let` at the top of that scope
// (`function f(t){return t+1}function g(t,r){…}` -> `let f=t=>t+1,g=(t,r)=>{…};`), about 6 bytes each. Terser
// keeps declarations as it finds them. The same semantics: at the top of its scope each is defined before any
// statement there runs, as hoisting gave, and only a declaration that never reads `this`, `arguments`,
// `new.target` or `super`, is no generator, is never called with `new` and is the only binding of its name in its
// scope is rewritten. Nested ones are rewritten first, one level per pass.

import { type AstNode, applyEdits, type Edit, parseScript, walk } from './minify-ast';

const isFunction = (node: AstNode) =>
  node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';

/** What an arrow would read differently, or a declaration nested in it that is still to be rewritten. */
function blocksArrow(fn: AstNode, convertible: (decl: AstNode) => boolean): boolean {
  let blocked = false;
  walk([fn.params, fn.body], (node) => {
    if (
      node.type === 'ThisExpression' ||
      node.type === 'Super' ||
      node.type === 'MetaProperty' ||
      (node.type === 'Identifier' && node.name === 'arguments') ||
      (node.type === 'FunctionDeclaration' && convertible(node))
    )
      blocked = true;
  });
  return blocked;
}

function namesDeclared(statements: AstNode[]): string[] {
  const names: string[] = [];
  for (const statement of statements) {
    if (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration')
      names.push((statement.id as AstNode & { name: string }).name);
    if (statement.type === 'VariableDeclaration')
      for (const declarator of statement.declarations as AstNode[]) walkPattern(declarator.id as AstNode, names);
  }
  return names;
}

function walkPattern(pattern: AstNode, names: string[]): void {
  walk(pattern, (node) => {
    if (node.type === 'Identifier') names.push(node.name as string);
  });
}

function arrowOf(code: string, fn: AstNode): string {
  const name = (fn.id as AstNode & { name: string }).name;
  const params = fn.params as AstNode[];
  const paramText =
    params.length === 1 && params[0].type === 'Identifier'
      ? code.slice(params[0].start, params[0].end)
      : `(${params.length ? code.slice(params[0].start, params.at(-1)!.end) : ''})`;
  const body = fn.body as AstNode & { body: AstNode[] };
  const only = body.body.length === 1 ? body.body[0] : undefined;
  let bodyText = code.slice(body.start, body.end);
  if (only?.type === 'ReturnStatement' && only.argument) {
    const argument = only.argument as AstNode;
    const text = code.slice(argument.start, argument.end);
    bodyText = argument.type === 'SequenceExpression' || text.startsWith('{') ? `(${text})` : text;
  }
  return `${name}=${fn.async ? 'async ' : ''}${paramText}=>${bodyText}`;
}

function onePass(code: string): string {
  const ast = parseScript(code);
  const constructed = new Set<string>();
  walk(ast, (node) => {
    if (node.type === 'NewExpression' && (node.callee as AstNode).type === 'Identifier')
      constructed.add((node.callee as AstNode & { name: string }).name);
  });
  const convertible = (decl: AstNode): boolean =>
    !decl.generator && !constructed.has((decl.id as AstNode & { name: string }).name);
  const edits: Edit[] = [];
  walk(ast, (fn) => {
    if (!isFunction(fn) || (fn.body as AstNode).type !== 'BlockStatement') return;
    const statements = (fn.body as AstNode & { body: AstNode[] }).body;
    const declared = namesDeclared(statements);
    const ready = statements.filter(
      (statement) =>
        statement.type === 'FunctionDeclaration' &&
        convertible(statement) &&
        !blocksArrow(statement, convertible) &&
        declared.filter((name) => name === (statement.id as AstNode & { name: string }).name).length === 1,
    );
    if (!ready.length) return;
    let at = (fn.body as AstNode).start + 1;
    for (const statement of statements) {
      if (!('directive' in statement)) break;
      at = statement.end;
    }
    edits.push({ from: at, to: at, text: `let ${ready.map((decl) => arrowOf(code, decl)).join(',')};` });
    for (const decl of ready) edits.push({ from: decl.start, to: decl.end, text: '' });
  });
  return applyEdits(code, edits);
}

/** The code rewritten so; throws if it does not parse. */
export function functionsToArrows(code: string): string {
  let before = code;
  for (;;) {
    const after = onePass(before);
    if (after === before) return after;
    before = after;
  }
}
