// @vitest-environment happy-dom
// Paste to explain and the page list, inside the real Popup with fake registry, store and page.
import { rangeInfo } from '../lib/range-info';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { Popup, type PopupSource, type PopupStore } from '../ui/popup/Popup';
import { PopupExtras, ROW_LIMIT, type PagePortsSource } from '../ui/popup/PortList';
import { isTextToExplain, loadPlainTextFinder, type PasteOptions } from '../ui/popup/PastePanel';
import { createSearchIndex, search } from '../lib/search';
import { rangeClass } from '../lib/range-classes';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { PASTE_SLICE_CHARS } from '../lib/paste-scan';
import { findInPlainText } from '../lib/detect';
import type { CommonUse, PortInfo, PortRecord } from '../lib/types';
import { record } from './fixtures/port-info/make';

const RECORDS: PortRecord[] = [
  record({ port: 22, protocol: 'tcp', name: 'ssh', description: 'The Secure Shell (SSH) Protocol' }),
  record({ port: 53, protocol: 'udp', name: 'domain', description: 'Domain Name Server' }),
  record({ port: 443, protocol: 'tcp', name: 'https', description: 'http protocol over TLS/SSL' }),
  record({ port: 5432, protocol: 'tcp', name: 'postgresql', description: 'PostgreSQL Database' }),
];
const POSTGRES: CommonUse = {
  software: 'PostgreSQL',
  kind: 'default',
  port: 5432,
  source: { title: 'PostgreSQL docs', url: 'https://www.postgresql.org/docs/', checked: '2026-11-01' },
};

function fakeSource(): PopupSource {
  const index = createSearchIndex(RECORDS, [POSTGRES]);
  return {
    search: (query, limit) => search(index, query, limit),
    rangeInfo: async (from, to) => rangeInfo(from, to, RECORDS, [POSTGRES]),
    info: async (port): Promise<PortInfo> => ({
      port,
      rangeClass: rangeClass(port),
      records: RECORDS.filter((r) => r.port === port),
      commonUses: [],
      snapshots: [],
    }),
  };
}

function fakeStore(): PopupStore {
  return {
    load: async () => DEFAULT_SETTINGS,
    save: async (s) => s,
    subscribe: () => () => undefined,
    lastSearch: () => ({ query: '', answer: null }),
    saveLastSearch: () => undefined,
  };
}

const SS = [
  'State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process',
  'LISTEN 0      128          0.0.0.0:22         0.0.0.0:*     users:(("sshd",pid=812,fd=3))',
  'LISTEN 0      244        127.0.0.1:5432       0.0.0.0:*     users:(("postgres",pid=977,fd=6))',
  'LISTEN 0      128             [::]:22            [::]:*     users:(("sshd",pid=812,fd=4))',
].join('\n');

/** A paste event as the browser fires it; returns whether the popup took it (prevented the default). */
async function paste(text: string, target: Element = screen.getByRole('searchbox')): Promise<boolean> {
  const event = new Event('paste', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'clipboardData', {
    value: { getData: (type: string) => (type === 'text/plain' ? text : '') },
  });
  await act(async () => {
    target.dispatchEvent(event);
  });
  return event.defaultPrevented;
}

function renderPopup(
  extras: { page?: PagePortsSource; paste?: PasteOptions; copy?: (t: string) => Promise<boolean> } = {},
) {
  return render(
    <Popup
      source={fakeSource()}
      store={fakeStore()}
      extras={(api) => <PopupExtras api={api} now={() => new Date('2026-12-02T16:05:09Z')} {...extras} />}
    />,
  );
}

const section = (name: string) => screen.getByRole('region', { name, hidden: true });
const rowsOf = (name: string) => [...section(name).querySelectorAll('.pl-row')] as HTMLElement[];

afterEach(cleanup);

