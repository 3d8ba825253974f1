// The committed data/registry.json must be exactly what the generator makes now from IANA's XML (when this
// checkout has it), and the build command must stop on malformed or hostile input without touching its output.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRegistry, SHARED_XML, xmlPath } from '../scripts/build-data';
import { createRegistry } from '../lib/registry';

const root = join(__dirname, '..');
const fixtures = join(__dirname, 'fixtures/iana');
const sharedXml = join(root, SHARED_XML);

const runBuild = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build-data.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('data/registry.json', () => {
  it("is what `npm run data` generates from the pinned sources and IANA's XML now (regenerate and commit if this fails)", ({
    skip,
  }) => {
    // Without the XML the generator cannot make the committed file, so nothing here could tell right from wrong.
    skip(
      !existsSync(sharedXml),
      `${SHARED_XML} is absent: cannot check that data/registry.json matches its generator (only a checkout with IANA's XML can)`,
    );
    const { json } = generateRegistry();
    // Compare lengths first: a 900 KB diff in a failure message helps nobody.
    const committed = readFileSync(join(root, 'data/registry.json'), 'utf8');
    expect(committed.length).toBe(json.length);
    expect(committed === json).toBe(true);
  }, 60_000);

  it('names the XML it was built from, with its SHA-256, so a checkout without the XML can still tell which', () => {
    const data = JSON.parse(readFileSync(join(root, 'data/registry.json'), 'utf8'));
    const xml = data.snapshots.find((snapshot: { id: string }) => snapshot.id === 'iana-xml');
    expect(xml).toMatchObject({ source: 'IANA registry', asOf: '2026-08-17' });
    expect(xml.note).toMatch(/service-names-port-numbers\.xml, SHA-256 [0-9a-f]{64}$/);
    if (existsSync(sharedXml)) {
      const sums = readFileSync(join(sharedXml, '../SHA256SUMS'), 'utf8');
      expect(sums).toContain(xml.note.slice(-64));
    }
  });
});

