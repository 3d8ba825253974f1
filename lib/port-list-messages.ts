// The popup's page list and the content script of each frame (issue 14 item 4, issue 17 item 1): the two
// messages are entries of lib/messages.ts' MessageMap; here are what a frame answers, parsed strictly (a
// frame's content script runs beside a page that may be hostile, so sizes are bounded and shapes checked),
// and the reveal message's fields.
import { isPort } from './range-classes';

/** A port a frame marked, and how many mentions of it. */
export interface PortCount {
  port: number;
  count: number;
}

export interface PagePortsAnswer {
  /** False while the frame's scan still has slices to go (ask again later). */
  done: boolean;
  ports: readonly PortCount[];
}

/** No frame can name more different ports than there are. */
const MAX_PORTS_PER_FRAME = 65536;

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/** A frame's answer, or null when it is not one (no content script, another extension's reply, garbage). */
export function parsePagePortsAnswer(value: unknown): PagePortsAnswer | null {
  if (typeof value !== 'object' || value === null) return null;
  const { done, ports } = value as { done?: unknown; ports?: unknown };
  if (typeof done !== 'boolean' || !Array.isArray(ports) || ports.length > MAX_PORTS_PER_FRAME) return null;
  const parsed: PortCount[] = [];
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

/** The fields of `portolan/reveal-port`: a port and a mention index (0 = the frame's first mention of it). */
export function parseRevealFields(message: Record<string, unknown>): { port: number; index: number } | null {
  const { port, index } = message;
  // Number.isSafeInteger is false for anything but a number.
  if (!isPort(port) || !Number.isSafeInteger(index) || (index as number) < 0) return null;
  return { port, index: index as number };
}
