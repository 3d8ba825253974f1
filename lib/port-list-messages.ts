// Messages between the popup's page list and the content script of each frame (see docs: issue 14 item 4
// and issue 17 item 1). Every answer is untrusted until parsed here: a frame's content script runs beside a
// page that may be hostile, so sizes are bounded and shapes checked.
import { isPort } from './range-classes';

/** Asked of every frame: which ports it marked so far, with how many mentions each. */
export interface PagePortsRequest {
  type: 'portolan/page-ports';
}

export interface PagePortsAnswer {
  /** False while the frame's scan still has slices to go (ask again later). */
  done: boolean;
  ports: { port: number; count: number }[];
}

/** Scroll to the port's `index`-th mention in this frame (0 = first) and open its card. */
export interface RevealPortRequest {
  type: 'portolan/reveal-port';
  port: number;
  index: number;
}

export const PAGE_PORTS_REQUEST: PagePortsRequest = { type: 'portolan/page-ports' };

/** No frame can name more different ports than there are. */
const MAX_PORTS_PER_FRAME = 65536;

function hasType(msg: unknown, type: string): msg is Record<string, unknown> {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === type;
}

export function isPagePortsRequest(msg: unknown): msg is PagePortsRequest {
  return hasType(msg, 'portolan/page-ports');
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/** A frame's answer, or null when it is not one (no content script, another extension's reply, garbage). */
export function parsePagePortsAnswer(value: unknown): PagePortsAnswer | null {
  if (typeof value !== 'object' || value === null) return null;
  const { done, ports } = value as { done?: unknown; ports?: unknown };
  if (typeof done !== 'boolean' || !Array.isArray(ports) || ports.length > MAX_PORTS_PER_FRAME) return null;
  const parsed: PagePortsAnswer['ports'] = [];
  const seen = new Set<number>();
  for (const entry of ports as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return null;
    const { port, count } = entry as { port?: unknown; count?: unknown };
    if (!isPort(port) || !isCount(count) || seen.has(port)) return null;
    seen.add(port);
    parsed.push({ port, count });
  }
  return { done, ports: parsed };
}

export function revealPortRequest(port: number, index: number): RevealPortRequest {
  return { type: 'portolan/reveal-port', port, index };
}

export function parseRevealPortRequest(msg: unknown): RevealPortRequest | null {
  if (!hasType(msg, 'portolan/reveal-port') || !isPort(msg.port)) return null;
  const index = msg.index;
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) return null;
  return { type: 'portolan/reveal-port', port: msg.port, index };
}
