import { describe, expect, it } from 'vitest';
import { isPageStateRequest, parseInfoRequest, parseShowCardRequest, portFromSelection } from '../lib/messages';
import { createInfoHandler } from '../ext/background';
import type { PortInfo } from '../lib/types';

describe('message parsing treats everything as untrusted', () => {
  it('accepts a well-formed look-up', () => {
    expect(parseInfoRequest({ type: 'portolan/info', port: 3717 })).toEqual({ type: 'portolan/info', port: 3717 });
    expect(parseInfoRequest({ type: 'portolan/info', port: 0 })?.port).toBe(0);
    expect(parseInfoRequest({ type: 'portolan/info', port: 65535 })?.port).toBe(65535);
  });

  it.each([
    null,
    'portolan/info',
    { type: 'portolan/info' },
    { type: 'portolan/info', port: '80' },
    { type: 'portolan/info', port: -1 },
    { type: 'portolan/info', port: 65536 },
    { type: 'portolan/info', port: 80.5 },
    { type: 'portolan/info', port: Number.NaN },
    { type: 'portolan/other', port: 80 },
  ])('rejects %j', (message) => {
    expect(parseInfoRequest(message)).toBeNull();
  });

  it('parses show-card and page-state requests by shape', () => {
    expect(parseShowCardRequest({ type: 'portolan/show', port: 22 })).toEqual({ type: 'portolan/show', port: 22 });
    expect(parseShowCardRequest({ type: 'portolan/show', port: 70000 })).toBeNull();
    expect(isPageStateRequest({ type: 'portolan/page-state' })).toBe(true);
    expect(isPageStateRequest({ type: 'portolan/info' })).toBe(false);
  });

  it('takes a bare selected number as a port only within 0–65535', () => {
    expect(portFromSelection(' 3717 ', undefined)).toBe(3717);
    expect(portFromSelection('99999', undefined)).toBeNull();
    expect(portFromSelection('version 3.11', undefined)).toBeNull();
    expect(portFromSelection('listen on port 22', 22)).toBe(22);
  });
});

describe('the background answers only the extension itself', () => {
  const info = (port: number) => ({ port, rangeClass: 'user', records: [], commonUses: [], snapshots: [] }) as PortInfo;
  const handler = createInfoHandler(async () => ({ info }), 'own-id');

  it('answers its own scripts with the registry info for the requested port', async () => {
    const answer = await handler({ type: 'portolan/info', port: 3717 }, { id: 'own-id' });
    expect(answer).toEqual({ ok: true, info: info(3717) });
  });

  it('ignores other extensions and pages', async () => {
    expect(await handler({ type: 'portolan/info', port: 3717 }, { id: 'someone-else' })).toBeUndefined();
    expect(await handler({ type: 'portolan/info', port: 3717 }, {})).toBeUndefined();
  });

  it('ignores malformed messages and out-of-range ports', async () => {
    expect(await handler({ type: 'portolan/info', port: 1e6 }, { id: 'own-id' })).toBeUndefined();
    expect(await handler({ type: 'portolan/info', port: '22' }, { id: 'own-id' })).toBeUndefined();
  });

  it('reports a failed registry load as an error answer, not a throw', async () => {
    const broken = createInfoHandler(async () => {
      throw new Error('registry.json missing');
    }, 'own-id');
    expect(await broken({ type: 'portolan/info', port: 22 }, { id: 'own-id' })).toEqual({ ok: false, error: 'registry.json missing' });
  });
});