describe('paste to explain', () => {
  it('lists every port of pasted ss output with its software or IANA name and mentions, search box untouched', async () => {
    renderPopup();
    expect(await paste(SS)).toBe(true);
    await waitFor(() => expect(rowsOf('In the pasted text')).toHaveLength(2));
    const [ssh, postgres] = rowsOf('In the pasted text');
    expect(ssh.querySelector('.pl-port')!.textContent).toBe('22');
    expect(ssh.querySelector('.pl-name')!.textContent).toBe('ssh');
    expect(ssh.querySelector('.pl-count')!.textContent).toBe('×2');
    expect(postgres.querySelector('.pl-name')!.textContent).toBe('PostgreSQL');
    expect(postgres.textContent).toContain('IANA: postgresql');
    // Curated software is told apart from IANA's name, on the row and in the list's note.
    expect(postgres.querySelector('.pl-name')!.classList.contains('pl-software')).toBe(true);
    expect(ssh.querySelector('.pl-name')!.classList.contains('pl-software')).toBe(false);
    expect(section('In the pasted text').textContent).toContain('curated from vendors’ documentation, not IANA’s');
    expect(postgres.querySelector('.pl-excerpt')!.textContent).toContain('127.0.0.1:5432');
    expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('');
    expect(section('In the pasted text').querySelector('.pl-summary')!.textContent).toBe('Ports: 2 · mentions: 3');
  });

  it('leaves a query-like paste to the search box', async () => {
    renderPopup();
    await loadPlainTextFinder();
    expect(await paste('port 5432')).toBe(false);
    expect(await paste('x11')).toBe(false);
    expect(screen.queryByRole('region', { name: 'In the pasted text' })).toBeNull();
    // One line the search cannot read but the detector can is explained, once the detector is in.
    expect(await paste('0.0.0.0:5432')).toBe(true);
    await waitFor(() => expect(rowsOf('In the pasted text')).toHaveLength(1));
  });

  it('decides on several lines at once, and on one line only with the detector loaded', () => {
    expect(isTextToExplain('22/tcp open ssh\n443/tcp open https', null)).toBe(true);
    expect(isTextToExplain('0.0.0.0:5432', null)).toBe(false);
    expect(isTextToExplain('0.0.0.0:5432', findInPlainText)).toBe(true);
    expect(isTextToExplain('port 5432', findInPlainText)).toBe(false);
  });

  // Opening a card reads the registry's data files; on a loaded machine that took 1.5 s, past findBy's 1 s default.
  const CARD_WAIT = { timeout: 5000 };

  it('opens a row as the popup card, and Back returns to the same list', async () => {
    renderPopup();
    await paste(SS);
    await waitFor(() => expect(rowsOf('In the pasted text')).toHaveLength(2));
    await act(() => {
      fireEvent.click(rowsOf('In the pasted text')[1]);
    });
    expect((await screen.findByRole('heading', { level: 2, name: 'Port 5432' }, CARD_WAIT)).textContent).toBe(
      'Port 5432',
    );
    expect(section('In the pasted text').closest('[hidden]')).not.toBeNull();
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: /Back to results/ }));
    });
    expect(rowsOf('In the pasted text')).toHaveLength(2);
    expect(section('In the pasted text').closest('[hidden]')).toBeNull();
  });

  it('leaves a paste alone while a card is open', async () => {
    renderPopup();
    await paste(SS);
    await waitFor(() => expect(rowsOf('In the pasted text')).toHaveLength(2));
    await act(() => {
      fireEvent.click(rowsOf('In the pasted text')[0]);
    });
    await screen.findByRole('heading', { level: 2, name: 'Port 22' }, CARD_WAIT);
    expect(await paste('port 1\nport 2\nport 3', document.body)).toBe(false);
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: /Back to results/ }));
    });
    expect(rowsOf('In the pasted text')).toHaveLength(2);
  });

  it('steps aside while the reader types a search, and Clear forgets the paste', async () => {
    renderPopup();
    await paste(SS);
    await waitFor(() => expect(rowsOf('In the pasted text')).toHaveLength(2));
    await act(() => {
      fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'ssh' } });
    });
    expect(section('In the pasted text').closest('[hidden]')).not.toBeNull();
    await act(() => {
      fireEvent.input(screen.getByRole('searchbox'), { target: { value: '' } });
    });
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    });
    expect(screen.queryByRole('region', { name: 'In the pasted text' })).toBeNull();
  });

  it('renders markup, control and bidi-override characters from the paste as visible text', async () => {
    renderPopup();
    await paste(
      '<img src=x onerror="globalThis.pwned=1"> listen 0.0.0.0:8443 \u202Egnp.exe\u0007 <b>bold</b>\nport 22',
    );
    await waitFor(() => expect(rowsOf('In the pasted text')).toHaveLength(2));
    const excerpt = rowsOf('In the pasted text')[1].querySelector('.pl-excerpt')!;
    expect(excerpt.textContent).toContain('<img src=x');
    expect(excerpt.textContent).toContain('\u27e8U+202E\u27e9gnp.exe\u2407');
    expect(excerpt.textContent).not.toMatch(/[\u202a-\u202e\u0007]/);
    expect(document.querySelector('img, b')).toBeNull();
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('reads a 1 MB paste in slices, giving the UI a turn between them, and counts every mention', async () => {
    const lines: string[] = [];
    for (let i = 0, length = 0; length < 1_000_000; i++) {
      lines.push(`tcp LISTEN 0 128 10.0.${i % 250}.1:${20000 + (i % 700)} 0.0.0.0:* pid=${i}`);
      length += lines[i].length + 1;
    }
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(1_000_000);
    const sliceSizes: number[] = [];
    const find = (slice: string, before: string) => {
      sliceSizes.push(slice.length);
      return findInPlainText(slice, before);
    };
    const turns: Array<() => void> = [];
    const pause = () => new Promise<void>((resolve) => turns.push(resolve));
    renderPopup({ paste: { find, pause } });
    await paste(text);
    // The paste event itself reads nothing: it says "Reading…" and gives the browser its turn.
    expect(sliceSizes).toHaveLength(0);
    expect(screen.getByText('Reading the pasted text… 0%')).toBeTruthy();
    // One slice per turn; after the first, the first rows are drawn.
    await act(async () => turns.shift()!());
    expect(sliceSizes).toHaveLength(1);
    expect(screen.getByText(/Reading the pasted text… [1-9]\d*%/)).toBeTruthy();
    expect(rowsOf('In the pasted text').length).toBeGreaterThan(0);
    while (turns.length > 0) await act(async () => turns.shift()!());
    expect(sliceSizes.length).toBeGreaterThanOrEqual(1_000_000 / PASTE_SLICE_CHARS);
    expect(Math.max(...sliceSizes)).toBeLessThanOrEqual(PASTE_SLICE_CHARS);
    expect(sliceSizes.reduce((a, b) => a + b, 0)).toBe(text.length);
    expect(screen.queryByText(/Reading the pasted text/)).toBeNull();
    expect(section('In the pasted text').querySelector('.pl-summary')!.textContent).toBe(
      `Ports: 700 · mentions: ${lines.length.toLocaleString()}`,
    );
    // Only the first rows are drawn; the rest wait in the export.
    expect(rowsOf('In the pasted text')).toHaveLength(ROW_LIMIT);
    expect(screen.getByText(`${700 - ROW_LIMIT} more in the export`)).toBeTruthy();
  });

  it('a newer paste replaces one still being read', async () => {
    const turns: Array<() => void> = [];
    const pause = () => new Promise<void>((resolve) => turns.push(resolve));
    renderPopup({ paste: { pause, sliceChars: 40 } });
    await paste('port 1111\nport 2222\nport 3333\nport 4444\nport 5555\nport 6666\n');
    await paste('port 22\nport 53/udp');
    while (turns.length > 0) await act(async () => turns.shift()!());
    await waitFor(() =>
      expect(rowsOf('In the pasted text').map((r) => r.querySelector('.pl-port')!.textContent)).toEqual(['22', '53']),
    );
  });

  it('copies the list as CSV, Markdown and JSON, with every row, and says so', async () => {
    const copied: string[] = [];
    renderPopup({ copy: async (text) => (copied.push(text), true) });
    await paste(`${SS}\nudp UNCONN 0 0 0.0.0.0:53/udp`);
    await waitFor(() => expect(rowsOf('In the pasted text')).toHaveLength(3));
    for (const name of ['CSV', 'Markdown', 'JSON']) {
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name }));
      });
    }
    expect(copied[0].split('\r\n').slice(0, 3)).toEqual([
      'port,protocol,iana_service,likely_software,mentions,page_url,date',
      '22,,ssh,,2,,2026-12-02T16:05:09Z',
      '53,udp,domain,,1,,2026-12-02T16:05:09Z',
    ]);
    expect(copied[1]).toContain('| 5432 |  | postgresql | PostgreSQL | 1 |');
    expect(JSON.parse(copied[2]).ports).toHaveLength(3);
    expect(section('In the pasted text').querySelector('.pl-said')!.textContent).toBe('Copied as JSON');
  });
});

