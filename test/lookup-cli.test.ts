// The lookup CLI, as `npm run -s lookup -- [--json] QUERY...` runs it.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../scripts/lookup';

const root = join(__dirname, '..');
const FIELDS = [
  'port',
  'portEnd',
  'protocol',
  'status',
  'name',
  'description',
  'assignee',
  'contact',
  'registered',
  'modified',
  'references',
  'notes',
  'unauthorizedUse',
  'sources',
  'history',
];

function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('lookup CLI', () => {
  it('answers --json 3717 6001 0 with one array element per query, every record with every field', () => {
    // The real command line, through tsx, as the README gives it.
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'scripts/lookup.ts'), '--json', '3717', '6001', '0'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const answers = JSON.parse(result.stdout) as { query: string; records: Record<string, unknown>[] }[];
    expect(answers.map((a) => a.query)).toEqual(['3717', '6001', '0']);
    for (const { records } of answers) for (const record of records) expect(Object.keys(record)).toEqual(FIELDS);
    const [wv, x11, zero] = answers.map((a) => a.records);
    expect(wv.map((r) => [r.protocol, r.name, r.registered])).toEqual([
      ['tcp', 'wv-csp-udp-cir', '2003-03'],
      ['udp', 'wv-csp-udp-cir', '2003-03'],
    ]);
    expect(wv[0].sources).toContainEqual({
      source: 'IANA registry',
      asOf: '2026-08-17',
      fields: expect.arrayContaining(['assignee', 'contact', 'registered']),
    });
    expect(x11.filter((r) => r.name === 'x11').map((r) => [r.port, r.portEnd])).toEqual([
      [6000, 6063],
      [6000, 6063],
    ]);
    expect(zero.map((r) => [r.protocol, r.status])).toEqual([
      ['tcp', 'reserved'],
      ['udp', 'reserved'],
    ]);
    expect(zero[0].history).toContainEqual(
      expect.objectContaining({
        asOf: '2014-07',
        source: expect.any(String),
        change: expect.stringContaining('spr-itunes'),
      }),
    );
  }, 60_000);

  it('adds curated common uses and stories to port answers, apart from the IANA records', () => {
    const { code, stdout } = run(['--json', '3000', '5173', '25565', '3717', '6000-6001']);
    expect(code).toBe(0);
    const answers = JSON.parse(stdout) as {
      query: string;
      commonUses?: { software: string; kind: string; source: { url: string } }[];
      story?: { port: number; sources: unknown[] };
    }[];
    const [grafana, vite, minecraft, wv, range] = answers;
    expect(grafana.commonUses?.map((u) => u.software)).toContain('Grafana');
    expect(vite.commonUses?.some((u) => /vite/i.test(u.software))).toBe(true);
    expect(minecraft.commonUses?.some((u) => /minecraft/i.test(u.software))).toBe(true);
    for (const use of [...grafana.commonUses!, ...vite.commonUses!, ...minecraft.commonUses!]) {
      expect(use.kind).toMatch(/^(default|convention|malware|scanner-target|deprecated)$/);
      expect(use.source.url).toMatch(/^https:\/\//);
    }
    expect(wv.commonUses).toBeUndefined();
    expect(wv.story?.port).toBe(3717);
    expect(wv.story?.sources.length).toBeGreaterThan(0);
    expect(range).not.toHaveProperty('commonUses');
    expect(run(['3000']).stdout).toContain('Common use in practice (curated by Portolan, not IANA)');
  });

  it("answers names and words with the popup's search, as full registry records", () => {
    const { code, stdout } = run(['--json', 'x11', 'domain', 'wireless village', 'grafana']);
    expect(code).toBe(0);
    const [x11, domain, village, grafana] = JSON.parse(stdout) as {
      records: { port: number; portEnd: number; protocol: string; name: string }[];
      commonUses?: { port: number; software: string }[];
    }[];
    expect(x11.records.slice(0, 2).map((r) => `${r.protocol} ${r.port}-${r.portEnd} ${r.name}`)).toEqual([
      'tcp 6000-6063 x11',
      'udp 6000-6063 x11',
    ]);
    expect(domain.records[0]).toMatchObject({ port: 53, name: 'domain' });
    expect(new Set(village.records.map((r) => r.port))).toEqual(new Set([3590, 3716, 3717]));
    expect(grafana.commonUses?.[0]).toMatchObject({ port: 3000, software: 'Grafana' });
  });

  it('prints a readable card for ports, ranges, names and words', () => {
    const { code, stdout } = run(['3717', '6000-6010', 'x11', 'wireless village']);
    expect(code).toBe(0);
    expect(stdout).toContain('Port 3717 · User (Registered) port, 1024–49151');
    expect(stdout).toContain('tcp, udp  wv-csp-udp-cir — WV CSP UDP/IP CIR Channel');
    expect(stdout).toContain('registered 2003-03');
    expect(stdout).toMatch(/Ports 6000–6010: \d+ records/);
    expect(stdout).toContain('tcp, udp port 6000–6063  x11 — X Window System');
    expect(stdout).toContain('"wireless village": 6 records');
  });

  it('refuses unknown and malformed queries on stderr with a non-zero exit and no stack trace', () => {
    for (const [args, message] of [
      [['70000'], 'lookup: "70000": port numbers go from 0 to 65535\n'],
      [['6010-6000'], 'lookup: "6010-6000": the range ends before it starts\n'],
      [['--json', 'qqqzzz'], 'lookup: no registry record matches "qqqzzz"\n'],
      [['--frob', '53'], /^lookup: unknown option --frob\nusage: /],
      [[], /^lookup: no query\n/],
    ] as const) {
      const { code, stdout, stderr } = run([...args]);
      expect(code).not.toBe(0);
      expect(stdout).toBe('');
      if (typeof message === 'string') expect(stderr).toBe(message);
      else expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });
});
