// Settings in extension storage. Settings prefer storageApi.sync (they follow the
// user across devices) and fall back to storageApi.local where sync is unavailable or refuses the write.
import { SETTINGS_KEY, validateSettings, type Settings } from '../lib/settings';
import { extensionStorage } from './native-api';

type StorageValues = Record<string, unknown>;
interface StorageAreaLike {
  get(keys: string | string[]): Promise<StorageValues>;
  set(items: StorageValues): Promise<void>;
}
interface StorageChange {
  oldValue?: unknown;
  newValue?: unknown;
}
type ChangeListener = (changes: Record<string, StorageChange>, areaName: string) => void;

/** The slice of `browser.storage` this module uses; tests pass a fake. */
export interface StorageLike {
  local: StorageAreaLike;
  sync?: StorageAreaLike;
  onChanged: {
    addListener(listener: ChangeListener): void;
    removeListener(listener: ChangeListener): void;
  };
}

/** What the popup and options page need; a fake in tests, `createSettingsStore()` in the extension. */
export interface SettingsStore {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<Settings>;
  subscribe(onChange: (settings: Settings) => void): () => void;
}

async function readFrom(area: StorageAreaLike | undefined, key: string): Promise<unknown> {
  if (!area) return undefined;
  try {
    return (await area.get(key))[key];
  } catch {
    // Firefox throws from storageApi.sync when sync is disabled or the add-on has no stable id.
    return undefined;
  }
}

/** How far ahead of this device's clock a stored copy's stamp may be (another device's clock may run fast). */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/**
 * When a stored copy was saved, or -1 when that is unknown. A stamp from the future (a clock set wrong, a hand-
 * edited or hostile copy) counts as unknown: believed, it would outrank every later save for as long as it lasts.
 */
function savedAt(stored: unknown, now: number): number {
  const stamp = (stored as { savedAt?: unknown } | null | undefined)?.savedAt;
  // Number.isFinite is false for anything but a number.
  return Number.isFinite(stamp) && (stamp as number) <= now + MAX_CLOCK_SKEW_MS ? (stamp as number) : -1;
}

/** The synced copy, the local copy, and when they were read. */
async function readBoth(storageApi: StorageLike, now: () => number): Promise<[unknown, unknown, number]> {
  const [synced, local] = await Promise.all([
    readFrom(storageApi.sync, SETTINGS_KEY),
    readFrom(storageApi.local, SETTINGS_KEY),
  ]);
  return [synced, local, now()];
}

// Reading and following are functions of their own, not only methods of the store: the content script uses
// just these two, and so carries none of the writing code.
async function loadFrom(storageApi: StorageLike, now: () => number): Promise<Settings> {
  const [synced, local, at] = await readBoth(storageApi, now);
  // Whichever area was written last wins: a write that fell back to local must not be hidden by an
  // older copy still in sync.
  return validateSettings(savedAt(local, at) > savedAt(synced, at) ? local : (synced ?? local));
}

function subscribeTo(storageApi: StorageLike, now: () => number, onChange: (settings: Settings) => void): () => void {
  const listener: ChangeListener = (changes, areaName) => {
    if (areaName !== 'sync' && areaName !== 'local') return;
    if (!changes[SETTINGS_KEY]) return;
    // Re-read rather than trust this one area: the other may hold a newer copy.
    void loadFrom(storageApi, now).then(onChange);
  };
  storageApi.onChanged.addListener(listener);
  return () => storageApi.onChanged.removeListener(listener);
}

export function createSettingsStore(
  // Not named `storage`: WXT's unimport plugin, even with imports off, then bundles wxt/utils/storage (8 KB).
  storageApi: StorageLike = extensionStorage(),
  now: () => number = Date.now,
): SettingsStore {
  async function save(settings: Settings): Promise<Settings> {
    const valid = validateSettings(settings);
    // Stamped after every copy already stored, so this save is the one load() picks even if this device's clock
    // is behind the one that wrote the other copy.
    const [synced, local, at] = await readBoth(storageApi, now);
    const stamp = Math.max(at, savedAt(synced, at) + 1, savedAt(local, at) + 1);
    const items = { [SETTINGS_KEY]: { ...valid, savedAt: stamp } };
    if (storageApi.sync) {
      try {
        await storageApi.sync.set(items);
        return valid;
      } catch {
        // Over quota or sync unavailable: keep the setting on this device rather than lose it.
      }
    }
    await storageApi.local.set(items);
    return valid;
  }

  return {
    load: () => loadFrom(storageApi, now),
    save,
    subscribe: (onChange) => subscribeTo(storageApi, now, onChange),
  };
}

export const loadSettings = (): Promise<Settings> => loadFrom(extensionStorage(), Date.now);
/** Calls back with validated settings whenever they change anywhere (options page, popup, another device). */
export const subscribeSettings = (onChange: (settings: Settings) => void): (() => void) =>
  subscribeTo(extensionStorage(), Date.now, onChange);
