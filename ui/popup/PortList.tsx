// Lists of found ports in the popup: the ports on the current page, and those in pasted text (PastePanel.tsx),
// each with the likely software or IANA name, mentions, and export as Markdown, CSV or JSON.
// Everything from the page or the paste is rendered as JSX text, never as HTML.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { exportRows, type ExportFormat } from '../../lib/export';
import {
  describeBySearch,
  locateMention,
  mergeFrames,
  portListRows,
  rowPortText,
  visibleText,
  type Describe,
  type FoundPort,
  type PageInventory,
  type PortListRow,
} from '../../lib/port-list';
import type { SearchAnswer } from '../../lib/search';
import type { Protocol } from '../../lib/types';
import { t } from '../../lib/i18n';
import { copyText } from '../card/CopyButton';
import { PastePanel, type PasteOptions } from './PastePanel';
import listCss from './port-list.css?inline';

/** What the popup hands its extras (see Popup's `extras` prop). */
export interface PopupExtrasApi {
  /** The popup's search, once its index has loaded. */
  search: ((query: string, limit?: number) => SearchAnswer) | null;
  /** Opens the popup's card for the port. */
  openPort(port: number, protocol?: Protocol): void;
  /** The reader is searching (the search box holds a query) or reading a card: the lists step aside. */
  searching: boolean;
  cardOpen: boolean;
  clearSearch(): void;
}

/** The active tab as the page list needs it; entrypoints/popup/main.tsx builds it from ext/page-ports.ts. */
export interface PagePortsSource {
  /** The tab's URL (null where unknown) and what its frames answered; null when there is no tab to ask. */
  load(): Promise<{ url: string | null; inventory: PageInventory } | null>;
  reveal(frameId: number, port: number, index: number): Promise<void>;
}

/** Rows drawn at most; the export holds them all. */
export const ROW_LIMIT = 200;
/** How often and how long the list asks again while a frame is still scanning. */
const RESCAN_MS = 400;
const RESCAN_TRIES = 25;

const EXPORTS: { format: ExportFormat; label: string }[] = [
  { format: 'markdown', label: 'Markdown' },
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
];

export interface PortListProps {
  label: string;
  found: readonly FoundPort[];
  describe: Describe;
  pageUrl: string | null;
  onPick(row: PortListRow): void;
  /** What clicking a row does, for its accessible name ("Open the card", "Show on the page"). */
  pickHint: string;
  copy?: (text: string) => Promise<boolean>;
  now?: () => Date;
  children?: ComponentChildren;
}

export function PortList({
  label,
  found,
  describe,
  pageUrl,
  onPick,
  pickHint,
  copy,
  now = () => new Date(),
  children,
}: PortListProps) {
  const rows = useMemo(() => portListRows(found.slice(0, ROW_LIMIT), describe), [found, describe]);
  const [said, setSaid] = useState('');
  const exportButtons = useRef<HTMLDivElement>(null);
  const mentions = found.reduce((sum, f) => sum + f.mentions, 0);

  const onExport = async (format: ExportFormat, name: string) => {
    // Every row goes into the export, not only those drawn.
    const all = found.length > rows.length ? portListRows(found, describe) : rows;
    const text = exportRows(format, all, { pageUrl, date: now() });
    const ok = await (copy ?? ((t: string) => copyText(t, exportButtons.current)))(text);
    setSaid(ok ? t('exportCopied', name) : t('exportFailed'));
  };

  return (
    <section class="pl" aria-label={label}>
      <header class="pl-head">
        <h2 class="pl-title">{label}</h2>
        <span class="pl-summary">{t('listSummary', found.length.toLocaleString(), mentions.toLocaleString())}</span>
      </header>
      {children}
      <ul class="pl-rows">
        {rows.map((row) => (
          <li key={row.key}>
            <PortRow row={row} hint={pickHint} onPick={() => onPick(row)} />
          </li>
        ))}
      </ul>
      {rows.some((row) => row.software) ? <p class="pl-more">{t('listCuratedNote')}</p> : null}
      {found.length > rows.length ? (
        <p class="pl-more">{t('listMore', (found.length - rows.length).toLocaleString())}</p>
      ) : null}
      <div class="pl-export" ref={exportButtons}>
        <span>{t('exportCopyAs')}</span>
        {EXPORTS.map(({ format, label: name }) => (
          <button key={format} type="button" class="pl-button" onClick={() => void onExport(format, name)}>
            {name}
          </button>
        ))}
        <span class="pl-said" role="status" aria-live="polite">
          {said}
        </span>
      </div>
    </section>
  );
}

