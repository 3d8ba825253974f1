// Every UI string exists in every locale, with the same substitutions, and the manifest's strings are among them.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES, placeholdersOf, setMessageSource, substitute, t, type MessageKey } from '../lib/i18n';

type Catalog = Record<string, { message: string; description?: string }>;
const read = (locale: string): Catalog => JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'));
const english = read('en');

describe('locales', () => {
  it('ships exactly the locales the code names', () => {
    expect(readdirSync('public/_locales').sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES.filter((l) => l !== 'en'))(
    '%s has every English message, no others, and keeps their $n substitutions',
    (locale) => {
      const catalog = read(locale);
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort());
      for (const [key, { message }] of Object.entries(catalog)) {
        expect(message.trim(), `${locale}.${key} is empty`).not.toBe('');
        expect(placeholdersOf(message), `${locale}.${key}`).toEqual(placeholdersOf(english[key].message));
      }
    },
  );

  it('describes every English message for translators, and keys are what Chrome accepts', () => {
    for (const [key, entry] of Object.entries(english)) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(entry.description, key).toBeTruthy();
    }
  });

  it('holds the manifest strings the build refers to', () => {
    const manifest = readFileSync('wxt.config.ts', 'utf8');
    const used = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const key of used) expect(english, key).toHaveProperty(key);
  });

  it('holds every key the source uses', () => {
    const files = [
      ...[
        'ui/PortCard.tsx',
        'ui/popup/Popup.tsx',
        'ui/popup/PortList.tsx',
        'ui/popup/PastePanel.tsx',
        'ui/card-page/CardPage.tsx',
      ],
      ...[
        'ui/options/Options.tsx',
        'entrypoints/options/main.tsx',
        'lib/format.ts',
        'lib/range-classes.ts',
        'lib/range-info.ts',
      ],
      ...['lib/how-to-check.ts', 'lib/site-input.ts', 'lib/registry.ts', 'lib/search.ts', 'page/popover.ts'],
      ...['lib/omnibox.ts', 'ext/background.ts'],
      ...readdirSync('ui/card').map((file) => `ui/card/${file}`),
    ];
    // t('key' …) and the keys of label tables ({ default: 'kindDefault' }) that reach t() through a lookup.
    const source = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    const used = [
      ...source.matchAll(/\bt\('(\w+)'/g),
      ...source.matchAll(/: '((?:kind|popup|rangeLine|historyState)[A-Z]\w+)'/g),
    ].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(200);
    for (const key of used) expect(english, key).toHaveProperty(key);
  });
});

describe('t', () => {
  it('reads the browser’s message, with substitutions, and falls back to English', () => {
    const asked: string[] = [];
    setMessageSource((key, subs) => (asked.push(`${key}:${subs?.join('|')}`), key === 'pasteClear' ? 'Leeren' : ''));
    try {
      expect(t('pasteClear')).toBe('Leeren');
      expect(t('listSummary', 3, 7)).toBe('Ports: 3 · mentions: 7');
      expect(asked).toEqual(['pasteClear:', 'listSummary:3|7']);
    } finally {
      setMessageSource(null);
    }
    expect(t('cardResultsFor' as MessageKey, '<b>')).toBe('Results for “<b>”');
  });

  it('substitutes like the i18n API', () => {
    expect(substitute('$1 of $2, $$5', ['a', 'b'])).toBe('a of b, $5');
    expect(substitute('$3', [])).toBe('');
  });
});
