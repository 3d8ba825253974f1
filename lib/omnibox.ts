// The address bar's `port` keyword: suggestions from the popup's search, and the card page they open.
// Pure. Chrome reads a suggestion's description as XML (<match>, <dim>, <url>; `&` and `<` must be escaped),
// Firefox as plain text: every function here takes which of the two it writes.
import { formatPortSpan } from './format';
import { t } from './i18n';
import { parseQuery, type SearchAnswer, type SearchResult } from './search';

export const OMNIBOX_KEYWORD = 'port';
/** Chrome shows about this many suggestions under the default one. */
export const OMNIBOX_LIMIT = 6;
/** The extension page that shows a card or a list of results for a query. */
export const CARD_PAGE_PATH = '/card.html';

export interface OmniboxSuggestion {
  /** What Enter hands back (onInputEntered) when this suggestion is chosen: a query the card page reads. */
  content: string;
  description: string;
}

export type DescriptionStyle = 'xml' | 'text';

/** Text in Chrome's XML-ish description: the five XML specials escaped, control characters dropped. */
export function escapeOmniboxXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Plain text for Firefox: one line, no control characters. */
function plain(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

type Part = { text: string; tag?: 'match' | 'dim' };

function render(parts: Part[], style: DescriptionStyle): string {
  return parts
    .filter((part) => part.text !== '')
    .map((part) => {
      if (style === 'text') return plain(part.text);
      const escaped = escapeOmniboxXml(part.text);
      return part.tag ? `<${part.tag}>${escaped}</${part.tag}>` : escaped;
    })
    .join('');
}

function resultParts(result: SearchResult): Part[] {
  const title =
    result.name ??
    (result.status === 'unassigned' ? t('statusUnassigned') : result.status === 'reserved' ? t('statusReserved') : '');
  const parts: Part[] = [{ text: formatPortSpan(result.port, result.portEnd), tag: 'match' }, { text: ` ${title}` }];
  if (result.protocols.length > 0) parts.push({ text: ` (${result.protocols.join(', ')})`, tag: 'dim' });
  if (result.description && result.description !== result.name)
    parts.push({ text: ` \u2014 ${result.description}`, tag: 'dim' });
  if (result.usedBy?.length)
    parts.push({ text: ` \u00b7 ${t('omniboxCommonUse', result.usedBy.slice(0, 2).join(', '))}`, tag: 'dim' });
  if (result.softwareKind) parts.push({ text: ` \u00b7 ${t('omniboxCurated')}`, tag: 'dim' });
  return parts;
}

/**
 * What a chosen suggestion hands back: the port or range, with the name when several results share the
 * number (465: urd and submissions), so each suggestion is distinct and still names its port first.
 */
function contentOf(result: SearchResult, shared: boolean): string {
  const span = result.portEnd > result.port ? `${result.port}-${result.portEnd}` : String(result.port);
  return shared && result.name ? `${span} ${result.name}` : span;
}

/** For a range query, the first suggestion is the range itself (the card page lists what it holds). */
function rangeSuggestion(query: string, answer: SearchAnswer, style: DescriptionStyle): OmniboxSuggestion | null {
  const ports = parseQuery(query).ports;
  if (!ports || ports.from === ports.to) return null;
  // The search's own row for the whole range ('span') is what this suggestion stands for: not an entry.
  const total = answer.total - answer.results.filter((r) => r.match === 'span').length;
  const count = total === 1 ? '1 entry' : `${total.toLocaleString('en')} entries`;
  return {
    content: `${ports.from}-${ports.to}`,
    description: render(
      [
        { text: formatPortSpan(ports.from, ports.to), tag: 'match' },
        { text: ` range \u2014 ${count} in the registry`, tag: 'dim' },
      ],
      style,
    ),
  };
}

export function omniboxSuggestions(
  query: string,
  answer: SearchAnswer,
  style: DescriptionStyle,
  limit = OMNIBOX_LIMIT,
): OmniboxSuggestion[] {
  const range = rangeSuggestion(query, answer, style);
  const results = answer.results.filter((r) => r.match !== 'span').slice(0, range ? limit - 1 : limit);
  const spans = new Map<string, number>();
  for (const result of results) spans.set(contentOf(result, false), (spans.get(contentOf(result, false)) ?? 0) + 1);
  const seen = new Set<string>(range ? [range.content] : []);
  const suggestions: OmniboxSuggestion[] = range ? [range] : [];
  for (const result of results) {
    const content = contentOf(result, (spans.get(contentOf(result, false)) ?? 0) > 1);
    if (seen.has(content)) continue;
    seen.add(content);
    suggestions.push({ content, description: render(resultParts(result), style) });
  }
  return suggestions;
}

/** The first line under the address bar: what Enter on the typed text does. */
export function defaultSuggestion(text: string, answer: SearchAnswer | null, style: DescriptionStyle): string {
  const query = text.trim();
  if (!query) return render([{ text: `Portolan: ${t('omniboxHint')}` }], style);
  if (!answer) return render([{ text: `Portolan: ${t('omniboxLoading')}` }], style);
  if (answer.notice) return render([{ text: `Portolan: ${answer.notice}` }], style);
  const count =
    answer.total === 0
      ? t('omniboxNoMatches')
      : answer.total === 1
        ? t('omniboxOneMatch')
        : t('omniboxMatches', answer.total.toLocaleString('en'));
  return render(
    [
      { text: 'Portolan: ' },
      { text: query, tag: 'match' },
      { text: ` \u2014 ${t('omniboxEnterOpens', count)}`, tag: 'dim' },
    ],
    style,
  );
}

/** The card page's address for a query, relative to the extension's root. */
export function cardPagePath(query: string): string {
  return `${CARD_PAGE_PATH}?q=${encodeURIComponent(query.trim())}`;
}

/** The query a card page address carries ('' when none). */
export function queryOfCardPage(search: string): string {
  return new URLSearchParams(search).get('q')?.trim() ?? '';
}