function PortRow({ row, hint, onPick }: { row: PortListRow; hint: string; onPick(): void }) {
  const port = rowPortText(row);
  const title = row.software ?? row.service;
  return (
    <button type="button" class="pl-row" onClick={onPick} aria-label={`${port}${title ? ` ${title}` : ''}: ${hint}`}>
      <span class="row-port pl-port">{port}</span>
      <span class="row-main pl-main">
        <span
          class={
            row.software
              ? 'row-name pl-name pl-software'
              : title
                ? 'row-name pl-name'
                : 'row-name row-name-none pl-name pl-name-none'
          }
        >
          {title ?? (row.portEnd > row.port ? t('rowRange') : t('statusUnassigned'))}
        </span>
        {row.protocols.length > 0 ? <span class="pl-protocols">{row.protocols.join(' · ')}</span> : null}
        {row.software && row.service ? <span class="pl-iana">{t('rowIana', row.service)}</span> : null}
        {!row.software && row.description && row.description !== row.service ? (
          <span class="pl-description">{row.description}</span>
        ) : null}
        {row.excerpt !== undefined ? (
          <bdi class="pl-excerpt" dir="ltr">
            {visibleText(row.excerpt)}
          </bdi>
        ) : null}
      </span>
      <span class="pl-count" title={t('rowMentions', row.mentions)}>
        ×{row.mentions}
      </span>
    </button>
  );
}

/** The ports the active tab's frames marked; a click shows the next mention on the page. */
export function PagePorts({
  source,
  describe,
  copy,
  now,
}: {
  source: PagePortsSource;
  describe: Describe;
  copy?: PortListProps['copy'];
  now?: () => Date;
}) {
  const [state, setState] = useState<{ url: string | null; inventory: PageInventory } | null | 'asking'>('asking');
  const clicks = useRef(new Map<number, number>());
  const [revealError, setRevealError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = (triesLeft: number) => {
      source.load().then(
        (answer) => {
          if (!live) return;
          setState(answer);
          if (answer && !answer.inventory.done && triesLeft > 0)
            timer = setTimeout(() => ask(triesLeft - 1), RESCAN_MS);
        },
        () => live && setState(null),
      );
    };
    ask(RESCAN_TRIES);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [source]);

  const merged = useMemo(() => (state && state !== 'asking' ? mergeFrames(state.inventory.frames) : null), [state]);

  if (state === 'asking') return <p class="pl-note">{t('pageAsking')}</p>;
  if (!state || !merged || state.inventory.frames.length === 0) return null;
  if (merged.found.length === 0) {
    return <p class="pl-note">{state.inventory.done ? t('pageNone') : t('pageStillReading')}</p>;
  }
  const reveal = (row: PortListRow) => {
    const nth = clicks.current.get(row.port) ?? 0;
    clicks.current.set(row.port, nth + 1);
    const place = locateMention(merged.places, row.port, nth);
    if (!place) return;
    setRevealError(null);
    source.reveal(place.frameId, row.port, place.index).catch(() => setRevealError(t('pageNoAnswer')));
  };
  return (
    <PortList
      label={t('pageListTitle')}
      found={merged.found}
      describe={describe}
      pageUrl={state.url}
      onPick={reveal}
      pickHint={t('pickReveal')}
      copy={copy}
      now={now}
    >
      {!state.inventory.done ? <p class="pl-note">{t('pageStillReading')}</p> : null}
      {revealError ? (
        <p class="pl-note" role="alert">
          {revealError}
        </p>
      ) : null}
    </PortList>
  );
}

export interface PopupExtrasProps {
  api: PopupExtrasApi;
  page?: PagePortsSource;
  paste?: PasteOptions;
  copy?: PortListProps['copy'];
  now?: () => Date;
}

/** The page list and paste-to-explain, below the popup's search; they step aside while the reader searches. */
export function PopupExtras({ api, page, paste, copy, now }: PopupExtrasProps) {
  const { search } = api;
  const describe = useMemo(() => (search ? describeBySearch(search) : null), [search]);
  const [pasting, setPasting] = useState(false);
  const hidden = api.searching || api.cardOpen;
  return (
    <div class="pl-extras" hidden={hidden}>
      <style>{listCss}</style>
      <PastePanel api={api} describe={describe} options={paste} copy={copy} now={now} onActive={setPasting} />
      {page && describe ? (
        <div hidden={pasting}>
          <PagePorts source={page} describe={describe} copy={copy} now={now} />
        </div>
      ) : null}
    </div>
  );
}
