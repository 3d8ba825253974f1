// The background's listeners, driven through a fake `browser`: look-ups, the card injection, the context menu and
// the toolbar button's badge.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import {
  CARD_UI_INTERVAL_MS,
  LOOKUP_MENU_ID,
  buttonStateFor,
  createCardUiInjector,
  menuAction,
  startBackground,
} from '../ext/background';
import { defaultSettings, type Settings } from '../lib/settings';
import { inLocale } from './in-locale';
import type { PortInfo } from '../lib/types';

type Listener = (...args: any[]) => any;
let listeners: Record<string, Listener[]>;
let settingsListener: (settings: Settings) => void;
let fake: ReturnType<typeof makeFake>;

const on = (name: string) => ({ addListener: (listener: Listener) => (listeners[name] ??= []).push(listener) });
const fire = (name: string, ...args: unknown[]) => listeners[name].map((listener) => listener(...args));
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function makeFake() {
  return {
    runtime: {
      id: 'own-id',
      onMessage: on('message'),
      onInstalled: on('installed'),
      onStartup: on('startup'),
      getURL: (path: string) => `chrome-extension://own-id${path}`,
    },
    contextMenus: { create: vi.fn(), onClicked: on('menu') },
    tabs: {
      sendMessage: vi.fn(async (): Promise<unknown> => undefined),
      create: vi.fn(async () => ({})),
      query: vi.fn(async () => [
        { id: 1, url: 'https://docs.example.com/ports' },
        { id: 2, url: 'https://github.com/' },
        { id: 3, url: undefined }, // a page outside the host permissions: its address is not readable
      ]),
      onUpdated: on('tabUpdated'),
    },
    scripting: { executeScript: vi.fn(async () => []) },
    action: {
      setBadgeText: vi.fn(async () => undefined),
      setTitle: vi.fn(async () => undefined),
      setBadgeBackgroundColor: vi.fn(async () => undefined),
    },
  };
}

const page = { id: 'own-id', tab: { id: 7 }, frameId: 2, url: 'https://example.com/a' };

beforeEach(() => {
  listeners = {};
  fake = makeFake();
  const info = (port: number) => ({ port, rangeClass: 'user', records: [], commonUses: [], snapshots: [] }) as PortInfo;
  startBackground(fake as unknown as Browser, {
    loadSource: async () => ({ info }),
    loadSettings: async () => defaultSettings(),
    subscribeSettings: (listener) => (settingsListener = listener),
  });
});

