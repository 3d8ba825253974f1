// The labelled corpus as two web pages: each snippet as plain text (a <pre>), and each snippet rendered the way a
// documentation site renders its Markdown (pipe tables as <table>, lists as <ul>/<ol>, headings, paragraphs,
// fenced or indented code as <pre>). The annotator must find as much in the rendered page as in the plain one.

import type { Snippet } from '../corpus';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const RULE_ROW = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/;

function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** A small Markdown renderer: enough structure for the annotator's context (headers, lead-ins, headings). */
export function renderMarkdown(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i++;
    } else if (line.trimStart().startsWith('```')) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i].trimStart().startsWith('```'); i++) body.push(lines[i]);
      i++;
      out.push(`<pre>${escapeHtml(body.join('\n'))}</pre>`);
    } else if (line.trimStart().startsWith('|')) {
      const rows: string[] = [];
      for (; i < lines.length && lines[i].trimStart().startsWith('|'); i++) rows.push(lines[i]);
      const body = rows.filter((row) => !RULE_ROW.test(row));
      const [head, ...rest] = body;
      const th = cells(head)
        .map((cell) => `<th>${escapeHtml(cell)}</th>`)
        .join('');
      const trs = rest.map(
        (row) =>
          `<tr>${cells(row)
            .map((cell) => `<td>${escapeHtml(cell)}</td>`)
            .join('')}</tr>`,
      );
      out.push(`<table><thead><tr>${th}</tr></thead><tbody>${trs.join('')}</tbody></table>`);
    } else if (/^ {4}|^\t/.test(line)) {
      // An indented block is code, lists inside it included (YAML).
      const body: string[] = [];
      for (; i < lines.length && (lines[i].trim() === '' || /^ {4}|^\t/.test(lines[i])); i++) body.push(lines[i]);
      out.push(`<pre>${escapeHtml(body.join('\n').trimEnd())}</pre>`);
    } else if (/^#{1,6}\s/.test(line)) {
      out.push(`<h3>${escapeHtml(line.replace(/^#+\s*/, ''))}</h3>`);
      i++;
    } else if (LIST_ITEM.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[] = [];
      for (; i < lines.length && LIST_ITEM.test(lines[i]); i++) items.push(lines[i].replace(LIST_ITEM, ''));
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</${tag}>`);
    } else {
      const block: string[] = [];
      for (; i < lines.length && lines[i].trim() !== '' && !LIST_ITEM.test(lines[i]); i++) {
        if (lines[i].trimStart().startsWith('|') || lines[i].trimStart().startsWith('```')) break;
        block.push(lines[i]);
      }
      // Commands, config and output keep their lines; sentences become a paragraph.
      const code = block.some((l) => /^\s|^[$#>]|[{};=]\s*$/.test(l)) || !/[.!?:。]\s*$/.test(block.at(-1) ?? '');
      out.push(code ? `<pre>${escapeHtml(block.join('\n'))}</pre>` : `<p>${escapeHtml(block.join(' '))}</p>`);
    }
  }
  return out.join('\n');
}

/** One page holding every snippet, each in a `.case` element whose data says which snippet it is. */
export function corpusPage(snippets: readonly Snippet[], render: (text: string) => string): string {
  const body = snippets
    .map((snippet, index) => `<section class="case" id="s${index}">${render(snippet.text)}</section>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>corpus</title></head><body>\n${body}\n</body></html>`;
}

export const asPlainText = (text: string) => `<pre>${escapeHtml(text)}</pre>`;
