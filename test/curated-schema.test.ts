import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { parseCurated } from '../lib/curated';

// The JSON Schemas are the reviewable contract; lib/curated.ts validates by hand so the extension needs no ajv.
// These tests hold the two together: the committed files pass both, and bad entries fail both.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(root, path), 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addSchema(readJson('data/curated/schema/source.schema.json') as object);
const validateUses = ajv.compile(readJson('data/curated/schema/common-uses.schema.json') as object);
const validateStories = ajv.compile(readJson('data/curated/schema/stories.schema.json') as object);

const source = { title: 'RFC 4253', url: 'https://www.rfc-editor.org/rfc/rfc4253', checked: '2026-11-23' };
const use = (extra: Record<string, unknown> = {}) => ({
  port: 22,
  software: 'OpenSSH',
  kind: 'default',
  source,
  ...extra,
});
const story = (extra: Record<string, unknown> = {}) => ({
  port: 22,
  title: 'SSH',
  paragraphs: ['One.', 'Two.'],
  sources: [source],
  ...extra,
});

describe('JSON Schema for curated data', () => {
  it('accepts the committed common-uses.json and stories.json', () => {
    const uses = readJson('data/curated/common-uses.json');
    const stories = readJson('data/curated/stories.json');
    expect(validateUses(uses), ajv.errorsText(validateUses.errors)).toBe(true);
    expect(validateStories(stories), ajv.errorsText(validateStories.errors)).toBe(true);
  });

  it('rejects an entry without a source', () => {
    const { source: _omit, ...noSource } = use();
    expect(validateUses([noSource])).toBe(false);
    expect(validateUses.errors?.some((e) => e.keyword === 'required' && e.params.missingProperty === 'source')).toBe(
      true,
    );
  });

  // Each bad entry must be refused by the schema AND by parseCurated, so the two cannot drift apart silently.
  const badUses: [string, unknown][] = [
    ['no source', (({ source: _s, ...rest }) => rest)(use())],
    ['port above 65535', use({ port: 70000 })],
    ['negative port', use({ port: -1 })],
    ['fractional port', use({ port: 22.5 })],
    ['port as string', use({ port: '22' })],
    ['unknown kind', use({ kind: 'popular' })],
    ['unknown protocol', use({ protocol: 'icmp' })],
    ['unknown field', use({ sofware: 'typo' })],
    ['empty software', use({ software: '' })],
    ['padded software', use({ software: ' OpenSSH' })],
    ['long note', use({ note: 'x'.repeat(241) })],
    ['http url', use({ source: { ...source, url: 'http://example.org/' } })],
    ['url with spaces', use({ source: { ...source, url: 'https://example.org/a b' } })],
    ['bad date', use({ source: { ...source, checked: '23/11/2026' } })],
    ['source without title', use({ source: { url: source.url, checked: source.checked } })],
    ['source with extra field', use({ source: { ...source, author: 'me' } })],
  ];
  it.each(badUses)('schema and parseCurated both reject: %s', (_name, entry) => {
    expect(validateUses([entry])).toBe(false);
    expect(() => parseCurated([entry], [])).toThrow();
  });

  const badStories: [string, unknown][] = [
    ['no sources', (({ sources: _s, ...rest }) => rest)(story())],
    ['empty sources', story({ sources: [] })],
    ['one paragraph', story({ paragraphs: ['Only one.'] })],
    ['five paragraphs', story({ paragraphs: ['1', '2', '3', '4', '5'] })],
    ['empty paragraph', story({ paragraphs: ['One.', ''] })],
    ['bad port', story({ port: 65536 })],
    ['unknown field', story({ summary: 'x' })],
  ];
  it.each(badStories)('schema and parseCurated both reject story: %s', (_name, entry) => {
    expect(validateStories([entry])).toBe(false);
    expect(() => parseCurated([], [entry])).toThrow();
  });

  it('both accept the same minimal valid entry', () => {
    expect(validateUses([use({ portEnd: 23, protocol: 'tcp', note: 'n' })])).toBe(true);
    expect(validateStories([story()])).toBe(true);
    expect(() => parseCurated([use({ portEnd: 23, protocol: 'tcp', note: 'n' })], [story()])).not.toThrow();
  });
});
