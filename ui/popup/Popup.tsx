// The toolbar popup: search the registry by hand, open a result as the port card, and switch Portolan on
// or off for the current site or everywhere. Everything it talks to comes in as props, so tests pass fakes.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ComponentChildren, TargetedEvent, TargetedKeyboardEvent } from 'preact';
import { DEFAULT_LIMIT, type MatchKind, type SearchAnswer, type SearchResult } from '../../lib/search';
import { disablingEntries, isEnabledFor, setSiteEnabled, type Settings } from '../../lib/settings';
import type { CheckOs } from '../../lib/how-to-check';
import { formatPortSpan } from '../../lib/format';
import { RANGE_CLASSES } from '../../lib/range-classes';
import { t, type MessageKey } from '../../lib/i18n';
import type { CommonUseKind, PortInfo } from '../../lib/types';
import type { RangeInfo } from '../../lib/range-info';
import themeCss from '../theme.css?inline';
import rowCss from '../result-row.css?inline';
import popupCss from './popup.css?inline';
import type { CardData, PopupCard } from './PopupCard';
import type { PopupExtrasApi } from './PortList';
import type { LastSearchStore } from '../../ext/last-search';

/** What the popup searches and opens; ext/registry-loader.ts builds it from the packaged data. */
export interface PopupSource {
  search(query: string, limit?: number): SearchAnswer;
  /** Everything the card shows for a port (the full registry may still be loading). */
  info(port: number): Promise<PortInfo>;
  /** Everything the range card shows for from..to, both ends included. */
  rangeInfo(from: number, to: number): Promise<RangeInfo>;
}

/** The settings store's methods the popup uses (ext/settings-store.ts), and its last search (ext/last-search.ts). */
export interface PopupStore extends LastSearchStore {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<Settings>;
  subscribe(onChange: (settings: Settings) => void): () => void;
}

/** What the popup knows about the tab it was opened on. */
export interface PageContext {
  /** Hostname of the tab; null where Portolan cannot run (browser pages, the store). */
  site: string | null;
  /** A query to start with (the port selected on the page); wins over the remembered query. */
  query: string | null;
}

export interface PopupProps {
  /** The registry, or a promise of it while it loads. */
  source: PopupSource | Promise<PopupSource>;
  store: PopupStore;
  /** The tab, or a promise of it (asking the page takes a moment; the popup does not wait for it). */
  page?: PageContext | Promise<PageContext>;
  os?: CheckOs;
  onOpenOptions?: () => void;
  /** Closes the popup window (Esc on an empty search). */
  onClose?: () => void;
  /** The page list and paste-to-explain under the search (ui/popup/PortList.tsx). */
  extras?: (api: PopupExtrasApi) => ComponentChildren;
}

/** Matches the row itself explains (the number or the name is right there); others say why they are listed. */
const SELF_EVIDENT = new Set<MatchKind>(['span', 'port', 'name', 'name-prefix']);

type CardModule = typeof import('./PopupCard');
type OpenedCard = { card: CardData; result: SearchResult; view: typeof PopupCard };

let cardModule: Promise<CardModule> | undefined;
/** The card's code, loaded once, when a result is first opened. */
function loadCardModule(): Promise<CardModule> {
  cardModule ??= import('./PopupCard');
  cardModule.catch(() => (cardModule = undefined)); // a failed load may be retried by the next opening
  return cardModule;
}

/** A result that stands for several ports (the row for a range query, a range record like x11) opens the range card. */
function opensRange(result: SearchResult): boolean {
  return result.portEnd > result.port && result.match !== 'range';
}

const SOFTWARE_KIND_LABELS: Record<CommonUseKind, MessageKey> = {
  default: 'kindDefault',
  convention: 'kindConvention',
  malware: 'kindMalware',
  'scanner-target': 'popupKindScanned',
  deprecated: 'popupKindPast',
};

function countText(answer: SearchAnswer): string {
  if (answer.total === 0) return t('popupNoMatches');
  const matches = answer.total === 1 ? t('popupOneMatch') : t('popupMatches', answer.total.toLocaleString('en'));
  return answer.total > answer.results.length ? t('popupFirstShown', matches, answer.results.length) : matches;
}

const NO_PAGE: PageContext = { site: null, query: null };

