// A minifying step for the content script, after void-to-name: the string, regex and collection methods the
// detector calls most often (`re.test(s)` 173 times) become calls of one arrow per method and argument count,
// declared at the top of the bundle's outer function (`let $1=(o,a)=>o.test(a)`; `$1(re,s)` is 2 bytes shorter
// than `re.test(s)`), wherever that saves more bytes than the arrow costs. The same semantics: the receiver is
// still evaluated first and is still `this` for the method, which gets exactly as many arguments; only the
// method's look-up moves after the arguments, which differs only when an argument assigns to something, so such
// calls (and optional calls, spread arguments and `super`) are left as they are. Not `charCodeAt`: the cursor
// reads every character through it, and its helper cost the detector 11-13 % (the others together 3-4 %).

import { type AstNode, freshNames, outerBody, parseScript, walk } from './minify-ast';

const METHODS = new Set([
  'test',
  'exec',
  'includes',
  'startsWith',
  'endsWith',
  'slice',
  'substring',
  'replace',
  'split',
  'indexOf',
  'lastIndexOf',
  'delete',
  'clear',
  'trim',
  'toLowerCase',
]);
const PARAMS = ['a', 'b', 'c'];

const assigns = (node: AstNode): boolean => {
  let found = false;
  walk(node, (inner) => {
    if (inner.type === 'AssignmentExpression' || inner.type === 'UpdateExpression') found = true;
  });
  return found;
};

/** Whether an optional link in the chain (`a?.b`, `f?.()`) could end it early, the call after it included. */
function shortCircuits(node: AstNode): boolean {
  for (let link = node; link.type === 'MemberExpression' || link.type === 'CallExpression'; ) {
    if (link.optional) return true;
    link = (link.type === 'MemberExpression' ? link.object : link.callee) as AstNode;
  }
  return false;
}

/** The code rewritten so (unchanged when it is not `var x = (() => {…})()`); throws if it does not parse. */
export function callsToHelpers(code: string): string {
  const ast = parseScript(code);
  const body = outerBody(ast);
  if (!body) return code;
  const calls = new Map<string, AstNode[]>();
  walk(body, (node) => {
    if (node.type !== 'CallExpression' || node.optional) return;
    const callee = node.callee as AstNode;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.optional) return;
    const method = (callee.property as AstNode).name as string;
    const object = callee.object as AstNode;
    const args = node.arguments as AstNode[];
    if (!METHODS.has(method) || object.type === 'Super' || args.length > PARAMS.length) return;
    // `a?.b.trim()` is undefined when `a` is: as `$5(a?.b)` it would call trim on undefined.
    if (shortCircuits(object)) return;
    // A parenthesised sequence would lose its parentheses as an argument.
    if ([object, ...args].some((part) => part.type === 'SequenceExpression' || part.type === 'SpreadElement')) return;
    if (args.some(assigns)) return;
    const key = `${method}/${args.length}`;
    calls.set(key, [...(calls.get(key) ?? []), node]);
  });
  const helpers = [...calls].map(([key, nodes]) => {
    const [method, count] = key.split('/');
    const params = PARAMS.slice(0, Number(count)).join(',');
    const declaration = `=(o${params && `,${params}`})=>o.${method}(${params})`;
    // `o.m(a)` becomes `$k(o,a)`: the dot and `m` go, a name (2 characters, 3 after `$9`) and a comma (none
    // without arguments) come; the declaration costs its text, its name and a comma.
    const saved = nodes.length * (method.length - 2 + (count === '0' ? 1 : 0)) - declaration.length - 3;
    return { nodes, declaration, saved };
  });
  const nameOf = freshNames(ast);
  const declarations: string[] = [];
  const edits: { from: number; to: number; text: () => string }[] = [];
  // The helpers that save most get the shortest names.
  for (const { nodes, declaration, saved } of helpers.sort((a, b) => b.saved - a.saved)) {
    if (saved <= 0) continue;
    const name = nameOf();
    declarations.push(name + declaration);
    for (const node of nodes) {
      const callee = node.callee as AstNode;
      const parts = [callee.object as AstNode, ...(node.arguments as AstNode[])];
      edits.push({
        from: node.start,
        to: node.end,
        text: () => `${name}(${parts.map((part) => rewrite(part.start, part.end)).join(',')})`,
      });
    }
  }
  if (!edits.length) return code;
  // Calls nest (`a.test(b.slice(c.includes(d)))`): an edit's text is its parts' text with their own edits made.
  edits.sort((a, b) => a.from - b.from);
  const rewrite = (from: number, to: number): string => {
    let out = '';
    let at = from;
    for (const edit of edits) {
      if (edit.from < at || edit.to > to) continue;
      // `return/a/.test(s)` needs a space once the call starts with a name: `return $0(/a/,s)`.
      const space = /[\w$\u0080-\uffff]/.test(code[edit.from - 1] ?? '') ? ' ' : '';
      out += code.slice(at, edit.from) + space + edit.text();
      at = edit.to;
    }
    return out + code.slice(at, to);
  };
  const out = `${code.slice(0, body.start + 1)}let ${declarations.join(',')};${rewrite(body.start + 1, code.length)}`;
  parseScript(out);
  return out;
}
