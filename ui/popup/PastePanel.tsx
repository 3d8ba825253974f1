// Paste to explain: text pasted anywhere in the popup (socket output, a compose file, firewall rules, a scan
// report) is read for ports here, in slices (lib/paste-scan.ts), and listed like the page's ports.
// The text never leaves the popup: no message, no storage, no network.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import { PASTE_MAX_CHARS, scanPaste, type Finder, type PasteScanProgress } from '../../lib/paste-scan';
import type { Describe } from '../../lib/port-list';
import { MAX_QUERY_CHARS, parseQuery } from '../../lib/search';
import { PortList, type PopupExtrasApi, type PortListProps } from './PortList';

export interface PasteOptions {
  find?: Finder;
  sliceChars?: number;
  /** Gives the UI a turn between slices (a macrotask by default, so input and paint come first). */
  pause?: () => Promise<void>;
  reportEveryMs?: number;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

// The detector is most of the popup's code and only a paste needs it, so it loads once the popup is idle,
// not on the way to its first answer.
let plainTextFinder: Finder | null = null;
let finderLoading: Promise<Finder> | undefined;

export function loadPlainTextFinder(): Promise<Finder> {
  finderLoading ??= import('../../lib/detect').then(
    (detect) => (plainTextFinder = detect.findInPlainText),
    (error: unknown) => {
      finderLoading = undefined; // the next paste tries again
      throw error;
    },
  );
  return finderLoading;
}

/** The list is redrawn at most this often while a paste is read (drawing it costs more than a slice). */
const REPORT_EVERY_MS = 250;

/**
 * Whether a paste is text to explain rather than a query to search: several lines, more than a query holds,
 * or a port the detector sees where the search would read none (`0.0.0.0:5432`). `port 5432` and `x11`
 * stay searches, and so does any one-line paste while the detector (`find`) is not loaded yet.
 */
export function isTextToExplain(text: string, find: Finder | null): boolean {
  if (text.length > MAX_QUERY_CHARS || /[\r\n]/.test(text.trim())) return true;
  return find !== null && parseQuery(text).ports === null && find(text, '').length > 0;
}

type PasteState = { status: 'reading' | 'done'; progress: PasteScanProgress } | null;

export function PastePanel(props: {
  api: PopupExtrasApi;
  describe: Describe | null;
  options?: PasteOptions;
  copy?: PortListProps['copy'];
  now?: () => Date;
  onActive(active: boolean): void;
}) {
  const { api, describe, options = {}, onActive } = props;
  const [state, setState] = useState<PasteState>(null);
  const generation = useRef(0);
  const apiRef = useRef(api);
  apiRef.current = api;

  const start = (text: string) => {
    const mine = ++generation.current;
    apiRef.current.clearSearch();
    onActive(true);
    setState({
      status: 'reading',
      progress: {
        read: 0,
        total: Math.min(text.length, PASTE_MAX_CHARS),
        truncated: text.length > PASTE_MAX_CHARS,
        found: [],
      },
    });
    void (options.find ? Promise.resolve(options.find) : loadPlainTextFinder()).then((find) =>
      scanPaste(text, {
        find,
        sliceChars: options.sliceChars,
        pause: options.pause ?? macrotask,
        reportEveryMs: options.reportEveryMs ?? REPORT_EVERY_MS,
        isCancelled: () => generation.current !== mine,
        onProgress: (progress) =>
          generation.current === mine &&
          setState({ status: progress.read < progress.total ? 'reading' : 'done', progress }),
      }),
    );
  };

  useEffect(() => {
    // Capture: the search box would otherwise take the paste and flatten its lines into one query.
    const onPaste = (event: ClipboardEvent) => {
      // A card open in the popup keeps the paste to itself (a copied command pasted back, say).
      if (apiRef.current.cardOpen) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (!text || !isTextToExplain(text, options.find ?? plainTextFinder)) return;
      event.preventDefault();
      start(text);
    };
    document.addEventListener('paste', onPaste, true);
    const idle = globalThis.requestIdleCallback ?? setTimeout;
    idle(() => void loadPlainTextFinder().catch(() => undefined));
    return () => document.removeEventListener('paste', onPaste, true);
  }, []);

  const clear = () => {
    generation.current++;
    setState(null);
    onActive(false);
  };

  if (!state) {
    return <p class="pl-note pl-hint">{t('pasteHint')}</p>;
  }
  const { progress } = state;
  const percent = progress.total > 0 ? Math.floor((progress.read / progress.total) * 100) : 100;
  const status =
    state.status === 'reading' ? t('pasteReading', percent) : progress.found.length === 0 ? t('pasteNone') : null;
  const truncatedNote = progress.truncated ? t('pasteTruncated', PASTE_MAX_CHARS / (1024 * 1024)) : null;
  const clearButton = (
    <button type="button" class="pl-button pl-clear" onClick={clear}>
      {t('pasteClear')}
    </button>
  );
  if (progress.found.length === 0 || !describe) {
    return (
      <div class="pl">
        <p class="pl-note" role="status">
          {status ?? t('loadingRegistry')} {truncatedNote}
        </p>
        {clearButton}
      </div>
    );
  }
  return (
    <PortList
      label={t('pasteListTitle')}
      found={progress.found}
      describe={describe}
      pageUrl={null}
      onPick={(row) => api.openPort(row.port, row.protocols.length === 1 ? row.protocols[0] : undefined)}
      pickHint={t('pickOpen')}
      copy={props.copy}
      now={props.now}
    >
      <p class="pl-note" role="status">
        {status} {truncatedNote}
      </p>
      {clearButton}
    </PortList>
  );
}