/** A value that may still be on its way: null until it arrives, then the value (or the error). */
function useArrival<T>(value: T | Promise<T>): { ready: T | null; error: string | null } {
  const [state, setState] = useState<{ ready: T | null; error: string | null }>(() =>
    value instanceof Promise ? { ready: null, error: null } : { ready: value, error: null },
  );
  useEffect(() => {
    if (!(value instanceof Promise)) {
      setState({ ready: value, error: null });
      return;
    }
    let live = true;
    value.then(
      (ready) => live && setState({ ready, error: null }),
      (error: unknown) =>
        live && setState({ ready: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [value]);
  return state;
}

export function Popup({ source, store, page = NO_PAGE, os, onOpenOptions, onClose, extras }: PopupProps) {
  const { ready, error } = useArrival(source);
  const pageContext = useArrival(page);
  const site = pageContext.ready?.site ?? null;
  // Until the page answers (or is known not to), say nothing rather than "not available".
  const sitePending = pageContext.ready === null && pageContext.error === null;
  // Read synchronously: the first frame shows the last search, and its answer when this build's data gave it.
  // Without one (the first opening after an update), the answer the background kept from the new data is asked
  // for at once, in parallel with the index; whichever comes first answers.
  const [remembered] = useState(() => {
    const last = store.lastSearch();
    const fromBackground = last.query && !last.answer ? store.answerKeptFor?.(last.query) : undefined;
    return { ...last, fromBackground };
  });
  const [keptByBackground, setKeptByBackground] = useState<SearchAnswer | null>(null);
  const [query, setQuery] = useState(page instanceof Promise ? remembered.query : (page.query ?? remembered.query));
  const [active, setActive] = useState(0);
  const [opened, setOpened] = useState<OpenedCard | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  const typedRef = useRef(false);

  // A layout effect: storage is read right after the first render, not after the first paint, which waits for the
  // main thread the search index is being unpacked on.
  useLayoutEffect(() => {
    let live = true;
    void store.load().then((loaded) => live && setSettings(loaded));
    remembered.fromBackground?.then((kept) => live && setKeptByBackground(kept)).catch(() => undefined);
    const unsubscribe = store.subscribe((next) => setSettings(next));
    // The page's selection (a round trip to the tab) replaces the remembered query when it comes; typing before
    // it arrives wins.
    void Promise.resolve(page)
      .catch(() => NO_PAGE)
      .then((context) => live && context.query && !typedRef.current && setQuery(context.query));
    return () => {
      live = false;
      unsubscribe();
    };
  }, [store]);

  // Until the index is in, the remembered query shows the answer kept with it (or by the background).
  const answer = useMemo<SearchAnswer | null>(() => {
    if (!query.trim()) return null;
    if (ready) return ready.search(query, DEFAULT_LIMIT);
    return query === remembered.query ? (remembered.answer ?? keptByBackground) : null;
  }, [ready, query, keptByBackground]);
  const loading = !error && !ready && !answer;

  useEffect(() => {
    // What was typed, or the remembered query's first live answer; a selection taken from the page is not kept.
    if (!typedRef.current && !(ready && query === remembered.query)) return;
    // At once, not debounced: the popup closes the moment focus leaves it, and pending timers die with it.
    store.saveLastSearch(query, answer); // live, or the kept one of this same data
  }, [answer]);
  const results = answer?.results ?? [];
  const activeIndex = Math.min(active, Math.max(0, results.length - 1));

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [activeIndex, answer, opened]);

  // Opening a card moves focus into it (so Esc and Tab work there); closing it returns focus to the search
  // box. Once per change, not on every render; before paint, so no key lands between the card and its focus.
  useLayoutEffect(() => {
    if (opened) backRef.current?.focus();
    else inputRef.current?.focus();
  }, [opened]);

  // The card's data may still be loading: open it when it arrives, unless the reader has moved on by then.
  const opening = useRef<SearchResult | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const openResult = (result: SearchResult | undefined) => {
    if (!result) return;
    opening.current = result;
    setOpenError(null);
    // A kept answer's row may be opened before the index is in: the card waits for the source.
    const data: Promise<OpenedCard['card']> = Promise.resolve(source).then((loaded) =>
      opensRange(result)
        ? loaded.rangeInfo(result.port, result.portEnd).then((info) => ({ kind: 'range' as const, info }))
        : loaded.info(result.port).then((info) => ({ kind: 'port' as const, info })),
    );
    const arrival = Promise.all([data, loadCardModule()]).then(
      ([card, module]): OpenedCard => ({ card, result, view: module.PopupCard }),
    );
    arrival.then(
      (card) => opening.current === result && setOpened(card),
      (failure: unknown) =>
        opening.current === result && setOpenError(failure instanceof Error ? failure.message : String(failure)),
    );
  };
  const back = () => {
    opening.current = null;
    setOpened(null);
  };

  const onInput = (event: TargetedEvent<HTMLInputElement>) => {
    typedRef.current = true;
    opening.current = null;
    setQuery(event.currentTarget.value);
    setActive(0);
  };

  const onSearchKey = (event: TargetedKeyboardEvent<HTMLInputElement>) => {
    const last = results.length - 1;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setActive(activeIndex >= last ? 0 : activeIndex + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive(activeIndex <= 0 ? Math.max(0, last) : activeIndex - 1);
        break;
      case 'Home':
      case 'End':
        if (!event.ctrlKey) return;
        event.preventDefault();
        setActive(event.key === 'Home' ? 0 : Math.max(0, last));
        break;
      case 'Enter':
        event.preventDefault();
        openResult(results[activeIndex]);
        break;
      case 'Escape':
        event.preventDefault();
        if (query) {
          typedRef.current = true;
          setQuery('');
          setActive(0);
        } else {
          onClose?.();
        }
        break;
    }
  };

  const onCardKey = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      back();
    }
  };

  const theme = settings?.theme ?? 'auto';
  const commandOs = settings && settings.commandOs !== 'auto' ? settings.commandOs : os;
  const listId = 'popup-results';
  const optionId = (i: number) => `popup-result-${i}`;

  return (
    <div class="pp" data-theme={theme}>
      <style>{themeCss + rowCss + popupCss}</style>
      {opened ? (
        // biome-ignore lint/a11y/noStaticElementInteractions: Esc anywhere in the opened card goes back to the list; the card's own controls are buttons and links
        <div class="pp-card" onKeyDown={onCardKey}>
          <button type="button" class="pp-back" onClick={back} ref={backRef}>
            {t('popupBack')}
          </button>
          <opened.view
            card={opened.card}
            os={commandOs}
            theme={theme}
            protocol={opened.result.protocols.length === 1 ? opened.result.protocols[0] : undefined}
          />
        </div>
      ) : (
        <>
          <div class="pp-search">
            <input
              ref={inputRef}
              type="search"
              class="pp-input"
              placeholder={t('popupPlaceholder')}
              aria-label={t('popupSearchLabel')}
              aria-controls={listId}
              aria-activedescendant={results.length > 0 ? optionId(activeIndex) : undefined}
              autoComplete="off"
              spellcheck={false}
              value={query}
              onInput={onInput}
              onKeyDown={onSearchKey}
            />
          </div>
          <p class="pp-count" role="status" aria-live="polite">
            {error
              ? t('registryError', error)
              : openError
                ? t('popupOpenError', openError)
                : loading
                  ? t('loadingRegistry')
                  : (answer?.notice ?? (answer ? countText(answer) : t('popupHelp')))}
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the combobox pattern: the search box owns focus and points at options through aria-activedescendant */}
          <ul id={listId} ref={listRef} class="pp-results" role="listbox" aria-label={t('popupResults')}>
            {results.map((result, i) => (
              <ResultRow
                key={result.key}
                id={optionId(i)}
                result={result}
                selected={i === activeIndex}
                onPick={() => openResult(result)}
                onHover={() => setActive(i)}
              />
            ))}
          </ul>
        </>
      )}
      {/* Outside the card/list switch, so the extras keep their state while a card is open. */}
      {extras?.({
        search: ready?.search ?? null,
        openPort: (port, protocol) =>
          openResult(ready?.search(protocol ? `${port}/${protocol}` : String(port), 1).results[0]),
        searching: query.trim() !== '',
        cardOpen: opened !== null,
        clearSearch: () => {
          typedRef.current = true;
          setQuery('');
          setActive(0);
        },
      })}
      <SiteControls
        settings={settings}
        site={site}
        sitePending={sitePending}
        store={store}
        onSaved={setSettings}
        onOpenOptions={onOpenOptions}
      />
    </div>
  );
}

