// IANA's three port ranges (RFC 6335 section 6) and the two non-assignment states, in plain words.
import { t } from './i18n';
import type { RangeClass, Status } from './types';

export const MAX_PORT = 65535;

/** A whole number 0–65535; anything else (a string, 80.5, NaN, 70000) is not a port. */
export function isPort(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_PORT; // false for non-numbers
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
  /** "System range", in the reader's language (read when shown). */
  readonly name: string;
  first: number;
  last: number;
  /** One plain sentence for the card header, in the reader's language (read when shown, after the pages set it). */
  readonly explanation: string;
}

export const RANGE_CLASSES: Readonly<Record<RangeClass, RangeClassInfo>> = {
  system: {
    id: 'system',
    label: 'System',
    first: 0,
    last: 1023,
    get name() {
      return t('popupRangeClassSystem');
    },
    get explanation() {
      return t('rangeExplainSystem');
    },
  },
  user: {
    id: 'user',
    label: 'User (Registered)',
    first: 1024,
    last: 49151,
    get name() {
      return t('popupRangeClassUser');
    },
    get explanation() {
      return t('rangeExplainUser');
    },
  },
  dynamic: {
    id: 'dynamic',
    label: 'Dynamic (Private)',
    first: 49152,
    last: 65535,
    get name() {
      return t('popupRangeClassDynamic');
    },
    get explanation() {
      return t('rangeExplainDynamic');
    },
  },
};

/** What a record's status means; "assigned" needs no explanation, the record says to what. */
export const STATUS_EXPLANATIONS: Readonly<Record<Exclude<Status, 'assigned'>, string>> = {
  get reserved() {
    return t('statusExplainReserved');
  },
  get unassigned() {
    return t('statusExplainUnassigned');
  },
};
