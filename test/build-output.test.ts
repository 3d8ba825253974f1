// The extension's own surface: no HTML built from strings, no eval, no remote code, and a manifest that asks for
// nothing it does not need. Checks our sources (exactly, through the TypeScript scanner, so comments and strings
// do not count) and the built output (`npm test` builds before it runs; run `wxt build` first when alone).
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { SEARCH_PACK_PATH } from '../lib/search-pack';
import { readPackagedData, searchPackOf } from '../scripts/packaged-data';

const SOURCE_DIRS = ['lib', 'page', 'ui', 'ext', 'entrypoints'];
const BUILDS = ['.output/chrome-mv3', '.output/firefox-mv2'];

function filesUnder(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

/** Names that build or parse HTML from strings, or run strings as code, wherever they appear in code. */
const FORBIDDEN_NAMES = new Set([
  'innerHTML',
  'outerHTML',
  'insertAdjacentHTML',
  'dangerouslySetInnerHTML',
  'createContextualFragment',
  'parseFromString',
  'setHTMLUnsafe',
  'srcdoc',
  'eval',
]);

/**
 * Walks the syntax tree, so comments, strings and regular expressions never count, but every identifier,
 * property name, JSX attribute and `obj["name"]` access does.
 */
function findForbidden(path: string): string[] {
  const source = readFileSync(path, 'utf8');
  const kind = path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) =>
    found.push(`${path}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}`);
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && FORBIDDEN_NAMES.has(node.text)) report(node, node.text);
    if (
      ts.isElementAccessExpression(node) &&
      ts.isStringLiteralLike(node.argumentExpression) &&
      FORBIDDEN_NAMES.has(node.argumentExpression.text)
    ) {
      report(node, `["${node.argumentExpression.text}"]`);
    }
    if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'Function'
    ) {
      report(node, 'Function constructor');
    }
    if (
      ts.isPropertyAccessExpression(node) &&
      /^write(ln)?$/.test(node.name.text) &&
      node.expression.getText(file).endsWith('document')
    ) {
      report(node, `document.${node.name.text}`);
    }
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      /^set(Timeout|Interval)$/.test(node.expression.text)
    ) {
      const first = node.arguments[0];
      if (first && (ts.isStringLiteralLike(first) || ts.isTemplateExpression(first)))
        report(node, `${node.expression.text} with a string`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('our own source', () => {
  const files = SOURCE_DIRS.flatMap((dir) => filesUnder(dir, /\.(ts|tsx|mts)$/));

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('never builds HTML from strings or runs strings as code', () => {
    expect(files.flatMap(findForbidden)).toEqual([]);
  });

  it('the checker sees through comments, strings and regular expressions but catches real uses', () => {
    // Guard against a checker that passes by seeing nothing: this file names the forbidden APIs only in strings,
    // comments and regular expressions, and the fixture below uses them for real.
    expect(findForbidden(join('test', 'build-output.test.ts'))).toEqual([]);
    const fixture = join(mkdtempSync(join(tmpdir(), 'portolan-grep-')), 'sample.tsx');
    writeFileSync(
      fixture,
      [
        'el.innerHTML = html;',
        'el["insertAdjacentHTML"]("beforeend", x);',
        'const f = new Function("return 1");',
        'document.write("<p>");',
        'setTimeout("tick()", 10);',
        'const c = <div dangerouslySetInnerHTML={{ __html: x }} />;',
        '// innerHTML in a comment is fine',
        'const s = "innerHTML in a string is fine"; const r = /innerHTML/;',
      ].join('\n'),
    );
    expect(findForbidden(fixture).map((hit) => hit.replace(/^.*sample\.tsx:/, ''))).toEqual([
      '1 innerHTML',
      '2 ["insertAdjacentHTML"]',
      '3 Function constructor',
      '4 document.write',
      '5 setTimeout with a string',
      '6 dangerouslySetInnerHTML',
    ]);
  });
});

/**
 * Preact's runtime (bundled into our UI chunks) holds exactly two `innerHTML`, both in its support for the
 * `dangerouslySetInnerHTML` prop, which our source never uses (checked above). Each copy of that code is
 * recognised by its shape; every other `innerHTML` in a built file is ours and fails.
 */
const PREACT_DANGEROUS_HTML =
  /\.__html==\w+\.__html\|\|\w+\.__html==\w+\.innerHTML\)\|\|\(\w+\.innerHTML=\w+\.__html\)/g;

function builtFiles(build: string): string[] {
  return filesUnder(build, /\.(js|html)$/);
}

describe.each(BUILDS)('built output in %s', (build) => {
  const required = build.includes('chrome');
  const present = existsSync(join(build, 'manifest.json'));

  it.runIf(required || present)('exists (run `wxt build` first)', () => {
    expect(present).toBe(true);
  });

  it.runIf(present)('has no innerHTML of its own, no insertAdjacentHTML, eval, new Function or document.write', () => {
    const problems: string[] = [];
    for (const file of builtFiles(build)) {
      const code = readFileSync(file, 'utf8');
      const name = relative(build, file);
      const preactCopies = code.match(PREACT_DANGEROUS_HTML)?.length ?? 0;
      const innerHtml = code.match(/innerHTML/g)?.length ?? 0;
      if (innerHtml !== 2 * preactCopies)
        problems.push(`${name}: ${innerHtml} innerHTML, ${2 * preactCopies} of them Preact's`);
      for (const [label, pattern] of [
        ['insertAdjacentHTML', /insertAdjacentHTML/],
        ['outerHTML', /outerHTML/],
        ['eval(', /(?<![\w$.])eval\s*\(/],
        ['new Function', /new\s+Function\s*\(/],
        ['document.write', /document\.write(?:ln)?\s*\(/],
        ['remote script', /<script[^>]+src=["']?(?:https?:)?\/\//i],
      ] as const) {
        if (pattern.test(code)) problems.push(`${name}: ${label}`);
      }
    }
    expect(builtFiles(build).length).toBeGreaterThan(2);
    expect(problems).toEqual([]);
  });

  // Every frame of every tab loads it (issues 13 and 14: at most 60 KB).
  it.runIf(present)('the content script is at most 60 KiB', () => {
    expect(statSync(join(build, 'content-script.js')).size).toBeLessThanOrEqual(60 * 1024);
  });

  it.runIf(present)(
    'asks for no more than it needs: no web-accessible resources, tabs, or hosts beyond its pages',
    () => {
      const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8'));
      expect(manifest.web_accessible_resources ?? []).toEqual([]);
      const permissions: string[] = manifest.permissions ?? [];
      const hostLike = (p: string) => p.includes('://') || p === '<all_urls>';
      for (const risky of [
        'tabs',
        'webRequest',
        'webRequestBlocking',
        'debugger',
        'history',
        'cookies',
        'management',
        'nativeMessaging',
        'proxy',
        '<all_urls>',
      ]) {
        expect(permissions, risky).not.toContain(risky);
      }
      const matches = new Set<string>(
        (manifest.content_scripts ?? []).flatMap((cs: { matches: string[] }) => cs.matches),
      );
      const hosts = [...(manifest.host_permissions ?? []), ...permissions.filter(hostLike)];
      for (const host of hosts)
        expect(matches.has(host), `host permission ${host} is a content-script match`).toBe(true);
      expect(manifest.externally_connectable).toBeUndefined();
    },
  );

  it.runIf(present)('has a strict extension CSP: own scripts only, no eval, no objects', () => {
    const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8'));
    const csp: string =
      typeof manifest.content_security_policy === 'string'
        ? manifest.content_security_policy
        : manifest.content_security_policy?.extension_pages;
    expect(csp).toBeTypeOf('string');
    const scriptSrc = /script-src([^;]*)/.exec(csp)?.[1].trim().split(/\s+/) ?? [];
    expect(scriptSrc).toEqual(["'self'"]);
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  it.runIf(present)('packs the popup search index from the data files as they are now', () => {
    const shipped = JSON.parse(readFileSync(join(build, SEARCH_PACK_PATH), 'utf8'));
    expect(shipped).toEqual(searchPackOf(readPackagedData()));
  });
});
