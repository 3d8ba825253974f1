import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  HOVER_DELAY_MAX_MS,
  MAX_DISABLED_SITES,
  defaultSettings,
  disablingEntries,
  isEnabledFor,
  mergeSettings,
  normalizeSite,
  setSiteEnabled,
  SETTINGS_KEY,
  validateSettings,
  type Settings,
} from '../lib/settings';
import { createSettingsStore, type StorageLike } from '../ext/settings-store';

describe('validateSettings', () => {
  it('gives defaults for nothing or for something that is not an object', () => {
    for (const raw of [undefined, null, 42, 'dark', [], [1, 2]]) {
      expect(validateSettings(raw)).toEqual(DEFAULT_SETTINGS);
    }
  });

  it('keeps every valid field', () => {
    const stored: Settings = {
      enabled: false,
      siteMode: 'only-listed',
      disabledSites: ['example.com'],
      enabledSites: ['docs.example.org'],
      hoverDelayMs: 600,
      underline: 'none-until-hover',
      commandOs: 'windows',
      theme: 'dark',
    };
    expect(validateSettings(stored)).toEqual(stored);
  });

  it('replaces only the fields that are wrong', () => {
    expect(
      validateSettings({ enabled: 'yes', theme: 'sepia', underline: 'solid', commandOs: 7, hoverDelayMs: '300' }),
    ).toEqual({ ...DEFAULT_SETTINGS, underline: 'solid' });
  });

  it('clamps and rounds the hover delay', () => {
    expect(validateSettings({ hoverDelayMs: -5 }).hoverDelayMs).toBe(0);
    expect(validateSettings({ hoverDelayMs: 1e9 }).hoverDelayMs).toBe(HOVER_DELAY_MAX_MS);
    expect(validateSettings({ hoverDelayMs: 333.6 }).hoverDelayMs).toBe(334);
    expect(validateSettings({ hoverDelayMs: Number.NaN }).hoverDelayMs).toBe(DEFAULT_SETTINGS.hoverDelayMs);
  });

  it('cleans the excluded-sites list: normalizes, drops junk and duplicates, caps its length', () => {
    expect(
      validateSettings({ disabledSites: ['Example.COM', 'https://www.example.com/x', 3, '', 'not a host', 'a.org'] })
        .disabledSites,
    ).toEqual(['example.com', 'a.org']);
    const many = Array.from({ length: MAX_DISABLED_SITES + 50 }, (_, i) => `site${i}.test`);
    expect(validateSettings({ disabledSites: many }).disabledSites).toHaveLength(MAX_DISABLED_SITES);
  });

  it('ignores unknown stored fields', () => {
    expect(validateSettings({ savedAt: 5, extra: true })).toEqual(DEFAULT_SETTINGS);
  });

  it('merges a patch and validates the result', () => {
    const merged = mergeSettings(defaultSettings(), { theme: 'light', hoverDelayMs: 99_999 });
    expect(merged).toEqual({ ...DEFAULT_SETTINGS, theme: 'light', hoverDelayMs: HOVER_DELAY_MAX_MS });
  });

  it('does not share the defaults list between callers', () => {
    const a = defaultSettings();
    a.disabledSites.push('x.test');
    expect(defaultSettings().disabledSites).toEqual([]);
  });
});

describe('normalizeSite', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  EXAMPLE.com. ', 'example.com'],
    ['www.example.com', 'example.com'],
    ['*.example.com', 'example.com'],
    ['.example.com', 'example.com'],
    ['https://docs.example.com:8443/path?q=1', 'docs.example.com'],
    ['example.com/path', 'example.com'],
    ['localhost:3000', 'localhost'],
    ['192.168.1.10', '192.168.1.10'],
    ['http://[::1]:8080/', '[::1]'],
    ['[::1]:8080', '[::1]'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
    ['https://user@example.com/', 'example.com'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeSite(input)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    'not a host',
    'file:///home/me/x.html',
    'a..b',
    '-bad.com',
    'exa mple.com',
    // Browser and extension pages: before, chrome://extensions was stored as the site "extensions".
    'chrome://extensions',
    'chrome://settings/',
    'about:addons',
    'about:blank',
    'moz-extension://3f5b2c1e-8d4a-4e7b-9c60-5a1d2e3f4b70/popup.html',
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop/options.html',
    'javascript:alert(1)',
  ])('%j → null', (input) => {
    expect(normalizeSite(input)).toBeNull();
  });
});