describe('the popup’s last search after an update', () => {
  it('is answered again from the new data on install or update and at browser start', async () => {
    listeners = {};
    const refreshKeptSearch = vi.fn(async () => true);
    startBackground(makeFake() as unknown as Browser, {
      loadSource: async () => ({ info: () => ({}) as PortInfo }),
      loadSettings: async () => defaultSettings(),
      subscribeSettings: () => undefined,
      refreshKeptSearch,
    });
    expect(refreshKeptSearch).not.toHaveBeenCalled();
    fire('installed', { reason: 'update' });
    expect(refreshKeptSearch).toHaveBeenCalledTimes(1);
    fire('startup');
    expect(refreshKeptSearch).toHaveBeenCalledTimes(2);
  });

  it('does not let a failed refresh break the install', async () => {
    listeners = {};
    const fakeBrowser = makeFake();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    startBackground(fakeBrowser as unknown as Browser, {
      loadSource: async () => ({ info: () => ({}) as PortInfo }),
      loadSettings: async () => defaultSettings(),
      subscribeSettings: () => undefined,
      refreshKeptSearch: async () => Promise.reject(new Error('storage gone')),
    });
    fire('installed', { reason: 'update' });
    await flush();
    expect(fakeBrowser.contextMenus.create).toHaveBeenCalled();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('look-ups', () => {
  it('answers its own scripts with the record of the port asked for', async () => {
    const [answer] = fire('message', { type: 'portolan/info', port: 22 }, { id: 'own-id' });
    expect((await answer).info.port).toBe(22);
  });

  it('gives other extensions, pages and malformed messages no answer', () => {
    expect(fire('message', { type: 'portolan/info', port: 22 }, { id: 'someone-else' })[0]).toBeUndefined();
    expect(fire('message', { type: 'portolan/info', port: '22' }, { id: 'own-id' })[0]).toBeUndefined();
    expect(fire('message', { type: 'portolan/delete-everything' }, { id: 'own-id' })[0]).toBeUndefined();
  });

  it('reports a failed registry load as an error answer, not a throw', async () => {
    listeners = {};
    startBackground(fake as unknown as Browser, {
      loadSource: async () => {
        throw new Error('registry.json missing');
      },
      loadSettings: async () => defaultSettings(),
      subscribeSettings: () => undefined,
    });
    const [answer] = fire('message', { type: 'portolan/info', port: 22 }, { id: 'own-id' });
    expect(await answer).toEqual({ ok: false, error: 'registry.json missing' });
  });
});

describe('card injection on request', () => {
  it('injects card-ui.js into the asking frame only', async () => {
    const [answer] = fire('message', { type: 'portolan/card-ui' }, page);
    expect(await answer).toEqual({ ok: true });
    expect(fake.scripting.executeScript).toHaveBeenCalledWith({
      target: { tabId: 7, frameIds: [2] },
      files: ['/card-ui.js'],
    });
  });

  it('refuses other senders, senders without a tab, and frames the content script does not run in', async () => {
    const refused = [
      { ...page, id: 'someone-else' },
      { id: 'own-id', url: 'chrome-extension://own-id/popup.html' }, // the popup: no tab
      { ...page, frameId: undefined },
      { ...page, url: 'about:blank' },
      { ...page, url: 'chrome-extension://own-id/options.html' },
      { ...page, url: 'data:text/html,<b>8080</b>' },
    ];
    for (const sender of refused)
      expect(await fire('message', { type: 'portolan/card-ui' }, sender)[0]).toBeUndefined();
    expect(fake.scripting.executeScript).not.toHaveBeenCalled();
  });

  it('injects once however often a page makes its content script ask (forged marks and synthetic events)', async () => {
    let clock = 1_000;
    const scripting = { executeScript: vi.fn(async () => []) };
    const inject = createCardUiInjector({ scripting } as unknown as Browser, () => clock);
    const answers = await Promise.all(Array.from({ length: 50 }, () => inject(page)));
    expect(scripting.executeScript).toHaveBeenCalledTimes(1);
    expect(answers.filter((answer) => answer?.ok)).toHaveLength(1);
    // Another frame of the same tab is another document.
    await inject({ ...page, frameId: 3 });
    expect(scripting.executeScript).toHaveBeenCalledTimes(2);
    // After a reload (Firefox has no documentId), the frame may have the card's code again once the interval is over.
    clock += CARD_UI_INTERVAL_MS;
    expect(await inject(page)).toEqual({ ok: true });
    expect(scripting.executeScript).toHaveBeenCalledTimes(3);
  });

  it('in Chrome, once per document: a reloaded frame is a new document and gets the code at once', async () => {
    const scripting = { executeScript: vi.fn(async () => []) };
    const inject = createCardUiInjector({ scripting } as unknown as Browser, () => 0);
    await inject({ ...page, documentId: 'doc-1' });
    await inject({ ...page, documentId: 'doc-1' });
    expect(scripting.executeScript).toHaveBeenCalledTimes(1);
    expect(await inject({ ...page, documentId: 'doc-2' })).toEqual({ ok: true });
    expect(scripting.executeScript).toHaveBeenCalledTimes(2);
  });

  it('lets a frame try again at once when an injection failed', async () => {
    const scripting = { executeScript: vi.fn(async () => Promise.reject(new Error('Frame with ID 2 was removed'))) };
    const inject = createCardUiInjector({ scripting } as unknown as Browser, () => 0);
    expect(await inject(page)).toEqual({ ok: false, error: 'Frame with ID 2 was removed' });
    await inject(page);
    expect(scripting.executeScript).toHaveBeenCalledTimes(2);
  });
});

describe('context menu', () => {
  it('adds one item for selections on install', () => {
    fire('installed', { reason: 'install' });
    expect(fake.contextMenus.create).toHaveBeenCalledWith(
      expect.objectContaining({ id: LOOKUP_MENU_ID, contexts: ['selection'] }),
    );
  });

  it.each([
    ['listen on port 3716 please', 3716],
    ['3717', 3717], // a bare number the detector would not mark on its own
    [' 0 ', 0],
  ])('asks the tab to show the card for %j', (selectionText, port) => {
    fire('menu', { menuItemId: LOOKUP_MENU_ID, selectionText, frameId: 3 }, { id: 42, index: 0 });
    expect(fake.tabs.sendMessage).toHaveBeenCalledWith(42, { type: 'portolan/show', port }, { frameId: 3 });
    expect(fake.tabs.create).not.toHaveBeenCalled();
  });

  it.each([
    ['6000-6063', '6000-6063'],
    ['etcd', 'etcd'],
    ['Although etcd ports', 'Although etcd ports'],
    ['ports 80, 443\n and 8080', 'ports 80, 443 and 8080'],
    ['70000', '70000'],
  ])('opens the popup’s search for %j instead of doing nothing', (selectionText, query) => {
    fire('menu', { menuItemId: LOOKUP_MENU_ID, selectionText, frameId: 0 }, { id: 42, index: 4 });
    expect(fake.tabs.sendMessage).not.toHaveBeenCalled();
    expect(fake.tabs.create).toHaveBeenCalledWith({
      url: `chrome-extension://own-id/popup.html?q=${encodeURIComponent(query)}`,
      index: 5,
    });
  });

  it('opens the card in the popup’s page when the frame has no content script to show it', async () => {
    fake.tabs.sendMessage.mockRejectedValueOnce(
      new Error('Could not establish connection. Receiving end does not exist.'),
    );
    fire('menu', { menuItemId: LOOKUP_MENU_ID, selectionText: '5432', frameId: 0 }, { id: 42, index: 0 });
    await flush();
    expect(fake.tabs.create).toHaveBeenCalledWith({ url: 'chrome-extension://own-id/popup.html?q=5432', index: 1 });
  });

  it('does nothing for an empty selection', () => {
    expect(menuAction('   ')).toBeNull();
  });
});

describe('toolbar button', () => {
  it('says "off" with the site in its title where Portolan does not mark the page', () => {
    const settings = { ...defaultSettings(), disabledSites: ['example.com'] };
    expect(buttonStateFor('https://docs.example.com/x', settings)).toEqual({
      text: 'off',
      title: 'Portolan is off on docs.example.com (switch it on in the popup)',
    });
    expect(buttonStateFor('https://github.com/', settings)).toEqual({ text: '', title: 'Portolan' });
    expect(buttonStateFor('https://github.com/', { ...settings, enabled: false }).text).toBe('off');
    expect(buttonStateFor(undefined, { ...settings, enabled: false }).text).toBe('');
  });

  it('speaks the reader’s language', () => {
    const settings = { ...defaultSettings(), disabledSites: ['example.com'] };
    expect(inLocale('de', () => buttonStateFor('https://docs.example.com/x', settings))).toEqual({
      text: 'aus',
      title: 'Portolan ist auf docs.example.com aus (im Popup einschalten)',
    });
    expect(inLocale('ja', () => buttonStateFor('https://x.org/', { ...settings, enabled: false })).title).toBe(
      'Portolan はすべてのサイトでオフです（ポップアップでオンにできます）',
    );
  });

  it('marks every open tab when the settings change, and a tab when it navigates', async () => {
    await flush();
    expect(fake.action.setBadgeText).toHaveBeenCalledWith({ tabId: 1, text: '' });
    settingsListener({ ...defaultSettings(), disabledSites: ['example.com'] });
    await flush();
    expect(fake.action.setBadgeText).toHaveBeenLastCalledWith({ tabId: 3, text: '' });
    expect(fake.action.setBadgeText).toHaveBeenCalledWith({ tabId: 1, text: 'off' });
    expect(fake.action.setTitle).toHaveBeenCalledWith({
      tabId: 1,
      title: 'Portolan is off on docs.example.com (switch it on in the popup)',
    });
    fire('tabUpdated', 2, { url: 'https://www.example.com/' }, { id: 2, url: 'https://www.example.com/' });
    await flush();
    expect(fake.action.setBadgeText).toHaveBeenLastCalledWith({ tabId: 2, text: 'off' });
  });
});
