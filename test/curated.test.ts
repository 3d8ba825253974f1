import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CuratedDataError, parseCurated } from '../lib/curated';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(root, path), 'utf8'));
const usesJson = readJson('data/curated/common-uses.json') as Record<string, unknown>[];
const storiesJson = readJson('data/curated/stories.json') as Record<string, unknown>[];
const curated = parseCurated(usesJson, storiesJson);

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

/** Runs parseCurated on one bad entry and returns the error message. */
function useError(entry: unknown, others: unknown[] = []): string {
  try {
    parseCurated([...others, entry], []);
  } catch (e) {
    expect(e).toBeInstanceOf(CuratedDataError);
    return (e as Error).message;
  }
  throw new Error('expected parseCurated to throw');
}

function storyError(entry: unknown): string {
  try {
    parseCurated([], [entry]);
  } catch (e) {
    expect(e).toBeInstanceOf(CuratedDataError);
    return (e as Error).message;
  }
  throw new Error('expected parseCurated to throw');
}

describe('the committed curated data', () => {
  it('has at least 200 common uses, each with a real port number', () => {
    expect(curated.uses.length).toBeGreaterThanOrEqual(200);
    for (const u of curated.uses) {
      expect(Number.isInteger(u.port) && u.port >= 0 && u.port <= 65535, `${u.software}: ${u.port}`).toBe(true);
      if (u.portEnd !== undefined) expect(u.portEnd).toBeGreaterThan(u.port);
    }
  });

  it('keeps common-uses.json sorted by port so reviewers find a port in one place', () => {
    const ports = usesJson.map((u) => u.port as number);
    expect(ports).toEqual([...ports].sort((a, b) => a - b));
  });

  it('covers every category the issue names', () => {
    const has = (port: number, pattern: RegExp) => curated.usesFor(port).some((u) => pattern.test(u.software));
    expect(has(3000, /grafana/i)).toBe(true);
    expect(has(5173, /vite/i)).toBe(true);
    expect(has(4200, /angular/i)).toBe(true);
    expect(has(5432, /postgres/i)).toBe(true);
    expect(has(9092, /kafka/i)).toBe(true);
    expect(has(9090, /prometheus/i)).toBe(true);
    expect(has(9100, /node_exporter/i)).toBe(true);
    expect(has(3100, /loki/i)).toBe(true);
    expect(has(6443, /kubernetes/i)).toBe(true);
    expect(has(10250, /kubelet/i)).toBe(true);
    expect(has(2379, /etcd/i)).toBe(true);
    expect(has(2376, /docker/i)).toBe(true);
    expect(has(3389, /remote desktop/i)).toBe(true);
    expect(has(587, /submission/i)).toBe(true);
    expect(has(636, /ldap/i)).toBe(true);
    expect(has(51820, /wireguard/i)).toBe(true);
    expect(has(25565, /minecraft/i)).toBe(true);
    expect(has(1883, /mqtt/i)).toBe(true);
    expect(has(5683, /coap/i)).toBe(true);
    const kinds = new Set(curated.uses.map((u) => u.kind));
    expect([...kinds].sort()).toEqual(['convention', 'default', 'deprecated', 'malware', 'scanner-target']);
    expect(curated.usesFor(4444).some((u) => u.kind === 'malware' && /metasploit/i.test(u.software))).toBe(true);
    expect(curated.usesFor(31337).some((u) => u.kind === 'malware' && /back orifice/i.test(u.software))).toBe(true);
  });

  it('cites a source for every entry, checked on a plausible date', () => {
    for (const u of [...curated.uses.map((x) => x.source), ...curated.stories.flatMap((s) => s.sources)]) {
      expect(u.url.startsWith('https://')).toBe(true);
      // Never a day that has not come yet.
      expect(u.checked >= '2020-01-01' && u.checked <= new Date().toISOString().slice(0, 10), u.checked).toBe(true);
    }
  });

  it('says which defaults changed, and explains the ports a Mac holds for AirPlay', () => {
    const uses = (port: number) => curated.usesFor(port).map((u) => `${u.software} [${u.kind}]`);
    // Kestrel's HTTPS default went away in ASP.NET Core 7.0; Prisma Studio moved in Prisma 7.0.0.
    expect(curated.usesFor(5001).find((u) => /Kestrel/.test(u.software))).toMatchObject({
      kind: 'deprecated',
      note: expect.stringMatching(/^Only up to ASP\.NET Core 6\. Since 7\.0/),
    });
    expect(uses(5555)).toContain('Prisma Studio [deprecated]');
    expect(uses(51212)[0]).toBe('Prisma Studio (Prisma ORM 7 and later) [default]');
    // On a Mac, AirPlay Receiver is what holds 5000 (first, before Flask) and 7000.
    expect(uses(5000)[0]).toBe('AirPlay Receiver on macOS 12 and later (ControlCenter) [default]');
    expect(uses(7000)).toContain('AirPlay Receiver on macOS 12 and later (ControlCenter) [default]');
    expect(uses(8081)).toContain('Motion (webcam motion detection) live stream [convention]');
  });

  it('spells CIR as the Wireless Village specification does', () => {
    for (const port of [3716, 3717]) {
      const text = curated.storyFor(port)!.paragraphs.join(' ');
      expect(text).toContain('Communication Initiation Request');
      expect(text).not.toContain('Connection Initiation Request');
    }
  });

  it('has stories for the five seed ports and at least 20 more, each with 2+ paragraphs and a source', () => {
    for (const port of [3716, 3717, 3590, 2923, 3699])
      expect(curated.storyFor(port), `story for ${port}`).toBeDefined();
    expect(curated.stories.length).toBeGreaterThanOrEqual(25);
    for (const s of curated.stories) {
      expect(s.paragraphs.length, `story ${s.port}`).toBeGreaterThanOrEqual(2);
      expect(s.sources.length, `story ${s.port}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('keeps the seed stories factual where the registry can confirm them', () => {
    expect(curated.storyFor(3717)!.paragraphs.join(' ')).toMatch(/March 2003/);
    expect(curated.storyFor(3590)!.paragraphs.join(' ')).toMatch(/August 2002/);
    expect(curated.storyFor(3699)!.paragraphs.join(' ')).toMatch(/February 2003/);
  });
});

describe('usesFor', () => {
  it('returns single-port entries first, then ranges that cover the port', () => {
    // 33060 is MySQL X Protocol and also inside the Linux ephemeral range 32768-60999.
    const at33060 = curated.usesFor(33060);
    expect(at33060[0].software).toMatch(/MySQL X/);
    expect(at33060.slice(1).every((u) => u.portEnd !== undefined)).toBe(true);
    expect(at33060.some((u) => /Linux ephemeral/.test(u.software))).toBe(true);
  });

  it('finds a port inside a range entry but not just outside it', () => {
    expect(curated.usesFor(6010).some((u) => /X Window/.test(u.software))).toBe(true);
    expect(curated.usesFor(6063).some((u) => /X Window/.test(u.software))).toBe(true);
    expect(curated.usesFor(6064).some((u) => /X Window/.test(u.software))).toBe(false);
    expect(curated.usesFor(31000).some((u) => /NodePort/.test(u.software))).toBe(true);
  });

  it('narrows by protocol, keeping entries that name no protocol', () => {
    const udp = curated.usesFor(53, 'udp');
    expect(udp.some((u) => /amplification/.test(u.software))).toBe(true);
    const tcp = curated.usesFor(53, 'tcp');
    expect(tcp.some((u) => /amplification/.test(u.software))).toBe(false);
    expect(tcp.some((u) => /DNS servers/.test(u.software))).toBe(true); // no protocol: both
  });

  it('returns an empty list for a port nobody curated', () => {
    expect(curated.usesFor(3716)).toEqual([]);
  });
});

describe('searchSoftware', () => {
  it('finds ports by software name, case-insensitively', () => {
    expect(curated.searchSoftware('grafana').map((u) => u.port)).toContain(3000);
    expect(curated.searchSoftware('MINECRAFT').map((u) => u.port)).toEqual(expect.arrayContaining([25565, 19132]));
    const vite = curated.searchSoftware('vite');
    expect(vite.map((u) => u.port)).toEqual(expect.arrayContaining([5173, 4173]));
    expect(vite.every((u) => /^vite/i.test(u.software))).toBe(true); // no "Vite" buried mid-name outranks these
  });

  it('matches words inside names and multi-word queries', () => {
    expect(curated.searchSoftware('node_exporter').map((u) => u.port)).toContain(9100);
    expect(curated.searchSoftware('kubelet').map((u) => u.port)).toEqual(expect.arrayContaining([10250, 10255]));
    expect(curated.searchSoftware('sql server').map((u) => u.port)).toContain(1433);
    expect(curated.searchSoftware('redis sentinel').map((u) => u.port)).toEqual([26379]);
  });

  it('ranks an exact name above names that merely contain the query', () => {
    const results = curated.searchSoftware('redis');
    expect(results[0].software).toBe('Redis');
  });

  it('returns nothing for blank or unknown queries and respects the limit', () => {
    expect(curated.searchSoftware('   ')).toEqual([]);
    expect(curated.searchSoftware('zzzz-no-such-software')).toEqual([]);
    expect(curated.searchSoftware('e', 5)).toHaveLength(5);
  });
});

describe('parseCurated validation', () => {
  it('accepts a minimal valid entry and story', () => {
    const data = parseCurated([use()], [story()]);
    expect(data.usesFor(22)).toHaveLength(1);
    expect(data.storyFor(22)?.title).toBe('SSH');
  });

  it('rejects an entry without a source, naming the index', () => {
    const { source: _omit, ...noSource } = use();
    expect(useError(noSource, [use({ software: 'Dropbear' })])).toMatch(/^common-uses\[1\]: missing source/);
  });

  it('rejects bad URLs, non-https URLs and impossible dates', () => {
    expect(useError(use({ source: { ...source, url: 'not a url' } }))).toMatch(/source\.url is not a valid URL/);
    expect(useError(use({ source: { ...source, url: 'http://example.org/' } }))).toMatch(/must use https/);
    expect(useError(use({ source: { ...source, url: 'https://example.org/a b' } }))).toMatch(/contains whitespace/);
    expect(useError(use({ source: { ...source, checked: '2026-02-30' } }))).toMatch(/not a real calendar date/);
    expect(useError(use({ source: { ...source, checked: '23/11/2026' } }))).toMatch(/ISO date/);
    expect(useError(use({ source: { ...source, title: '' } }))).toMatch(/source\.title must not be empty/);
  });

  it('rejects ports out of range, fractional ports and backwards ranges', () => {
    expect(useError(use({ port: 65536 }))).toMatch(/port must be an integer in 0-65535/);
    expect(useError(use({ port: -1 }))).toMatch(/0-65535/);
    expect(useError(use({ port: 80.5 }))).toMatch(/0-65535/);
    expect(useError(use({ port: '80' }))).toMatch(/0-65535/);
    expect(useError(use({ port: 6063, portEnd: 6000 }))).toMatch(/portEnd 6000 is below port 6063/);
    expect(useError(use({ portEnd: 22 }))).toMatch(/omit portEnd/);
  });

  it('rejects unknown kinds, protocols and fields', () => {
    expect(useError(use({ kind: 'popular' }))).toMatch(/unknown kind "popular"/);
    expect(useError(use({ protocol: 'icmp' }))).toMatch(/unknown protocol "icmp"/);
    expect(useError(use({ sofware: 'typo' }))).toMatch(/unknown field "sofware"/);
    expect(useError(use({ software: '  padded ' }))).toMatch(/leading or trailing spaces/);
    expect(useError(use({ note: 'x'.repeat(241) }))).toMatch(/over the limit of 240/);
  });

  it('rejects duplicate entries but allows one software to appear under two kinds', () => {
    expect(useError(use(), [use()])).toMatch(/^common-uses\[1\]: duplicate of entry 0/);
    expect(() => parseCurated([use(), use({ kind: 'scanner-target' })], [])).not.toThrow();
  });

  it('rejects stories without sources, with too few paragraphs, or twice for one port', () => {
    expect(storyError(story({ sources: [] }))).toMatch(/^stories\[0\]: sources must be a non-empty array/);
    const { sources: _omit, ...noSources } = story();
    expect(storyError(noSources)).toMatch(/missing sources/);
    expect(storyError(story({ paragraphs: ['Only one.'] }))).toMatch(/needs 2-4 paragraphs, has 1/);
    expect(() => parseCurated([], [story(), story()])).toThrow(/stories\[1\]: duplicate story for port 22/);
  });

  it('rejects files that are not arrays', () => {
    expect(() => parseCurated({}, [])).toThrow(/common-uses: must be a JSON array/);
    expect(() => parseCurated([], null)).toThrow(/stories: must be a JSON array/);
  });

  it('freezes the parsed data so callers cannot corrupt the shared copy', () => {
    const data = parseCurated([use()], []);
    expect(Object.isFrozen(data.uses[0])).toBe(true);
    expect(Object.isFrozen(data.uses[0].source)).toBe(true);
  });
});

// Stories must be written in our own words: no run of 8 words may be lifted from the seed pages.
const seedsDir = join(root, '..', 'shared', 'seeds');
const seedsPresent = existsSync(seedsDir);
if (!seedsPresent) console.warn(`Skipping the copied-sentence check: seed pages not found at ../shared/seeds`);

describe.skipIf(!seedsPresent)('stories are not copied from the seed pages', () => {
  const RUN = 8;
  const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const runs = (words: string[]) => {
    const out = new Set<string>();
    for (let i = 0; i + RUN <= words.length; i++) out.add(words.slice(i, i + RUN).join(' '));
    return out;
  };

  it(`shares no ${RUN}-word run with /shared/seeds/*.txt`, () => {
    const seedRuns = new Set<string>();
    for (const file of readdirSync(seedsDir).filter((f) => f.endsWith('.txt'))) {
      for (const r of runs(wordsOf(readFileSync(join(seedsDir, file), 'utf8')))) seedRuns.add(r);
    }
    expect(seedRuns.size).toBeGreaterThan(1000); // the check is only meaningful if the seeds were read
    const copied: string[] = [];
    for (const s of curated.stories) {
      for (const r of runs(wordsOf([s.title, ...s.paragraphs].join(' '))))
        if (seedRuns.has(r)) copied.push(`${s.port}: "${r}"`);
    }
    expect(copied).toEqual([]);
  });
});
