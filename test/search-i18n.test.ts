// Why a search result is listed is UI text, in the reader's language; the names and descriptions beside it are
// registry data and stay as IANA wrote them.
import { afterEach, describe, expect, it } from 'vitest';
import { setMessageSource } from '../lib/i18n';
import { search } from '../lib/search';
import { unpackSearchIndex } from '../lib/search-pack';
import { readPackagedData, searchPackOf } from '../scripts/packaged-data';
import { inLocale } from './in-locale';

const index = unpackSearchIndex(JSON.parse(JSON.stringify(searchPackOf(readPackagedData()))));

const whyOf = (query: string, match: string) => search(index, query).results.find((r) => r.match === match)?.why;

afterEach(() => setMessageSource(null));

describe('why lines', () => {
  it('come out in German when the messages are German', () => {
    inLocale('de', () => {
      expect(whyOf('ssh', 'name')).toBe('Dienstname');
      expect(whyOf('postgres', 'name-prefix')).toBe('Dienstname beginnt mit „postgres“');
      expect(whyOf('postgrse', 'fuzzy')).toBe('Ähnlich wie „postgrse“');
      expect(whyOf('wireles vilage', 'fuzzy')).toBe('Ähnlich wie „wireles village“');
      expect(whyOf('network time', 'words')).toBe('Beschreibung erwähnt „network time“');
      expect(whyOf('wireless village', 'words')).toBe('Seine Geschichte erwähnt „wireless village“');
      expect(whyOf('6001', 'range')).toBe('Teil des Bereichs 6000–6063');
      expect(whyOf('3717', 'port')).toBe('Port 3717');
      expect(whyOf('4', 'unassigned')).toBe('Nicht zugewiesen · System-Bereich, 0–1023');
      expect(whyOf('4/udp', 'unassigned')).toBe('Auf UDP nicht zugewiesen · System-Bereich, 0–1023');
      expect(whyOf('minecraft', 'software')).toMatch(/^Minecraft.* lauscht standardmäßig auf \d+$/);
      expect(search(index, '70000').notice).toBe('Portnummern reichen von 0 bis 65535.');
    });
  });

  it('are all UI messages, whatever matched', () => {
    // Every message a marker: a why line built from English in the code would hold none.
    setMessageSource((key, substitutions = []) => `⟦${key}⟧${substitutions.join('|')}`);
    const queries = ['3717', '6001', '6000-6010', '8000-8010/tcp', '4', '4/udp', 'x11', 'ssh', 'postgres', 'postgrse'];
    const more = [
      'wireless village',
      'network time',
      'wireles vilage',
      'minecraft',
      'minecarft',
      'steam',
      'redis',
      'mongodb',
      'rdp',
    ];
    let rows = 0;
    for (const query of [...queries, ...more]) {
      for (const result of search(index, query).results) {
        expect(result.why, `${query}: ${result.key}`).toMatch(/⟦\w+⟧/);
        rows++;
      }
    }
    expect(rows).toBeGreaterThan(50);
  });

  it('stay English without a message source (Node, the CLI)', () => {
    expect(whyOf('postgrse', 'fuzzy')).toBe('Close to \u201cpostgrse\u201d');
    expect(whyOf('4/udp', 'unassigned')).toBe('Unassigned on UDP \u00b7 System range, 0\u20131023');
  });
});
