// The content script's only way to registry data: one background message per port, cached for the tab's life.
import { browser } from 'wxt/browser';
import { sendToBackground } from '../lib/messages';
import type { PortInfo } from '../lib/types';

const cache = new Map<number, Promise<PortInfo>>();

export function getPortInfo(port: number): Promise<PortInfo> {
  let pending = cache.get(port);
  if (!pending) {
    pending = sendToBackground(browser.runtime, 'portolan/info', { port }).then((response) => {
      if (!response?.ok) throw new Error(response?.error ?? 'no answer from the background');
      return response.info;
    });
    // A failed look-up (e.g. the background restarting) may be retried on the next hover.
    pending.catch(() => cache.delete(port));
    cache.set(port, pending);
  }
  return pending;
}