function ResultRow(props: { id: string; result: SearchResult; selected: boolean; onPick(): void; onHover(): void }) {
  const { result } = props;
  const unassigned = result.status === 'unassigned';
  const span = result.match === 'span' ? result.range : undefined;
  const title = span
    ? span.counts.reserved
      ? t(
          'popupRangeRowReserved',
          span.counts.assigned.toLocaleString('en'),
          span.counts.reserved.toLocaleString('en'),
          span.counts.unassigned.toLocaleString('en'),
        )
      : t('popupRangeRow', span.counts.assigned.toLocaleString('en'), span.counts.unassigned.toLocaleString('en'))
    : (result.name ?? (unassigned ? t('statusUnassigned') : result.status === 'reserved' ? t('statusReserved') : ''));
  return (
    // biome-ignore lint/a11y/useFocusableInteractive: options are reached through aria-activedescendant, not focus
    // biome-ignore lint/a11y/useKeyWithClickEvents: the search box handles the keys (arrows, Enter) for every option
    <li
      id={props.id}
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the combobox's listbox (see the list)
      role="option"
      aria-selected={props.selected}
      class={props.selected ? 'pp-row pp-row-active' : 'pp-row'}
      onClick={props.onPick}
      onMouseMove={props.selected ? undefined : props.onHover}
    >
      <span class="row-port pp-port">{formatPortSpan(result.port, result.portEnd)}</span>
      <span class="row-main pp-main">
        <span
          class={
            span
              ? 'row-name pp-name'
              : unassigned || !result.name
                ? 'row-name row-name-none pp-name pp-name-none'
                : 'row-name pp-name'
          }
        >
          {title}
        </span>
        {span && span.records.length > 0 ? (
          <span class="pp-description">{t('popupRangeRecord', span.records.join(', '))}</span>
        ) : null}
        {result.protocols.length > 0 ? <span class="pp-protocols">{result.protocols.join(' · ')}</span> : null}
        {!span && result.description && result.description !== result.name ? (
          <span class="pp-description">{result.description}</span>
        ) : null}
        {result.usedBy ? <span class="pp-used-by">{t('cardCommonUse', result.usedBy.join('; '))}</span> : null}
        {span ? (
          <span class="pp-why pp-why-span">
            {result.description}
            {span.portUses > 0 ? ` \u00b7 ${t('popupRangePortUses', span.portUses)}` : ''}
            {` \u00b7 ${t('popupRangeEnter')}`}
          </span>
        ) : null}
        {SELF_EVIDENT.has(result.match) ? null : (
          <span class="pp-why">
            {result.softwareKind
              ? t('popupSoftwareWhy', t(SOFTWARE_KIND_LABELS[result.softwareKind]))
              : unassigned
                ? RANGE_CLASSES[result.rangeClass].name
                : result.why}
          </span>
        )}
      </span>
    </li>
  );
}

