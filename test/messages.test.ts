import { describe, expect, it, vi } from 'vitest';
import {
  backgroundMessageListener,
  contentMessageListener,
  isPageStateRequest,
  parseInfoRequest,
  parseMessage,
  parseMessageOf,
  parseShowCardRequest,
  portFromSelection,
  sendToBackground,
  sendToFrame,
} from '../lib/messages';

describe('message parsing treats everything as untrusted', () => {
  it('accepts a well-formed look-up', () => {
    expect(parseInfoRequest({ type: 'portolan/info', port: 3717 })).toEqual({ type: 'portolan/info', port: 3717 });
    expect(parseInfoRequest({ type: 'portolan/info', port: 0 })?.port).toBe(0);
    expect(parseInfoRequest({ type: 'portolan/info', port: 65535 })?.port).toBe(65535);
  });

  it.each([
    null,
    'portolan/info',
    ['portolan/info'],
    { type: 'portolan/info' },
    { type: 'portolan/info', port: '80' },
    { type: 'portolan/info', port: -1 },
    { type: 'portolan/info', port: 65536 },
    { type: 'portolan/info', port: 80.5 },
    { type: 'portolan/info', port: Number.NaN },
    { type: 'portolan/other', port: 80 },
    // Names inherited by every object are not message types.
    { type: 'toString' },
    { type: '__proto__' },
  ])('rejects %j', (message) => {
    expect(parseInfoRequest(message)).toBeNull();
    expect(parseMessage(message)).toBeNull();
  });

  it('takes the keyboard step only with a known direction', () => {
    expect(parseMessageOf('portolan/step', { type: 'portolan/step', direction: 'next', extra: 1 })).toEqual({
      type: 'portolan/step',
      direction: 'next',
    });
    expect(parseMessageOf('portolan/step', { type: 'portolan/step', direction: 'previous' })?.direction).toBe(
      'previous',
    );
    for (const direction of [undefined, 'up', 1, ['next']])
      expect(parseMessage({ type: 'portolan/step', direction })).toBeNull();
  });

  it('keeps only the fields a message has: extra properties from a sender are dropped', () => {
    expect(parseMessage({ type: 'portolan/show', port: 22, html: '<img onerror=alert(1)>' })).toEqual({
      type: 'portolan/show',
      port: 22,
    });
    expect(parseMessage({ type: 'portolan/card-ui', files: ['/evil.js'] })).toEqual({ type: 'portolan/card-ui' });
  });

  it('parses show-card and page-state requests by shape', () => {
    expect(parseShowCardRequest({ type: 'portolan/show', port: 22 })).toEqual({ type: 'portolan/show', port: 22 });
    expect(parseShowCardRequest({ type: 'portolan/show', port: 70000 })).toBeNull();
    expect(isPageStateRequest({ type: 'portolan/page-state' })).toBe(true);
    expect(isPageStateRequest({ type: 'portolan/info' })).toBe(false);
    expect(parseMessageOf('portolan/show', { type: 'portolan/info', port: 22 })).toBeNull();
  });

  it('takes a bare selected number as a port only within 0–65535', () => {
    expect(portFromSelection(' 3717 ', undefined)).toBe(3717);
    expect(portFromSelection('99999', undefined)).toBeNull();
    expect(portFromSelection('version 3.11', undefined)).toBeNull();
    expect(portFromSelection('listen on port 22', 22)).toBe(22);
  });
});

describe('one listener per side: the sender check and the routing by type', () => {
  const own = { id: 'own-id', tab: { id: 1 }, frameId: 0, url: 'https://example.com/' };
  const listener = () =>
    backgroundMessageListener('own-id', {
      'portolan/info': (message) => ({ ok: false, error: `asked for ${message.port}` }),
    });

  it('routes a well-formed message from the extension itself to its handler', async () => {
    expect(await listener()({ type: 'portolan/info', port: 22 }, own)).toEqual({ ok: false, error: 'asked for 22' });
  });

  it('gives other extensions, pages and senders without an id no answer', () => {
    expect(listener()({ type: 'portolan/info', port: 22 }, { ...own, id: 'someone-else' })).toBeUndefined();
    expect(listener()({ type: 'portolan/info', port: 22 }, { url: 'https://evil.test/' })).toBeUndefined();
  });

  it('reads only the messages meant for its side', () => {
    const shown = vi.fn();
    const frame = contentMessageListener('own-id', { 'portolan/show': ({ port }) => void shown(port) });
    frame({ type: 'portolan/show', port: 22 }, own);
    // A background message sent to a frame, or a frame's message sent to the background, is nobody's: no answer.
    expect(frame({ type: 'portolan/info', port: 22 }, own)).toBeUndefined();
    expect(listener()({ type: 'portolan/show', port: 22 }, own)).toBeUndefined();
    expect(shown.mock.calls).toEqual([[22]]);
  });

  it('leaves malformed messages and messages it has no handler for to other listeners', () => {
    expect(listener()({ type: 'portolan/info', port: 1e6 }, own)).toBeUndefined();
    expect(listener()({ type: 'portolan/card-ui' }, own)).toBeUndefined();
    expect(listener()({ type: 'portolan/delete-everything' }, own)).toBeUndefined();
  });
});

describe('typed senders', () => {
  it('send the message the map describes, to the background or to one frame', async () => {
    const runtime = { sendMessage: vi.fn(async () => ({ ok: true })) };
    expect(await sendToBackground(runtime, 'portolan/card-ui')).toEqual({ ok: true });
    await sendToBackground(runtime, 'portolan/info', { port: 80 });
    expect(runtime.sendMessage.mock.calls).toEqual([
      [{ type: 'portolan/card-ui' }],
      [{ type: 'portolan/info', port: 80 }],
    ]);

    const tabs = { sendMessage: vi.fn(async () => undefined) };
    await sendToFrame(tabs, { tabId: 4, frameId: 2 }, 'portolan/show', { port: 22 });
    await sendToFrame(tabs, { tabId: 4 }, 'portolan/page-state');
    expect(tabs.sendMessage.mock.calls).toEqual([
      [4, { type: 'portolan/show', port: 22 }, { frameId: 2 }],
      [4, { type: 'portolan/page-state' }, { frameId: 0 }],
    ]);
  });
});
