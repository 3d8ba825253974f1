// The background's listeners, driven through a fake `browser`: the context menu and the card injection.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { LOOKUP_MENU_ID, startBackground } from '../ext/background';
import type { PortInfo } from '../lib/types';

type Listener = (...args: any[]) => any;
let listeners: Record<string, Listener[]>;
let fake: {
  runtime: { id: string; onMessage: unknown; onInstalled: unknown };
  contextMenus: { create: ReturnType<typeof vi.fn>; onClicked: unknown };
  tabs: { sendMessage: ReturnType<typeof vi.fn> };
  scripting: { executeScript: ReturnType<typeof vi.fn> };
};

const on = (name: string) => ({ addListener: (listener: Listener) => (listeners[name] ??= []).push(listener) });
const fire = (name: string, ...args: unknown[]) => listeners[name].map((listener) => listener(...args));

beforeEach(() => {
  listeners = {};
  fake = {
    runtime: { id: 'own-id', onMessage: on('message'), onInstalled: on('installed') },
    contextMenus: { create: vi.fn(), onClicked: on('menu') },
    tabs: { sendMessage: vi.fn(async () => undefined) },
    scripting: { executeScript: vi.fn(async () => []) },
  };
  const info = (port: number) => ({ port, rangeClass: 'user', records: [], commonUses: [], snapshots: [] }) as PortInfo;
  startBackground(fake as unknown as Browser, async () => ({ info }));
});

describe('context menu', () => {
  it('adds "Look up port" for selections on install', () => {
    fire('installed', { reason: 'install' });
    expect(fake.contextMenus.create).toHaveBeenCalledWith(expect.objectContaining({ id: LOOKUP_MENU_ID, contexts: ['selection'] }));
  });

  it.each([
    ['listen on port 3716 please', 3716],
    ['3717', 3717], // a bare number the detector would not mark on its own
    [' 0 ', 0],
  ])('asks the tab to show the card for %j', (selectionText, port) => {
    fire('menu', { menuItemId: LOOKUP_MENU_ID, selectionText, frameId: 3 }, { id: 42 });
    expect(fake.tabs.sendMessage).toHaveBeenCalledWith(42, { type: 'portolan/show', port }, { frameId: 3 });
  });

  it.each(['version 3.11.4', '70000', 'no number here', ''])('does nothing for %j', (selectionText) => {
    fire('menu', { menuItemId: LOOKUP_MENU_ID, selectionText, frameId: 0 }, { id: 42 });
    expect(fake.tabs.sendMessage).not.toHaveBeenCalled();
  });
});

describe('card injection on request', () => {
  it('injects card-ui.js into the asking frame only', async () => {
    const [answer] = fire('message', { type: 'portolan/card-ui' }, { id: 'own-id', tab: { id: 7 }, frameId: 2 });
    expect(await answer).toEqual({ ok: true });
    expect(fake.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 7, frameIds: [2] }, files: ['/card-ui.js'] });
  });

  it('refuses other senders and senders without a tab', async () => {
    const [fromOther] = fire('message', { type: 'portolan/card-ui' }, { id: 'someone-else', tab: { id: 7 }, frameId: 0 });
    const [noTab] = fire('message', { type: 'portolan/card-ui' }, { id: 'own-id' });
    expect(await fromOther).toBeUndefined();
    expect(await noTab).toBeUndefined();
    expect(fake.scripting.executeScript).not.toHaveBeenCalled();
  });

  it('answers look-ups through the same listener and ignores unknown messages', async () => {
    const [info] = fire('message', { type: 'portolan/info', port: 22 }, { id: 'own-id' });
    expect((await info).info.port).toBe(22);
    const [unknown] = fire('message', { type: 'portolan/delete-everything' }, { id: 'own-id' });
    expect(unknown).toBeUndefined();
  });
});