function SiteControls(props: {
  settings: Settings | null;
  site: string | null;
  sitePending: boolean;
  store: PopupStore;
  onSaved(settings: Settings): void;
  onOpenOptions?: () => void;
}) {
  const { settings, site, store } = props;
  const optionsLink = props.onOpenOptions ? (
    <button type="button" class="pp-link" onClick={props.onOpenOptions}>
      {t('popupSettings')}
    </button>
  ) : null;
  if (!settings) {
    return (
      <footer class="pp-controls" aria-busy="true">
        {optionsLink}
      </footer>
    );
  }
  const save = async (next: Settings) => {
    props.onSaved(next); // show the change at once; storage confirms through subscribe
    props.onSaved(await store.save(next));
  };
  const siteOn = site ? isEnabledFor(site, { ...settings, enabled: true }) : false;
  const coveredBy = site
    ? disablingEntries(site, settings).filter((entry) => entry !== site.replace(/^www\./, ''))
    : [];
  return (
    <footer class="pp-controls">
      <label class="pp-toggle">
        <input
          type="checkbox"
          role="switch"
          checked={siteOn}
          aria-checked={siteOn}
          disabled={!site || !settings.enabled}
          onChange={(event) => void save(setSiteEnabled(settings, site ?? '', event.currentTarget.checked))}
        />
        <span>
          {t('popupSiteSwitch')}
          <span class="pp-hint">
            {props.sitePending
              ? null
              : !site
                ? ` ${t('popupSiteUnavailable')}`
                : coveredBy.length > 0
                  ? ` ${t('popupSiteCovered', coveredBy[0])}`
                  : ` (${site})`}
          </span>
        </span>
      </label>
      <label class="pp-toggle">
        <input
          type="checkbox"
          role="switch"
          checked={settings.enabled}
          aria-checked={settings.enabled}
          onChange={(event) => void save({ ...settings, enabled: event.currentTarget.checked })}
        />
        <span>{t('popupAllSites')}</span>
      </label>
      {optionsLink}
    </footer>
  );
}
