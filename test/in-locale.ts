// Runs code with one locale's messages as the i18n source, as the extension's pages and background do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setMessageSource, substitute } from '../lib/i18n';

type Catalog = Record<string, { message: string }>;

export const catalog = (locale: string): Catalog =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', `public/_locales/${locale}/messages.json`), 'utf8'));

export function inLocale<T>(locale: string, run: () => T): T {
  const messages = catalog(locale);
  setMessageSource((key, substitutions = []) => substitute(messages[key]?.message ?? '', substitutions));
  try {
    return run();
  } finally {
    setMessageSource(null);
  }
}
