// IANA's three port ranges (RFC 6335, section 6).

import type { RangeClass } from './types';

export const MAX_PORT = 65535;

export const isPort = (value: number): boolean => Number.isInteger(value) && value >= 0 && value <= MAX_PORT;

/** System 0–1023, User (Registered) 1024–49151, Dynamic/Private 49152–65535. */
export function rangeClass(port: number): RangeClass {
  if (!isPort(port)) throw new RangeError(`${port} is not a port number (0–${MAX_PORT})`);
  if (port <= 1023) return 'system';
  if (port <= 49151) return 'user';
  return 'dynamic';
}

export const RANGE_CLASS_LABEL: Record<RangeClass, string> = {
  system: 'System (well-known) port, 0–1023',
  user: 'User (registered) port, 1024–49151',
  dynamic: 'Dynamic/private port, 49152–65535',
};
