// The committed registry against IANA's XML, record by record (scripts/data/truth.ts reads the XML on its own
// terms, not through the build's parser). Without ../shared/iana/ there is nothing to compare with: skipped, saying so.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../lib/registry';
import { SHARED_XML } from '../scripts/build-data';
import { compareWithXml, type Figure } from '../scripts/data/truth';

const root = join(__dirname, '..');
const xmlPath = join(root, SHARED_XML);
const hasXml = existsSync(xmlPath);

describe("data/registry.json against IANA's XML", () => {
  const result = hasXml
    ? compareWithXml(
        createRegistry(JSON.parse(readFileSync(join(root, 'data/registry.json'), 'utf8'))),
        readFileSync(xmlPath, 'utf8'),
      )
    : null;
  const figure = (what: string): Figure => {
    const found = result!.figures.find((f) => f.what === what);
    if (!found) throw new Error(`no figure "${what}"`);
    return found;
  };

  it.for([
    'records present',
    'multi-service slots complete',
    'name',
    'description',
    'registered',
    'modified',
    'assignee',
    'contact',
    'references',
    'notes',
    'unauthorized',
    'unassigned slots answered as unassigned',
    'renames IANA does not contradict',
  ])('agrees on %s in at least 99 % of the checks', (what, { skip }) => {
    skip(!hasXml, `${SHARED_XML} is absent: the registry cannot be compared with IANA's XML in this checkout`);
    const { agree, checked, differences } = figure(what);
    expect(checked).toBeGreaterThan(100);
    // On failure the first differences say what went wrong.
    expect({ share: agree / checked >= 0.99, differences: differences.slice(0, 5) }).toMatchObject({ share: true });
  });

  it('compares the snapshot the registry says it was built from', ({ skip }) => {
    skip(!hasXml, `${SHARED_XML} is absent: nothing to compare with`);
    expect(result!.updated).toBe('2026-08-17');
    expect(
      createRegistry(JSON.parse(readFileSync(join(root, 'data/registry.json'), 'utf8'))).meta.snapshots.map(
        (s) => s.asOf,
      ),
    ).toContain(result!.updated);
  });

  it('tells a wrong registry from a right one: a registry that lost its multi-service slots fails', ({ skip }) => {
    skip(!hasXml, `${SHARED_XML} is absent: nothing to compare with`);
    const data = JSON.parse(readFileSync(join(root, 'data/registry.json'), 'utf8'));
    // Drop every second record of each multi-service slot, as the old one-service-per-slot source did.
    const seen = new Set<string>();
    data.records = data.records.filter((record: number[]) => {
      const key = `${record[0]}/${record[1]}/${Math.floor((record[2] ?? 0) / 3)}`;
      const keep = (record[3] ?? 0) === 0 || !seen.has(key);
      seen.add(key);
      return keep;
    });
    const broken = compareWithXml(createRegistry(data), readFileSync(xmlPath, 'utf8'));
    const slots = broken.figures.find((f) => f.what === 'multi-service slots complete')!;
    expect(slots.agree / slots.checked).toBeLessThan(0.5);
    expect(slots.differences).toContain('465-465/tcp: missing urd');
  });
});