describe('ports on this page', () => {
  function fakePage(
    answers: Array<{ done: boolean; frames: Array<{ frameId: number; ports: { port: number; count: number }[] }> }>,
  ) {
    const reveals: string[] = [];
    let asked = 0;
    const source: PagePortsSource = {
      load: vi.fn(async () => {
        const answer = answers[Math.min(asked++, answers.length - 1)];
        return { url: 'https://example.com/runbook', inventory: { frames: answer.frames, done: answer.done } };
      }),
      reveal: async (frameId, port, index) => {
        reveals.push(`${frameId}:${port}#${index}`);
      },
    };
    return { source, reveals, asked: () => asked };
  }

  it('merges every frame into one list, and each click reveals the next mention, frame by frame', async () => {
    const page = fakePage([
      {
        done: true,
        frames: [
          {
            frameId: 0,
            ports: [
              { port: 22, count: 1 },
              { port: 443, count: 2 },
            ],
          },
          { frameId: 5, ports: [{ port: 22, count: 1 }] },
        ],
      },
    ]);
    renderPopup({ page: page.source });
    await waitFor(() => expect(rowsOf('On this page')).toHaveLength(2));
    const [ssh] = rowsOf('On this page');
    expect(ssh.querySelector('.pl-count')!.textContent).toBe('×2');
    for (let i = 0; i < 3; i++) {
      await act(async () => {
        fireEvent.click(rowsOf('On this page')[0]);
      });
    }
    expect(page.reveals).toEqual(['0:22#0', '5:22#0', '0:22#0']);
  });

  it('asks again while a frame is still scanning, and stops once all are done', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const page = fakePage([
        { done: false, frames: [{ frameId: 0, ports: [{ port: 22, count: 1 }] }] },
        {
          done: true,
          frames: [
            {
              frameId: 0,
              ports: [
                { port: 22, count: 1 },
                { port: 5432, count: 3 },
              ],
            },
          ],
        },
      ]);
      renderPopup({ page: page.source });
      await waitFor(() => expect(rowsOf('On this page')).toHaveLength(1));
      expect(screen.getByText(/Still reading this page/)).toBeTruthy();
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1000);
      });
      await waitFor(() => expect(rowsOf('On this page')).toHaveLength(2));
      await act(async () => {
        await vi.advanceTimersByTimeAsync(5000);
      });
      expect(page.asked()).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('exports with the page URL, and gives way to a paste', async () => {
    const copied: string[] = [];
    const page = fakePage([{ done: true, frames: [{ frameId: 0, ports: [{ port: 5432, count: 2 }] }] }]);
    renderPopup({ page: page.source, copy: async (text) => (copied.push(text), true) });
    await waitFor(() => expect(rowsOf('On this page')).toHaveLength(1));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    });
    expect(copied[0].split('\r\n')[1]).toBe(
      '5432,,postgresql,PostgreSQL,2,https://example.com/runbook,2026-12-02T16:05:09Z',
    );
    await paste(SS);
    await waitFor(() => expect(rowsOf('In the pasted text')).toHaveLength(2));
    expect(section('On this page').closest('[hidden]')).not.toBeNull();
  });
});
