// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { Popup, type PageContext, type PopupSource, type PopupStore } from '../ui/popup/Popup';
import { createSearchIndex, DEFAULT_LIMIT, search } from '../lib/search';
import { rangeClass } from '../lib/range-classes';
import { DEFAULT_SETTINGS, validateSettings, type Settings } from '../lib/settings';
import type { CommonUse, PortInfo, PortRecord, Protocol } from '../lib/types';
import { record as makeRecord } from './fixtures/port-info/make';
import { rangeInfo } from '../lib/range-info';
import { createLastSearchStore } from '../ext/last-search';
import { memoryStorage } from './helpers/memory-storage';

function record(port: number, protocol: Protocol, name: string, description: string, portEnd = port): PortRecord {
  return makeRecord({ port, portEnd, protocol, status: 'assigned', name, description, sources: [] });
}

const RECORDS = [
  record(3716, 'tcp', 'wv-csp-sms', 'WV CSP SMS Binding'),
  record(3717, 'tcp', 'wv-csp-udp-cir', 'WV CSP UDP/IP CIR Channel'),
  record(3717, 'udp', 'wv-csp-udp-cir', 'WV CSP UDP/IP CIR Channel'),
  record(6000, 'tcp', 'x11', 'X Window System', 6063),
  record(80, 'tcp', 'http', 'World Wide Web HTTP'),
  record(443, 'tcp', 'https', 'http protocol over TLS/SSL'),
  record(8080, 'tcp', 'http-alt', 'HTTP Alternate'),
];

const GRAFANA: CommonUse = {
  software: 'Grafana',
  kind: 'default',
  protocol: 'tcp',
  port: 3000,
  source: { title: 'Grafana docs', url: 'https://grafana.com/docs/', checked: '2026-11-01' },
};

function fakeSource(): PopupSource {
  const index = createSearchIndex(RECORDS, [GRAFANA]);
  return {
    search: (query, limit) => search(index, query, limit),
    info: async (port): Promise<PortInfo> => ({
      port,
      rangeClass: rangeClass(port),
      records: RECORDS.filter((r) => r.port <= port && port <= r.portEnd),
      commonUses: [],
      snapshots: [],
    }),
    rangeInfo: async (from, to) => rangeInfo(from, to, RECORDS, [GRAFANA]),
  };
}