describe('isEnabledFor', () => {
  const settings = validateSettings({ disabledSites: ['example.com', 'intranet.corp'] });

  it('is off on an excluded site, its www and its subdomains, by URL or hostname', () => {
    for (const where of ['example.com', 'https://www.example.com/a', 'https://docs.example.com/', 'DOCS.EXAMPLE.COM']) {
      expect(isEnabledFor(where, settings)).toBe(false);
    }
  });

  it('is on elsewhere, including sites whose names merely end the same way', () => {
    for (const where of ['https://notexample.com/', 'https://example.com.evil.test/', 'corp', 'https://github.com/']) {
      expect(isEnabledFor(where, settings)).toBe(true);
    }
  });

  it('is on for pages without a hostname (local files) unless off globally', () => {
    expect(isEnabledFor('file:///docs/ports.html', settings)).toBe(true);
    expect(isEnabledFor('file:///docs/ports.html', { ...settings, enabled: false })).toBe(false);
  });

  it('is off everywhere when switched off globally', () => {
    expect(isEnabledFor('https://github.com/', { ...settings, enabled: false })).toBe(false);
  });
});

describe('only on listed sites', () => {
  const settings = validateSettings({
    siteMode: 'only-listed',
    enabledSites: ['example.com'],
    disabledSites: ['private.example.com'],
  });

  it('marks a listed site and its subdomains, and nothing else', () => {
    expect(isEnabledFor('https://docs.example.com/', settings)).toBe(true);
    expect(isEnabledFor('https://github.com/', settings)).toBe(false);
    expect(isEnabledFor('file:///docs/ports.html', settings)).toBe(false);
  });

  it('lets an excluded site win over a listed parent', () => {
    expect(isEnabledFor('https://private.example.com/x', settings)).toBe(false);
  });

  it('lists a site the popup switches on, and excludes one it switches off', () => {
    const on = setSiteEnabled(settings, 'https://github.com/', true);
    expect(on.enabledSites).toEqual(['example.com', 'github.com']);
    expect(isEnabledFor('github.com', on)).toBe(true);
    const again = setSiteEnabled(settings, 'https://private.example.com/', true);
    expect(again.enabledSites).toEqual(['example.com']);
    expect(isEnabledFor('private.example.com', again)).toBe(true);
    const off = setSiteEnabled(settings, 'https://docs.example.com/', false);
    expect(isEnabledFor('docs.example.com', off)).toBe(false);
    expect(isEnabledFor('www.example.com', off)).toBe(true);
  });

  it('keeps the everywhere mode for a stored value it does not know', () => {
    expect(validateSettings({ siteMode: 'sometimes' }).siteMode).toBe('everywhere');
  });
});

describe('setSiteEnabled', () => {
  it('adds the site once when turned off', () => {
    const off = setSiteEnabled(defaultSettings(), 'https://www.Example.com/page', false);
    expect(off.disabledSites).toEqual(['example.com']);
    expect(setSiteEnabled(off, 'example.com', false).disabledSites).toEqual(['example.com']);
  });

  it('removes the parent entry that covers a subdomain when turned back on', () => {
    const settings = validateSettings({ disabledSites: ['example.com', 'other.test'] });
    expect(disablingEntries('https://docs.example.com/', settings)).toEqual(['example.com']);
    const on = setSiteEnabled(settings, 'https://docs.example.com/', true);
    expect(on.disabledSites).toEqual(['other.test']);
    expect(isEnabledFor('docs.example.com', on)).toBe(true);
  });

  it('leaves settings alone for a page without a hostname', () => {
    const settings = defaultSettings();
    expect(setSiteEnabled(settings, 'about:blank', false)).toBe(settings);
  });
});

/** An in-memory storage.local/sync with onChanged, close enough to the browser's for these tests. */
function fakeStorage(options: { syncFails?: boolean; noSync?: boolean } = {}) {
  const listeners = new Set<
    (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void
  >();
  const area = (name: string, fails: boolean) => {
    const data: Record<string, unknown> = {};
    return {
      data,
      async get(keys: string | string[]) {
        if (fails) throw new Error('sync is off');
        const out: Record<string, unknown> = {};
        for (const key of ([] as string[]).concat(keys)) if (key in data) out[key] = structuredClone(data[key]);
        return out;
      },
      async set(items: Record<string, unknown>) {
        if (fails) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
        const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
        for (const [key, value] of Object.entries(items)) {
          changes[key] = { oldValue: data[key], newValue: structuredClone(value) };
          data[key] = structuredClone(value);
        }
        for (const listener of listeners) listener(changes, name);
      },
    };
  };
  const local = area('local', false);
  const sync = options.noSync ? undefined : area('sync', options.syncFails ?? false);
  const storage: StorageLike = {
    local,
    sync,
    onChanged: { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l) },
  };
  return { storage, local, sync, listeners };
}

