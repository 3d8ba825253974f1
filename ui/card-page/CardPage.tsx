// The extension page the omnibox opens (card.html?q=...): the full card for a port, the results for a range
// or a name, the same answers the popup gives. Registry text is rendered as JSX text, never as HTML.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CheckOs } from '../../lib/how-to-check';
import { formatPortSpan } from '../../lib/format';
import { t } from '../../lib/i18n';
import { cardPagePath } from '../../lib/omnibox';
import { DEFAULT_LIMIT, parseQuery, type SearchResult } from '../../lib/search';
import type { PortInfo, Protocol } from '../../lib/types';
import { CARD_CSS, PortCard, type CardTheme } from '../PortCard';
import type { PopupSource } from '../popup/Popup';
import rowCss from '../result-row.css?inline';
import pageCss from './card-page.css?inline';

export interface CardPageProps {
  query: string;
  source: PopupSource | Promise<PopupSource>;
  os?: CheckOs;
  theme?: CardTheme;
  /** The address of another query's page (links between results). */
  hrefFor?: (query: string) => string;
}

/** The port a query is about: the one it names, or its best answer when that is a name or software (not words in a description). */
function cardPortOf(query: string, results: SearchResult[]): { port: number; protocol?: Protocol } | null {
  const parsed = parseQuery(query);
  if (parsed.ports) {
    return parsed.ports.from === parsed.ports.to
      ? { port: parsed.ports.from, protocol: parsed.protocol ?? undefined }
      : null;
  }
  const best = results[0];
  if (
    !best ||
    best.portEnd > best.port ||
    !(best.match === 'name' || best.match === 'name-prefix' || best.match === 'software')
  )
    return null;
  return { port: best.port, protocol: best.protocols.length === 1 ? best.protocols[0] : undefined };
}

export function CardPage({ query, source, os, theme = 'auto', hrefFor = cardPagePath }: CardPageProps) {
  const [ready, setReady] = useState<PopupSource | null>(source instanceof Promise ? null : source);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<PortInfo | null>(null);
  useEffect(() => {
    let live = true;
    Promise.resolve(source).then(
      (loaded) => live && setReady(loaded),
      (failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      live = false;
    };
  }, [source]);

  const answer = useMemo(() => (ready && query ? ready.search(query, DEFAULT_LIMIT) : null), [ready, query]);
  const target = useMemo(() => (answer ? cardPortOf(query, answer.results) : null), [answer, query]);
  useEffect(() => {
    if (!ready || !target) return;
    let live = true;
    ready.info(target.port).then(
      (loaded) => live && setInfo(loaded),
      (failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      live = false;
    };
  }, [ready, target?.port]);

  useEffect(() => {
    document.title = target ? t('cardTitle', target.port) : query ? `${query} \u2014 Portolan` : 'Portolan';
  }, [query, target?.port]);

  const others = answer
    ? answer.results.filter((result) => !target || result.port !== target.port || result.portEnd !== result.port)
    : [];
  return (
    <main class="cp pp" data-theme={theme}>
      <style>{CARD_CSS + rowCss + pageCss}</style>
      {!query ? (
        <p class="cp-note">{t('cardPageHelp')}</p>
      ) : error ? (
        <p class="cp-note" role="alert">
          {t('registryError', error)}
        </p>
      ) : !answer ? (
        <p class="cp-note" role="status">
          {t('loadingRegistry')}
        </p>
      ) : (
        <>
          {target ? (
            info && info.port === target.port ? (
              <PortCard info={info} os={os} theme={theme} protocol={target.protocol} />
            ) : (
              <p class="cp-note">{t('cardLoading')}</p>
            )
          ) : null}
          {answer.notice ? <p class="cp-note">{answer.notice}</p> : null}
          {others.length > 0 ? (
            <section class="cp-results" aria-labelledby="cp-results-heading">
              <h2 class="cp-heading" id="cp-results-heading">
                {target ? t('cardOtherMatches') : t('cardResultsFor', query)}{' '}
                <span class="cp-count">
                  {answer.total > answer.results.length
                    ? t('cardFirstOf', answer.results.length, answer.total.toLocaleString())
                    : answer.total.toLocaleString()}
                </span>
              </h2>
              <ul class="cp-list">
                {others.map((result) => (
                  <li key={result.key}>
                    <ResultLink
                      result={result}
                      href={hrefFor(
                        result.portEnd > result.port
                          ? `${result.port}`
                          : `${result.port}${result.protocols.length === 1 ? `/${result.protocols[0]}` : ''}`,
                      )}
                    />
                  </li>
                ))}
              </ul>
            </section>
          ) : !target && !answer.notice ? (
            <p class="cp-note">{t('cardNoMatches', query)}</p>
          ) : null}
        </>
      )}
    </main>
  );
}

function ResultLink({ result, href }: { result: SearchResult; href: string }) {
  const span = result.match === 'span';
  const title = span
    ? t('rowRange')
    : (result.name ??
      (result.status === 'unassigned'
        ? t('statusUnassigned')
        : result.status === 'reserved'
          ? t('statusReserved')
          : ''));
  return (
    <a class="cp-row" href={href}>
      <span class="row-port cp-port">{formatPortSpan(result.port, result.portEnd)}</span>
      <span class="row-main cp-main">
        <span class={result.name ? 'row-name cp-name' : 'row-name row-name-none cp-name cp-name-none'}>{title}</span>
        {result.protocols.length > 0 ? <span class="cp-protocols">{result.protocols.join(' \u00b7 ')}</span> : null}
        {result.description && result.description !== title ? (
          <span class="cp-description">{result.description}</span>
        ) : null}
        {result.usedBy ? <span class="cp-used-by">{t('cardCommonUse', result.usedBy.join('; '))}</span> : null}
        {/* A range's row has its counts as both description and reason: said once. */}
        {result.softwareKind ? (
          <span class="cp-why">{t('cardCuratedWhy', result.why)}</span>
        ) : result.match === 'port' || result.match === 'name' || result.why === result.description ? null : (
          <span class="cp-why">{result.why}</span>
        )}
      </span>
    </a>
  );
}