/** Settings in memory; the last search through the real ext/last-search.ts over `kept` (localStorage's stand-in). */
function fakeStore(initial: Partial<Settings> = {}, lastQuery = '', kept = memoryStorage(), answeredBy = 'data-1 en') {
  let settings = validateSettings({ ...DEFAULT_SETTINGS, ...initial });
  const listeners = new Set<(s: Settings) => void>();
  const state = { saved: [] as Settings[] };
  const lastSearch = createLastSearchStore(kept, answeredBy);
  if (lastQuery) lastSearch.saveLastSearch(lastQuery, null);
  const store = {
    saved: state.saved,
    kept,
    load: vi.fn(async () => settings),
    save: vi.fn(async (next: Settings): Promise<Settings> => {
      settings = validateSettings(next);
      state.saved.push(settings);
      for (const l of listeners) l(settings);
      return settings;
    }),
    subscribe: (l: (s: Settings) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    lastSearch: () => lastSearch.lastSearch(),
    saveLastSearch: vi.fn(lastSearch.saveLastSearch),
  } satisfies PopupStore & Record<string, unknown>;
  return store;
}

const input = () => screen.getByRole('searchbox') as HTMLInputElement;
const options = () => screen.queryAllByRole('option');
const selected = () => options().find((o) => o.getAttribute('aria-selected') === 'true');

async function type(text: string) {
  await act(() => {
    fireEvent.input(input(), { target: { value: text } });
  });
}
async function key(name: string, target: Element = input()) {
  await act(() => {
    fireEvent.keyDown(target, { key: name });
  });
}

afterEach(cleanup);

describe('Popup search', () => {
  it('opens with the search box focused', async () => {
    render(<Popup source={fakeSource()} store={fakeStore()} />);
    await waitFor(() => expect(document.activeElement).toBe(input()));
    expect(input().type).toBe('search');
  });

  it('answers as you type, with a count and results in a listbox', async () => {
    render(<Popup source={fakeSource()} store={fakeStore()} />);
    await type('3717');
    expect(screen.getByRole('listbox')).toBeTruthy();
    expect(options()).toHaveLength(1);
    expect(options()[0].textContent).toContain('wv-csp-udp-cir');
    expect(screen.getByRole('status').textContent).toBe('1 match');
    await type('http');
    expect(screen.getByRole('status').textContent).toBe('3 matches');
    expect(options()[0].textContent).toMatch(/^80http/);
  });

  it('shows a range record for a name', async () => {
    render(<Popup source={fakeSource()} store={fakeStore()} />);
    await type('x11');
    expect(options()[0].textContent).toContain('6000\u20136063');
  });

  it('answers a range with a row for the whole range, both ends counted, that opens the range card', async () => {
    render(<Popup source={fakeSource()} store={fakeStore()} />);
    await type('3716-3720');
    const [span, ...ports] = options();
    expect(span.textContent).toMatch(/^3716–3720Range: 2 assigned, 3 unassigned/);
    expect(span.textContent).toContain(
      '5 ports (3716–3720, both ends included): 2 assigned, 3 unassigned · Enter opens the range card',
    );
    expect(span.textContent).not.toContain('\\u00b7');
    expect(ports.map((o) => o.textContent?.slice(0, 4))).toEqual(['3716', '3717']);
    await key('Enter');
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe('Ports 3716–3720');
    const registryPart = screen.getByRole('region', { name: 'IANA registry in this range' });
    expect(registryPart.textContent).toContain('wv-csp-sms');
    expect(registryPart.textContent).toContain('Unassigned (3): 3718–3720.');
  });

  it('finds software from curated data and marks it as not from IANA', async () => {
    render(<Popup source={fakeSource()} store={fakeStore()} />);
    await type('grafana');
    expect(options()[0].textContent).toMatch(/^3000Grafana/);
    expect(options()[0].textContent).toContain('Common use \u00b7 default port (curated, not IANA)');
  });

  it('names the software known to use a port under its IANA answer', async () => {
    render(<Popup source={fakeSource()} store={fakeStore()} />);
    await type('3000');
    expect(options()[0].textContent).toContain('Common use (curated): Grafana');
  });

  it('says "unassigned" with the range class for an empty number', async () => {
    render(<Popup source={fakeSource()} store={fakeStore()} />);
    await type('50000');
    expect(options()[0].textContent).toContain('Unassigned');
    expect(options()[0].textContent).toContain('Dynamic');
  });

  it('moves through results with the arrow keys, wrapping at the ends', async () => {
    render(<Popup source={fakeSource()} store={fakeStore()} />);
    await type('http');
    expect(selected()?.textContent).toContain('http');
    await key('ArrowDown');
    expect(selected()).toBe(options()[1]);
    expect(input().getAttribute('aria-activedescendant')).toBe(options()[1].id);
    await key('ArrowDown');
    await key('ArrowDown');
    expect(selected()).toBe(options()[0]);
    await key('ArrowUp');
    expect(selected()).toBe(options()[2]);
  });

  it('opens the selected result as the port card on Enter, and Esc goes back to the list', async () => {
    render(<Popup source={fakeSource()} store={fakeStore()} />);
    await type('http');
    await key('ArrowDown');
    await key('Enter');
    const heading = await screen.findByRole('heading', { level: 2 });
    expect(heading.textContent).toBe('Port 443');
    expect(screen.queryByRole('searchbox')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: /Back to results/ })));

    await key('Escape', heading);
    expect(input().value).toBe('http');
    expect(options()).toHaveLength(3);
    await waitFor(() => expect(document.activeElement).toBe(input()));
  });

  it('opens a result on click', async () => {
    render(<Popup source={fakeSource()} store={fakeStore()} />);
    await type('wv');
    await act(() => {
      fireEvent.click(options()[1]);
    });
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe('Port 3717');
  });

  it('opens the card when its data arrives, unless the reader has typed on meanwhile', async () => {
    const source = fakeSource();
    const arrivals: Array<() => void> = [];
    const slow: PopupSource = {
      search: source.search,
      info: (port) => new Promise((resolve) => arrivals.push(() => resolve(source.info(port)))),
      rangeInfo: (from, to) => new Promise((resolve) => arrivals.push(() => resolve(source.rangeInfo(from, to)))),
    };
    render(<Popup source={slow} store={fakeStore()} />);
    await type('3717');
    await key('Enter');
    await type('x11');
    await act(async () => arrivals.shift()!());
    expect(screen.queryByRole('heading', { level: 2 })).toBeNull();
    expect(options()[0].textContent).toContain('x11');

    await key('Enter');
    await act(async () => arrivals.shift()!());
    // x11 is the range 6000–6063: it opens as the range card.
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe('Ports 6000–6063');
  });

  it('says why a card could not open, and stays on the list', async () => {
    const source = fakeSource();
    const missing = () => Promise.reject(new Error('registry.json: HTTP 404'));
    render(<Popup source={{ search: source.search, info: missing, rangeInfo: missing }} store={fakeStore()} />);
    await type('3717');
    await key('Enter');
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Could not open the card: registry.json: HTTP 404'),
    );
    expect(options()[0].textContent).toContain('wv-csp-udp-cir');
  });

  it('clears the query on Esc, and closes the popup on Esc when already empty', async () => {
    const onClose = vi.fn();
    render(<Popup source={fakeSource()} store={fakeStore()} onClose={onClose} />);
    await type('x11');
    await key('Escape');
    expect(input().value).toBe('');
    expect(options()).toHaveLength(0);
    expect(onClose).not.toHaveBeenCalled();
    await key('Escape');
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('remembers the last query and starts from it next time', async () => {
    const store = fakeStore();
    render(<Popup source={fakeSource()} store={store} />);
    await type('x11');
    await waitFor(() => expect(store.saveLastSearch.mock.lastCall?.[0]).toBe('x11'));
    cleanup();
    render(<Popup source={fakeSource()} store={store} />);
    await waitFor(() => expect(input().value).toBe('x11'));
    expect(options()).toHaveLength(1);
  });

  /**
   * Types `query` in one popup (its answer kept under `before`), then opens the popup again with the index still
   * loading, its answer now named `after`; `resolve` hands it the index.
   */
  async function reopenWhileLoading(query: string, before = 'data-1 en', after = before) {
    const kept = memoryStorage();
    const first = fakeStore({}, '', kept, before);
    render(<Popup source={fakeSource()} store={first} />);
    await type(query);
    await waitFor(() => expect(first.saveLastSearch.mock.lastCall?.[1]?.total).toBeGreaterThan(0));
    cleanup();
    let resolve!: (source: PopupSource) => void;
    const pending = new Promise<PopupSource>((r) => (resolve = r));
    const store = fakeStore({}, '', kept, after);
    render(<Popup source={pending} store={store} />);
    return { store, resolve: () => act(async () => resolve(fakeSource())) };
  }

  it('shows the answer kept with the remembered query in its first frame, before the index is in', async () => {
    const reopened = await reopenWhileLoading('x11');
    // Synchronously, in the frame render() drew: no waiting for the index.
    expect(input().value).toBe('x11');
    expect(options().map((o) => o.textContent)).toEqual([expect.stringMatching(/^6000–6063x11/)]);
    expect(screen.getByRole('status').textContent).toBe('1 match');
    await reopened.resolve();
    expect(options()).toHaveLength(1);
    expect(options()[0].textContent).toMatch(/^6000–6063x11/);
  });

  it('opens a kept row pressed before the index is in, once it arrives', async () => {
    const reopened = await reopenWhileLoading('3717');
    await key('Enter');
    expect(screen.queryByRole('button', { name: /back/i })).toBeNull();
    await reopened.resolve();
    await waitFor(() => expect(screen.getByRole('button', { name: /back/i })).toBeTruthy());
  });

  it('does not show an answer kept from other data; it answers from the index instead', async () => {
    const reopened = await reopenWhileLoading('3717', 'old-data en', 'new-data en');
    expect(input().value).toBe('3717');
    expect(options()).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toMatch(/Loading/);
    await reopened.resolve();
    expect(options()[0].textContent).toContain('wv-csp-udp-cir');
    // The new data's answer is kept now, under the new data's name.
    expect(reopened.store.lastSearch().answer?.results[0]?.name).toBe('wv-csp-udp-cir');
  });

  it('after an update, draws the answer the background kept from the new data before the index is in', async () => {
    const reopened = await reopenWhileLoading('3717', 'old-data en', 'new-data en');
    const fromNewData = { ...fakeSource().search('3717', DEFAULT_LIMIT), notice: 'from the new data' };
    const asked = vi.fn(async (query: string) => (query === '3717' ? fromNewData : null));
    cleanup();
    let resolve!: (source: PopupSource) => void;
    render(
      <Popup
        source={new Promise<PopupSource>((r) => (resolve = r))}
        store={{ ...reopened.store, answerKeptFor: asked }}
      />,
    );
    expect(options()).toHaveLength(0); // the old data's answer is not drawn, not even in the first frame
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('from the new data'));
    expect(asked).toHaveBeenCalledWith('3717');
    expect(options()[0].textContent).toContain('wv-csp-udp-cir');
    await act(async () => resolve(fakeSource()));
    expect(screen.getByRole('status').textContent).not.toBe('from the new data'); // the live answer took over
  });

  it('starts from the port selected on the page rather than the remembered query', async () => {
    const page: Promise<PageContext> = Promise.resolve({ site: 'example.com', query: '3716' });
    render(<Popup source={fakeSource()} store={fakeStore({}, 'x11')} page={page} />);
    await waitFor(() => expect(input().value).toBe('3716'));
    expect(options()[0].textContent).toContain('wv-csp-sms');
  });

  it('shows loading until the registry arrives, then answers what was typed meanwhile', async () => {
    let resolve!: (source: PopupSource) => void;
    const pending = new Promise<PopupSource>((r) => (resolve = r));
    render(<Popup source={pending} store={fakeStore()} />);
    expect(screen.getByRole('status').textContent).toMatch(/Loading/);
    await type('3717');
    await act(async () => resolve(fakeSource()));
    expect(options()[0].textContent).toContain('wv-csp-udp-cir');
  });

  it('says why the registry could not load', async () => {
    render(<Popup source={Promise.reject(new Error('registry.json: HTTP 404'))} store={fakeStore()} />);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('HTTP 404'));
  });
});