describe('settings store', () => {
  it('saves to sync and reads back what it saved', async () => {
    const { storage, sync } = fakeStorage();
    const store = createSettingsStore(storage);
    expect(await store.load()).toEqual(DEFAULT_SETTINGS);
    await store.save({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(sync!.data[SETTINGS_KEY]).toMatchObject({ theme: 'dark' });
    expect(await store.load()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });

  it('falls back to local when sync refuses, and still reads it back', async () => {
    const { storage, local } = fakeStorage({ syncFails: true });
    const store = createSettingsStore(storage);
    await store.save({ ...DEFAULT_SETTINGS, enabled: false });
    expect(local.data[SETTINGS_KEY]).toMatchObject({ enabled: false });
    expect((await store.load()).enabled).toBe(false);
  });

  it('works where there is no sync area at all', async () => {
    const store = createSettingsStore(fakeStorage({ noSync: true }).storage);
    await store.save({ ...DEFAULT_SETTINGS, commandOs: 'macos' });
    expect((await store.load()).commandOs).toBe('macos');
  });

  it('prefers the newer copy when a write fell back to local', async () => {
    const { storage, sync, local } = fakeStorage();
    sync!.data[SETTINGS_KEY] = { theme: 'light', savedAt: 100 };
    local.data[SETTINGS_KEY] = { theme: 'dark', savedAt: 200 };
    expect((await createSettingsStore(storage).load()).theme).toBe('dark');
  });

  it('is not held back by a stored copy stamped in the future: later changes are kept', async () => {
    const { storage, sync, local } = fakeStorage();
    const now = 1_800_000_000_000;
    // A copy written by a device whose clock ran years ahead (or edited by hand), in either area.
    local.data[SETTINGS_KEY] = { ...DEFAULT_SETTINGS, theme: 'dark', savedAt: now + 10 * 365 * 86_400_000 };
    const store = createSettingsStore(storage, () => now);
    await store.save({ ...DEFAULT_SETTINGS, theme: 'light' });
    expect((await store.load()).theme).toBe('light');
    sync!.data[SETTINGS_KEY] = { ...DEFAULT_SETTINGS, enabled: false, savedAt: Number.MAX_VALUE };
    await store.save({ ...DEFAULT_SETTINGS, theme: 'light', underline: 'solid' });
    expect(await store.load()).toMatchObject({ theme: 'light', underline: 'solid', enabled: true });
  });

  it('stamps a save after every stored copy, so a device with a slow clock still wins with its newest change', async () => {
    const { storage, local } = fakeStorage({ syncFails: true });
    local.data[SETTINGS_KEY] = { ...DEFAULT_SETTINGS, theme: 'dark', savedAt: 5_000 };
    const store = createSettingsStore(storage, () => 4_000); // an hour behind the device that wrote the copy
    await store.save({ ...DEFAULT_SETTINGS, theme: 'light' });
    expect((local.data[SETTINGS_KEY] as { savedAt: number }).savedAt).toBe(5_001);
    expect((await store.load()).theme).toBe('light');
  });

  it('validates what it reads: bad stored values become defaults', async () => {
    const { storage, sync } = fakeStorage();
    sync!.data[SETTINGS_KEY] = { theme: '<script>', hoverDelayMs: 'slow', enabled: false };
    expect(await createSettingsStore(storage).load()).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
  });

  it('tells subscribers about changes made anywhere, until they unsubscribe', async () => {
    const { storage, listeners } = fakeStorage();
    const store = createSettingsStore(storage);
    const seen: Settings[] = [];
    const unsubscribe = store.subscribe((settings) => seen.push(settings));
    // Another page (the options page) writes through its own store.
    await createSettingsStore(storage).save({ ...DEFAULT_SETTINGS, underline: 'solid' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen.at(-1)?.underline).toBe('solid');
    unsubscribe();
    expect(listeners.size).toBe(0);
  });

  it('ignores changes to other keys', async () => {
    const { storage } = fakeStorage();
    const store = createSettingsStore(storage);
    let calls = 0;
    store.subscribe(() => calls++);
    await storage.local.set({ 'portolan.other': '3717' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toBe(0);
  });
});