describe('npm run data', () => {
  const tempDir = () => mkdtempSync(join(tmpdir(), 'portolan-data-'));

  it('takes an official XML file as the newest snapshot, dated by its <updated>', () => {
    const out = join(tempDir(), 'registry.json');
    const result = runBuild(['--iana-xml', join(fixtures, 'official.xml'), '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/registry\.json: \d+ records from iana-xml \(2026-10-02\), port-numbers/);
    expect(result.stdout).toMatch(/\d+ KB, \d+ KB gzipped/);
    const registry = createRegistry(JSON.parse(readFileSync(out, 'utf8')));
    expect(registry.meta.snapshots[0]).toEqual({ source: 'IANA registry', asOf: '2026-10-02' });
    // The fixture is a full snapshot: wv-csp-sms on tcp is there with a new modification date and note...
    const [sms] = registry.lookupPort(3590).filter((r) => r.protocol === 'tcp');
    expect(sms).toMatchObject({
      name: 'wv-csp-sms',
      modified: '2024-05-06',
      notes: 'Wireless Village & OMA IMPS\nbinding over SMS',
    });
    // ...and what the full snapshot no longer lists is removed, with the date.
    const [kpn] = registry.lookupPort(3699);
    expect(kpn.status).toBe('unassigned');
    expect(kpn.history.at(-1)).toMatchObject({
      asOf: '2026-10-02',
      change: expect.stringContaining('"kpn-icw — Internet Call Waiting" no longer listed'),
    });
  }, 60_000);

  it('stops on a malformed file with file:line and a non-zero exit, leaving the output untouched', () => {
    const dir = tempDir();
    const out = join(dir, 'registry.json');
    writeFileSync(out, 'previous build\n');
    const result = runBuild(['--iana-csv', join(fixtures, 'malformed-port.csv'), '--out', out]);
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim()).toBe('npm run data: malformed-port.csv:4: port number "6000-66063" is above 65535');
    expect(readFileSync(out, 'utf8')).toBe('previous build\n');
    const xml = runBuild(['--iana-xml', join(fixtures, 'malformed.xml'), '--out', join(dir, 'other.json')]);
    expect(xml.status).not.toBe(0);
    expect(xml.stderr).toMatch(/^npm run data: malformed\.xml:13: XML is not well-formed/);
    expect(existsSync(join(dir, 'other.json'))).toBe(false);
  }, 60_000);

  // Hostile and broken files, each small and written by hand: the message names the file and line, the exit
  // code is non-zero, and the previous output is byte-for-byte what it was.
  const hostile: [file: string, message: string, extra?: string[]][] = [
    [
      'billion-laughs.xml',
      'billion-laughs.xml:2: DOCTYPE declarations are refused: entities in them could expand without bound or read other files',
    ],
    [
      'external-entity.xml',
      'external-entity.xml:2: DOCTYPE declarations are refused: entities in them could expand without bound or read other files',
    ],
    ['port-out-of-range.xml', 'port-out-of-range.xml:10: port number "65536" is above 65535'],
    ['reversed-range.xml', 'reversed-range.xml:4: port range "6063-6000" ends before it starts'],
    ['duplicate.xml', 'duplicate.xml:16: duplicate record: echo on 7/tcp is already listed at line 4'],
    ['invalid-utf8.xml', 'invalid-utf8.xml:6: invalid UTF-8 at byte 204'],
    ['control-character.xml', 'control-character.xml:5: control character U+0001 in the text'],
    ['no-records.xml', 'no-records.xml:1: the registry has no <record> elements'],
    [
      'other-registry.xml',
      'other-registry.xml:2: this is the registry "protocol-numbers", not IANA\'s "service-names-port-numbers"',
    ],
    [
      'official.xml',
      `official.xml: file is ${statSync(join(fixtures, 'official.xml')).size} bytes, more than the 1000-byte limit for a registry file`,
      ['--max-bytes', '1000'],
    ],
  ];
  it.each(hostile)(
    'refuses %s with its file and line, changing nothing on disk',
    (file, message, extra = []) => {
      const out = join(tempDir(), 'registry.json');
      writeFileSync(out, 'previous build\n');
      const result = runBuild(['--iana-xml', join(fixtures, file), '--out', out, ...extra]);
      expect(result.stderr.trim()).toBe(`npm run data: ${message}`);
      expect(result.status).toBe(1);
      expect(readFileSync(out, 'utf8')).toBe('previous build\n');
    },
    30_000,
  );

  it('refuses a well-formed file that would drop most of the current records, unless told to with --allow-drop', () => {
    const out = join(tempDir(), 'registry.json');
    copyFileSync(join(root, 'data/registry.json'), out);
    const before = readFileSync(out, 'utf8');
    const refused = runBuild(['--iana-xml', join(fixtures, 'official.xml'), '--out', out]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /^npm run data: the new registry lacks \d+ of the \d+ assigned or reserved records in registry\.json \(\d+\.\d %, more than 2 %\)/,
    );
    expect(refused.stderr).toMatch(/rerun with --allow-drop if the loss is real\n$/);
    expect(readFileSync(out, 'utf8')).toBe(before);
    const allowed = runBuild(['--iana-xml', join(fixtures, 'official.xml'), '--out', out, '--allow-drop']);
    expect(allowed.status).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toBe(before);
  }, 60_000);

  it('without the shared XML, stops and says how to go on instead of quietly building an older registry', () => {
    expect(() => xmlPath({ root: tempDir() })).toThrow(
      /^\.\.\/shared\/iana\/service-names-port-numbers\.xml: IANA's XML is not there: give --iana-xml FILE .*, or --without-iana-xml/,
    );
    expect(xmlPath({ root: tempDir(), ianaXml: null })).toBeNull();
  });

  it('refuses the shared XML when it does not match its SHA256SUMS', () => {
    const dir = tempDir();
    const xml = join(dir, 'service-names-port-numbers.xml');
    copyFileSync(join(fixtures, 'official.xml'), xml);
    writeFileSync(join(dir, 'SHA256SUMS'), `${'0'.repeat(64)}  service-names-port-numbers.xml\n`);
    const out = join(dir, 'registry.json');
    const result = runBuild(['--iana-xml', xml, '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^npm run data: service-names-port-numbers\.xml: SHA-256 is [0-9a-f]{64}, SHA256SUMS says 0{64}: the file is not the one it lists/,
    );
    expect(existsSync(out)).toBe(false);
  }, 30_000);
});
