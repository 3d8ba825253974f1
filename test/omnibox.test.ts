import { describe, expect, it } from 'vitest';
import { cardPagePath, defaultSuggestion, escapeOmniboxXml, omniboxSuggestions, queryOfCardPage } from '../lib/omnibox';
import { createSearchIndex, search } from '../lib/search';
import type { CommonUse } from '../lib/types';
import { record } from './fixtures/port-info/make';
import { inLocale } from './in-locale';

const KUBE: CommonUse = {
  software: 'Kubernetes NodePort services',
  kind: 'default',
  port: 30000,
  portEnd: 32767,
  source: { title: 'k8s', url: 'https://kubernetes.io/docs/', checked: '2026-11-01' },
};
const POSTGRES: CommonUse = { ...KUBE, software: 'PostgreSQL', port: 5432, portEnd: undefined };
const index = createSearchIndex(
  [
    record({ port: 5432, protocol: 'tcp', name: 'postgresql', description: 'PostgreSQL Database' }),
    record({ port: 5432, protocol: 'udp', name: 'postgresql', description: 'PostgreSQL Database' }),
    record({ port: 465, protocol: 'tcp', name: 'urd', description: 'URL Rendezvous Directory for SSM' }),
    record({ port: 465, protocol: 'tcp', name: 'submissions', description: 'Message Submission over TLS protocol' }),
    record({ port: 31337, protocol: 'tcp', name: 'x<&>"\'', description: 'Back <Orifice> & "friends"' }),
  ],
  [KUBE, POSTGRES],
);
const ask = (q: string) => search(index, q);

describe('omnibox suggestions', () => {
  it('suggests a port with its name, protocols, description and curated use, marked up for Chrome', () => {
    const [first] = omniboxSuggestions('5432', ask('5432'), 'xml');
    expect(first).toEqual({
      content: '5432',
      description:
        '<match>5432</match> postgresql<dim> (tcp, udp)</dim><dim> — PostgreSQL Database</dim><dim> · common use: PostgreSQL</dim>',
    });
  });

  it('finds a service by name ("postgres")', () => {
    const suggestions = omniboxSuggestions('postgres', ask('postgres'), 'text');
    expect(suggestions[0].content).toBe('5432');
    expect(suggestions[0].description).toBe('5432 postgresql (tcp, udp) — PostgreSQL Database');
  });

  it('suggests the range itself first for a range query, then what the registry holds in it', () => {
    const suggestions = omniboxSuggestions('30000-32767', ask('30000-32767'), 'text');
    expect(suggestions).toEqual([
      { content: '30000-32767', description: '30000–32767 range — 1 entry in the registry' },
      { content: '31337', description: '31337 x<&>"\' (tcp) — Back <Orifice> & "friends"' },
    ]);
  });

  it('keeps suggestions distinct when several services share a port', () => {
    const contents = omniboxSuggestions('465', ask('465'), 'text').map((s) => s.content);
    expect(contents).toEqual(['465 urd', '465 submissions']);
  });

  it('escapes registry text for Chrome, and leaves it plain for Firefox', () => {
    const xml = omniboxSuggestions('31337', ask('31337'), 'xml')[0].description;
    expect(xml).toBe(
      '<match>31337</match> x&lt;&amp;&gt;&quot;&apos;<dim> (tcp)</dim><dim> — Back &lt;Orifice&gt; &amp; &quot;friends&quot;</dim><dim> · common use: Kubernetes NodePort services</dim>',
    );
    // Only our own tags remain once the escapes are taken out.
    expect(xml.replace(/&[a-z]+;/g, '').match(/<\/?[a-z]+>/g)).toEqual([
      '<match>',
      '</match>',
      '<dim>',
      '</dim>',
      '<dim>',
      '</dim>',
      '<dim>',
      '</dim>',
    ]);
    expect(omniboxSuggestions('31337', ask('31337'), 'text')[0].description).toMatch(
      /^31337 x<&>"' \(tcp\) — Back <Orifice> & "friends"/,
    );
  });

  it('escapes what the reader typed in the default suggestion, and drops control characters', () => {
    expect(escapeOmniboxXml('a&b<c>\u0007')).toBe('a&amp;b&lt;c&gt;');
    expect(defaultSuggestion('<b>&', ask('<b>&'), 'xml')).toBe(
      'Portolan: <match>&lt;b&gt;&amp;</match><dim> — no matches, Enter opens the card</dim>',
    );
    expect(defaultSuggestion('5432', ask('5432'), 'text')).toBe('Portolan: 5432 — 1 match, Enter opens the card');
    expect(defaultSuggestion('70000', ask('70000'), 'text')).toBe('Portolan: Port numbers run from 0 to 65535.');
    expect(defaultSuggestion('', null, 'xml')).toContain('type a port');
  });

  it('speaks the reader’s language, and leaves IANA’s text as IANA wrote it', () => {
    expect(inLocale('de', () => defaultSuggestion('5432', ask('5432'), 'text'))).toBe(
      'Portolan: 5432 — 1 Treffer, Eingabe öffnet die Karte',
    );
    expect(inLocale('es', () => defaultSuggestion('', null, 'text'))).toBe(
      'Portolan: escribe un puerto (5432), un rango (30000-32767) o un nombre (postgres)',
    );
    const [first] = inLocale('ru', () => omniboxSuggestions('5432', ask('5432'), 'text'));
    expect(first.description).toContain('PostgreSQL Database');
    expect(first.description).toContain('обычно: PostgreSQL');
  });
});

describe('card page address', () => {
  it('carries the query, encoded, and reads it back', () => {
    expect(cardPagePath(' 5432/tcp ')).toBe('/card.html?q=5432%2Ftcp');
    expect(queryOfCardPage(new URL(`chrome-extension://id${cardPagePath('a&b=c <x>')}`).search)).toBe('a&b=c <x>');
    expect(queryOfCardPage('')).toBe('');
  });
});
