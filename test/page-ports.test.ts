// The popup's side of the page list: message shapes, and asking every frame of a tab through a fake browser.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { askPagePorts, frameIds, revealInFrame } from '../ext/page-ports';
import { parsePagePortsAnswer } from '../lib/port-list-messages';
import { parseMessage, parseMessageOf } from '../lib/messages';
import { describeBySearch } from '../lib/port-list';
import { createSearchIndex, search } from '../lib/search';
import { record } from './fixtures/port-info/make';

describe('page-ports answers', () => {
  it('takes a well-formed answer', () => {
    expect(parsePagePortsAnswer({ done: false, ports: [{ port: 22, count: 3 }] })).toEqual({
      done: false,
      ports: [{ port: 22, count: 3 }],
    });
    expect(parsePagePortsAnswer({ done: true, ports: [] })).toEqual({ done: true, ports: [] });
  });

  it('refuses anything else a frame or another extension might send', () => {
    for (const bad of [
      undefined,
      null,
      'ports',
      { ports: [] },
      { done: 'yes', ports: [] },
      { done: true, ports: {} },
      { done: true, ports: [{ port: 70000, count: 1 }] },
      { done: true, ports: [{ port: 22, count: 0 }] },
      { done: true, ports: [{ port: 22, count: 1.5 }] },
      { done: true, ports: [{ port: '22', count: 1 }] },
      {
        done: true,
        ports: [
          { port: 22, count: 1 },
          { port: 22, count: 2 },
        ],
      },
      { done: true, ports: [null] },
      { done: true, ports: new Array(70000).fill({ port: 1, count: 1 }) },
    ]) {
      expect(parsePagePortsAnswer(bad), JSON.stringify(bad)?.slice(0, 80)).toBeNull();
    }
  });

  it('parses the two messages through the one message map', () => {
    expect(parseMessage({ type: 'portolan/reveal-port', port: 5432, index: 2, extra: 'dropped' })).toEqual({
      type: 'portolan/reveal-port',
      port: 5432,
      index: 2,
    });
    for (const bad of [{ port: 5432, index: -1 }, { port: 99999, index: 0 }, { port: 22, index: 1.5 }, { port: 22 }]) {
      expect(parseMessage({ type: 'portolan/reveal-port', ...bad }), JSON.stringify(bad)).toBeNull();
    }
    expect(parseMessageOf('portolan/page-ports', { type: 'portolan/page-ports' })).toEqual({
      type: 'portolan/page-ports',
    });
    expect(parseMessageOf('portolan/page-ports', { type: 'portolan/page-state' })).toBeNull();
  });
});

type Sent = { tabId: number; message: unknown; frameId: number | undefined };

function fakeBrowser(frames: Record<number, unknown>, options: { scriptingFails?: boolean } = {}) {
  const sent: Sent[] = [];
  const browser = {
    scripting: {
      executeScript: async ({ target }: { target: { tabId: number; allFrames?: boolean } }) => {
        if (options.scriptingFails) throw new Error('Cannot access contents of the page');
        expect(target.allFrames).toBe(true);
        return Object.keys(frames).map((id) => ({ frameId: Number(id), result: true }));
      },
    },
    tabs: {
      sendMessage: async (tabId: number, message: unknown, opts?: { frameId?: number }) => {
        sent.push({ tabId, message, frameId: opts?.frameId });
        const answer = frames[opts?.frameId ?? 0];
        if (answer === 'throw') throw new Error('Could not establish connection. Receiving end does not exist.');
        if (answer === 'hang') return new Promise(() => undefined);
        return answer;
      },
    },
  };
  return { browser: browser as unknown as Browser, sent };
}

describe('asking the frames of a tab', () => {
  it('asks every frame by its id and keeps the answers that parse', async () => {
    const { browser, sent } = fakeBrowser({
      0: { done: true, ports: [{ port: 22, count: 1 }] },
      4: { done: false, ports: [{ port: 443, count: 2 }] },
      9: 'throw', // no content script there
      11: { hello: 'not an answer' },
    });
    const inventory = await askPagePorts(browser, 7);
    expect(sent.map((s) => [s.tabId, s.frameId])).toEqual([
      [7, 0],
      [7, 4],
      [7, 9],
      [7, 11],
    ]);
    expect(sent.every((s) => parseMessageOf('portolan/page-ports', s.message) !== null)).toBe(true);
    expect(inventory).toEqual({
      frames: [
        { frameId: 0, ports: [{ port: 22, count: 1 }] },
        { frameId: 4, ports: [{ port: 443, count: 2 }] },
      ],
      done: false,
    });
  });

  it('goes on without a frame that never answers', async () => {
    const { browser } = fakeBrowser({ 0: { done: true, ports: [{ port: 80, count: 1 }] }, 3: 'hang' });
    const inventory = await askPagePorts(browser, 1);
    expect(inventory.frames.map((f) => f.frameId)).toEqual([0]);
    expect(inventory.done).toBe(true);
  });

  it('falls back to the top frame where the page cannot be scripted', async () => {
    const { browser } = fakeBrowser({ 0: undefined }, { scriptingFails: true });
    expect(await frameIds(browser, 1)).toEqual([0]);
  });

  it('sends the reveal to the one frame holding the mention', async () => {
    const { browser, sent } = fakeBrowser({ 5: undefined });
    await revealInFrame(browser, 2, 5, 8080, 3);
    expect(sent).toEqual([{ tabId: 2, frameId: 5, message: { type: 'portolan/reveal-port', port: 8080, index: 3 } }]);
  });
});

describe('row facts from the search', () => {
  const index = createSearchIndex(
    [
      record({ port: 465, protocol: 'tcp', name: 'urd', description: 'URL Rendezvous Directory for SSM' }),
      record({ port: 465, protocol: 'tcp', name: 'submissions', description: 'Message Submission over TLS protocol' }),
      record({ port: 53, protocol: 'udp', name: 'domain', description: 'Domain Name Server' }),
      record({ port: 6000, portEnd: 6063, protocol: 'tcp', name: 'x11', description: 'X Window System' }),
    ],
    [
      {
        software: 'CoreDNS',
        kind: 'default',
        port: 53,
        source: { title: 't', url: 'https://coredns.io/', checked: '2026-11-01' },
      },
    ],
  );
  const describe_ = describeBySearch((q, limit) => search(index, q, limit));

  it('names every service on a shared port, the software, and a range record by its own span', () => {
    expect(describe_(465, 465, undefined)).toEqual({
      service: 'urd, submissions',
      description: 'URL Rendezvous Directory for SSM',
      software: null,
    });
    expect(describe_(53, 53, 'udp')).toMatchObject({ service: 'domain', software: 'CoreDNS' });
    expect(describe_(53, 53, 'tcp')).toMatchObject({ service: null });
    expect(describe_(6000, 6063, undefined)).toMatchObject({ service: 'x11' });
    expect(describe_(6000, 6010, undefined)).toMatchObject({ service: null });
    expect(describe_(40000, 40000, undefined)).toEqual({ service: null, description: null, software: null });
  });
});
