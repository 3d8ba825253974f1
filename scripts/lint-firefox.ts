// web-ext lint on the Firefox build, one line per finding; fails on errors (warnings are listed, not fatal).
import { spawnSync } from 'node:child_process';

const run = spawnSync(
  'npx',
  ['web-ext', 'lint', '--source-dir', '.output/firefox-mv2', '--self-hosted', '--output', 'json'],
  {
    encoding: 'utf8',
  },
);
let report: { summary: Record<string, number>; errors: Finding[]; warnings: Finding[]; notices: Finding[] };
interface Finding {
  code: string;
  file?: string;
  message: string;
}
try {
  report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
} catch {
  console.error(`web-ext lint gave no report (exit ${run.status}):\n${run.stderr}`);
  process.exit(1);
}
for (const kind of ['errors', 'warnings', 'notices'] as const) {
  for (const finding of report[kind])
    console.log(`web-ext ${kind.slice(0, -1)}: ${finding.code} ${finding.file ?? ''} ${finding.message}`);
}
console.log(
  `web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`,
);
process.exit(report.summary.errors > 0 ? 1 : 0);
