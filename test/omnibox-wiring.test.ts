// ext/omnibox.ts against a fake browser: what the reader sees while typing, and where Enter goes.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { startOmnibox } from '../ext/omnibox';
import { createSearchIndex, search } from '../lib/search';
import { record } from './fixtures/port-info/make';

const index = createSearchIndex([
  record({ port: 5432, protocol: 'tcp', name: 'postgresql', description: 'PostgreSQL Database' }),
]);

function fakeBrowser() {
  const calls: string[] = [];
  let changed: (text: string, suggest: (s: { content: string; description: string }[]) => void) => void = () =>
    undefined;
  let entered: (text: string, disposition: string) => void = () => undefined;
  const browser = {
    runtime: { getURL: (path: string) => `chrome-extension://id${path}` },
    omnibox: {
      setDefaultSuggestion: ({ description }: { description: string }) => calls.push(`default ${description}`),
      onInputChanged: { addListener: (f: typeof changed) => (changed = f) },
      onInputEntered: { addListener: (f: typeof entered) => (entered = f) },
    },
    tabs: {
      update: async (props: { url: string }) => calls.push(`update ${props.url}`),
      create: async (props: { url: string; active: boolean }) =>
        calls.push(`create ${props.url} active=${props.active}`),
    },
  };
  return {
    browser: browser as unknown as Browser,
    calls,
    type: (t: string, s: Parameters<typeof changed>[1]) => changed(t, s),
    enter: (t: string, d: string) => entered(t, d),
  };
}

describe('omnibox wiring', () => {
  it('suggests from the search as the reader types, once the index has loaded', async () => {
    const fake = fakeBrowser();
    startOmnibox(fake.browser, async () => ({ search: (q, l) => search(index, q, l) }), 'xml');
    const suggested: string[] = [];
    fake.type('5432', (list) => suggested.push(...list.map((s) => s.content)));
    await new Promise((r) => setTimeout(r, 0));
    expect(suggested).toEqual(['5432']);
    expect(fake.calls.at(-1)).toBe('default Portolan: <match>5432</match><dim> — 1 match, Enter opens the card</dim>');
  });

  it('drops an answer the reader has typed past', async () => {
    const fake = fakeBrowser();
    let release: () => void = () => undefined;
    const loaded = new Promise<void>((r) => (release = r));
    startOmnibox(fake.browser, async () => (await loaded, { search: (q, l) => search(index, q, l) }), 'text');
    const suggested: string[][] = [];
    fake.type('54', (list) => suggested.push(list.map((s) => s.content)));
    fake.type('5432', (list) => suggested.push(list.map((s) => s.content)));
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(suggested).toEqual([['5432']]);
  });

  it('opens the card page in the tab the disposition names', () => {
    const fake = fakeBrowser();
    startOmnibox(fake.browser, async () => ({ search: (q, l) => search(index, q, l) }), 'xml');
    fake.enter('5432', 'currentTab');
    fake.enter('postgres sql', 'newForegroundTab');
    fake.enter('6000-6063', 'newBackgroundTab');
    expect(fake.calls.slice(1)).toEqual([
      'update chrome-extension://id/card.html?q=5432',
      'create chrome-extension://id/card.html?q=postgres%20sql active=true',
      'create chrome-extension://id/card.html?q=6000-6063 active=false',
    ]);
  });
});
