// The content script's only way to registry data: one background message per port, cached for the tab's life.
import { runtime } from './native-api';
import { sendToBackground } from '../lib/messages';
import type { RangeInfo } from '../lib/range-info';
import type { PortInfo } from '../lib/types';

const cache = new Map<number, Promise<PortInfo>>();

export function getPortInfo(port: number): Promise<PortInfo> {
  let pending = cache.get(port);
  if (!pending) {
    pending = sendToBackground(runtime, 'portolan/info', { port }).then((response) => {
      if (!response?.ok) throw new Error(response?.error ?? 'no answer from the background');
      return response.info;
    });
    // A failed look-up (e.g. the background restarting) may be retried on the next hover.
    pending.catch(() => cache.delete(port));
    cache.set(port, pending);
  }
  return pending;
}

const rangeCache = new Map<string, Promise<RangeInfo>>();

/** The range card's data (a range mention: `6000-6063`), one background message per range, cached likewise. */
export function getRangeInfo(from: number, to: number): Promise<RangeInfo> {
  const key = `${from}-${to}`;
  let pending = rangeCache.get(key);
  if (!pending) {
    pending = sendToBackground(runtime, 'portolan/range-info', { from, to }).then((response) => {
      if (!response?.ok) throw new Error(response?.error ?? 'no answer from the background');
      return response.info;
    });
    pending.catch(() => rangeCache.delete(key));
    rangeCache.set(key, pending);
  }
  return pending;
}
