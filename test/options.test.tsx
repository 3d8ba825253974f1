// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { Options } from '../ui/options/Options';
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
        return Object.fromEntries(([] as string[]).concat(key).filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
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

async function setup(initial?: Partial<Settings>) {
  const memory = memoryStorage(initial);
  const store = createSettingsStore(memory.storage);
  render(<Options store={store} />);
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
      await createSettingsStore(storage).save({ ...DEFAULT_SETTINGS, enabled: false, disabledSites: ['news.example.org'] });
    });
    await waitFor(() => expect(markSwitch.checked).toBe(false));
    expect(screen.getByRole('list', { name: 'Excluded sites' }).textContent).toContain('news.example.org');
  });
});