describe('Popup site controls', () => {
  const page = (site: string | null): PageContext => ({ site, query: null });
  const siteSwitch = () => screen.getByRole('switch', { name: /this site/ }) as HTMLInputElement;
  const globalSwitch = () => screen.getByRole('switch', { name: /all sites/ }) as HTMLInputElement;

  it('turns Portolan off and on again for the current site', async () => {
    const store = fakeStore();
    render(<Popup source={fakeSource()} store={store} page={page('docs.example.com')} />);
    await waitFor(() => expect(siteSwitch().checked).toBe(true));
    await act(() => {
      fireEvent.click(siteSwitch());
    });
    await waitFor(() => expect(store.saved.at(-1)?.disabledSites).toEqual(['docs.example.com']));
    expect(siteSwitch().checked).toBe(false);
    await act(() => {
      fireEvent.click(siteSwitch());
    });
    await waitFor(() => expect(store.saved.at(-1)?.disabledSites).toEqual([]));
  });

  it('shows when a parent domain entry is what turns the site off', async () => {
    render(
      <Popup
        source={fakeSource()}
        store={fakeStore({ disabledSites: ['example.com'] })}
        page={page('docs.example.com')}
      />,
    );
    await waitFor(() => expect(siteSwitch().checked).toBe(false));
    expect(siteSwitch().closest('label')!.textContent).toContain('off for all of example.com');
  });

  it('has a global switch, and the site switch waits on it', async () => {
    const store = fakeStore();
    render(<Popup source={fakeSource()} store={store} page={page('example.com')} />);
    await waitFor(() => expect(globalSwitch().checked).toBe(true));
    await act(() => {
      fireEvent.click(globalSwitch());
    });
    await waitFor(() => expect(store.saved.at(-1)?.enabled).toBe(false));
    expect(siteSwitch().disabled).toBe(true);
  });

  it('says nothing about the site until the page has answered', async () => {
    let answer!: (context: PageContext) => void;
    render(<Popup source={fakeSource()} store={fakeStore()} page={new Promise<PageContext>((r) => (answer = r))} />);
    await waitFor(() => expect(siteSwitch().disabled).toBe(true));
    expect(siteSwitch().closest('label')!.textContent).toBe('Portolan on this site');
    await act(async () => answer({ site: 'example.com', query: null }));
    expect(siteSwitch().disabled).toBe(false);
    expect(siteSwitch().closest('label')!.textContent).toContain('(example.com)');
  });

  it('cannot switch a page without a hostname', async () => {
    render(<Popup source={fakeSource()} store={fakeStore()} page={page(null)} />);
    await waitFor(() => expect(siteSwitch().disabled).toBe(true));
  });

  it('follows settings changed elsewhere (the options page)', async () => {
    const store = fakeStore();
    render(<Popup source={fakeSource()} store={store} page={page('example.com')} />);
    await waitFor(() => expect(siteSwitch().checked).toBe(true));
    await act(async () => {
      await store.save({ ...DEFAULT_SETTINGS, disabledSites: ['example.com'] });
    });
    expect(siteSwitch().checked).toBe(false);
  });

  it('links to the options page', async () => {
    const onOpenOptions = vi.fn();
    render(<Popup source={fakeSource()} store={fakeStore()} onOpenOptions={onOpenOptions} />);
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    });
    expect(onOpenOptions).toHaveBeenCalledOnce();
  });
});
