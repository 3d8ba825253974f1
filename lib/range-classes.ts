// IANA's three port ranges (RFC 6335 section 6) and the two non-assignment states, in plain words.
import { isPort, MAX_PORT, rangeClass } from './range-class';
import type { RangeClass, Status } from './types';

// One source for the boundaries: the registry's module; this one adds the words.
export { MAX_PORT };
export const isPortNumber = isPort;
export const rangeClassOf = rangeClass;

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
