// IANA's three port ranges (RFC 6335 section 6) and the two non-assignment states, in plain words.
import type { RangeClass, Status } from './types';

export const MAX_PORT = 65535;

/** A whole number 0–65535; anything else (a string, 80.5, NaN, 70000) is not a port. */
export function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_PORT;
}

/** System 0–1023, User (Registered) 1024–49151, Dynamic/Private 49152–65535. */
export function rangeClass(port: number): RangeClass {
  if (!isPort(port)) throw new RangeError(`${port} is not a port number (0–${MAX_PORT})`);
  if (port <= 1023) return 'system';
  if (port <= 49151) return 'user';
  return 'dynamic';
}

export interface RangeClassInfo {
  id: RangeClass;
  label: string; // short, for a badge
  first: number;
  last: number;
  explanation: string; // one plain sentence for the card header
}

export const RANGE_CLASSES: Readonly<Record<RangeClass, RangeClassInfo>> = {
  system: {
    id: 'system',
    label: 'System',
    first: 0,
    last: 1023,
    explanation:
      'System port (0–1023): assigned by IANA through the IETF process; most systems let only administrators listen on it.',
  },
  user: {
    id: 'user',
    label: 'User (Registered)',
    first: 1024,
    last: 49151,
    explanation:
      'User port (1024–49151): registered with IANA on request by a vendor or project; any program may listen on it.',
  },
  dynamic: {
    id: 'dynamic',
    label: 'Dynamic (Private)',
    first: 49152,
    last: 65535,
    explanation:
      'Dynamic port (49152–65535): never assigned; operating systems hand these out as temporary ports for outgoing connections.',
  },
};

/** What a record's status means; "assigned" needs no explanation, the record says to what. */
export const STATUS_EXPLANATIONS: Readonly<Record<Exclude<Status, 'assigned'>, string>> = {
  reserved:
    'Reserved: IANA holds this number back and will not assign it to a service (for example port 0, or a number kept for future use).',
  unassigned:
    'Unassigned: no service is registered here. Software may still use it by convention, but IANA has not given it to anyone.',
};
