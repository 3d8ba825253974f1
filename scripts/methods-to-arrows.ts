// A minifying step for the content script, after terser: terser's unsafe_methods (wxt.config.ts) turns an
// object's arrow into a concise method even where the arrow was shorter, `k(t){return x}` for `k:t=>x`. This
// turns back an object literal's plain method whose whole body is `return x` (about 5-8 bytes each). The same
// semantics: neither a concise method nor an arrow is a constructor or has a prototype, the property keeps its
// key, place and function name, and only a method that reads no `this`, `arguments`, `super` or `new.target`
// anywhere in it (nested arrows read the method's own) is rewritten; getters, setters and generators never are.

import { type AstNode, parseScript, walk } from './minify-ast';

/** Whether `node` reads, anywhere in it, what a method and an arrow would bind differently. */
function readsOwnBinding(node: AstNode): boolean {
  let reads = false;
  walk(node, (inner) => {
    if (inner.type === 'ThisExpression' || inner.type === 'Super' || inner.type === 'MetaProperty') reads = true;
    if (inner.type === 'Identifier' && inner.name === 'arguments') reads = true;
  });
  return reads;
}

/** The code rewritten so (unchanged when it has no such method); throws if it does not parse, before or after. */
export function methodsToArrows(code: string): string {
  const edits: { from: number; to: number; text: string }[] = [];
  walk(parseScript(code), (node) => {
    if (node.type !== 'Property' || !node.method || node.kind !== 'init') return;
    const fn = node.value as AstNode;
    if (fn.generator) return;
    // `__proto__: x` would set the object's prototype where `__proto__(){}` makes an own property.
    const keyNode = node.key as AstNode;
    if (!node.computed && (keyNode.name === '__proto__' || keyNode.value === '__proto__')) return;
    const body = (fn.body as AstNode).body as AstNode[];
    if (body.length !== 1 || body[0].type !== 'ReturnStatement' || !body[0].argument) return;
    if (readsOwnBinding(fn)) return;
    const params = fn.params as AstNode[];
    const result = body[0].argument as AstNode;
    const key = node.computed
      ? `[${code.slice((node.key as AstNode).start, (node.key as AstNode).end)}]`
      : code.slice((node.key as AstNode).start, (node.key as AstNode).end);
    const paramText =
      params.length === 1 && params[0].type === 'Identifier'
        ? (params[0].name as string)
        : `(${params.map((param) => code.slice(param.start, param.end)).join(',')})`;
    const resultText = code.slice(result.start, result.end);
    // An arrow's expression body may not begin with `{` (it would be a block) nor be a comma list.
    const bodyText =
      resultText.startsWith('{') || result.type === 'SequenceExpression' ? `(${resultText})` : resultText;
    edits.push({
      from: node.start,
      to: node.end,
      text: `${key}:${fn.async ? 'async' : ''}${fn.async && paramText[0] !== '(' ? ' ' : ''}${paramText}=>${bodyText}`,
    });
  });
  if (!edits.length) return code;
  // Nested methods: an outer one's edit covers an inner one's; keep the outermost only, the rest wait for a later
  // build (they are rare, and skipping one is always safe).
  edits.sort((a, b) => a.from - b.from);
  let out = '';
  let at = 0;
  for (const edit of edits) {
    if (edit.from < at) continue;
    out += code.slice(at, edit.from) + edit.text;
    at = edit.to;
  }
  out += code.slice(at);
  parseScript(out);
  return out;
}
