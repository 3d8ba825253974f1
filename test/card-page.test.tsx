// @vitest-environment happy-dom
// The omnibox's card page: which query gets a card, which a list, and what the links lead to.
import { rangeInfo } from '../lib/range-info';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { CardPage } from '../ui/card-page/CardPage';
import type { PopupSource } from '../ui/popup/Popup';
import { createSearchIndex, search } from '../lib/search';
import { rangeClass } from '../lib/range-classes';
import type { PortInfo, PortRecord } from '../lib/types';
import { record } from './fixtures/port-info/make';

const RECORDS: PortRecord[] = [
  record({ port: 5432, protocol: 'tcp', name: 'postgresql', description: 'PostgreSQL Database' }),
  record({ port: 5433, protocol: 'tcp', name: 'postgres-alt', description: 'A second PostgreSQL' }),
  record({ port: 6000, portEnd: 6063, protocol: 'tcp', name: 'x11', description: 'X Window System' }),
  record({ port: 6001, protocol: 'udp', name: 'x11-udp', description: 'X <over> UDP & more' }),
];

function fakeSource(asked: number[] = []): PopupSource {
  const index = createSearchIndex(RECORDS);
  return {
    search: (q, limit) => search(index, q, limit),
    rangeInfo: async (from, to) => rangeInfo(from, to, RECORDS, []),
    info: async (port): Promise<PortInfo> => {
      asked.push(port);
      return {
        port,
        rangeClass: rangeClass(port),
        records: RECORDS.filter((r) => r.port <= port && port <= r.portEnd),
        commonUses: [],
        snapshots: [],
      };
    },
  };
}

afterEach(cleanup);

describe('card page', () => {
  it('shows the card for a port (with a protocol too), and titles the tab', async () => {
    const asked: number[] = [];
    render(<CardPage query="5432/tcp" source={fakeSource(asked)} />);
    expect((await screen.findByRole('heading', { level: 2, name: 'Port 5432' })).textContent).toBe('Port 5432');
    expect(asked).toEqual([5432]);
    expect(document.title).toBe('Port 5432 — Portolan');
    expect(screen.queryByRole('region', { name: 'Results' })).toBeNull();
  });

  it("lists a range record's name as results, and opens the best name match as a card with the others as links", async () => {
    render(<CardPage query="x11" source={fakeSource()} />);
    // x11 is a range record: no single-port card, the results are listed instead.
    await waitFor(() => expect(screen.getByRole('region', { name: /Results for “x11”/ })).toBeTruthy());
    const links = screen.getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/card.html?q=6000', '/card.html?q=6001%2Fudp']);
    cleanup();
    render(<CardPage query="postgres" source={fakeSource()} />);
    expect((await screen.findByRole('heading', { level: 2, name: 'Port 5432' })).textContent).toBe('Port 5432');
    const others = screen.getByRole('region', { name: /Other matches/ });
    expect([...others.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['/card.html?q=5433%2Ftcp']);
  });

  it('lists a range like the popup, registry text as text', async () => {
    render(<CardPage query="6000-6063" source={fakeSource()} />);
    const results = await screen.findByRole('region', { name: /Results for “6000-6063”/ });
    expect(results.textContent).toContain('X <over> UDP & more');
    expect(results.querySelector('over')).toBeNull();
    expect(screen.queryByRole('heading', { level: 2, name: /^Port / })).toBeNull();
  });

  it('says a range row’s counts once, named as a range', async () => {
    render(<CardPage query="6000-6063" source={fakeSource()} />);
    await screen.findByRole('region', { name: /Results for “6000-6063”/ });
    const row = document.querySelector('.cp-row')!;
    expect(row.querySelector('.cp-port')?.textContent).toBe('6000–6063');
    expect(row.querySelector('.cp-name')?.textContent).toBe('Range');
    const counts = /64 ports \(6000–6063, both ends included\): \d+ assigned/g;
    expect(row.textContent?.match(counts)).toHaveLength(1);
  });

  it('says what to do without a query, when nothing matches, and when the registry fails', async () => {
    render(<CardPage query="" source={fakeSource()} />);
    expect(screen.getByText(/Type “port” and a space in the address bar/)).toBeTruthy();
    cleanup();
    render(<CardPage query="zzzzqqq" source={fakeSource()} />);
    expect(await screen.findByText('No matches for “zzzzqqq”.')).toBeTruthy();
    cleanup();
    render(<CardPage query="5432" source={Promise.reject(new Error('search-index.json: HTTP 404'))} />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not load the registry: search-index.json: HTTP 404',
    );
  });
});
