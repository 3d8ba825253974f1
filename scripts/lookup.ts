// npm run -s lookup -- [--json] QUERY...
// QUERY is a port (3717), a range (6000-6010), a service name (x11) or words ("wireless village").
// Reads data/registry.json through lib/registry.ts, the module the extension uses.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Registry } from '../lib/registry';
import { MAX_PORT, RANGE_CLASSES } from '../lib/range-classes';
import { search, type SearchIndex } from '../lib/search';
import { registrySearchIndex } from '../lib/search-pack';
import type { CommonUse, PortRecord, PortStory } from '../lib/types';
import { DATA_FILES, PROJECT_ROOT, readPackagedData } from './packaged-data';

const USAGE = 'usage: npm run -s lookup -- [--json] QUERY...  (QUERY: 3717 | 6000-6010 | x11 | "wireless village")';
const PRINT_LIMIT = 40;
const WORDS_LIMIT = 100;

export type Query =
  | { kind: 'port'; text: string; port: number }
  | { kind: 'range'; text: string; from: number; to: number }
  | { kind: 'words'; text: string };

export class QueryError extends Error {}

/** Classify one query, or say what is wrong with it. */
export function parseQuery(text: string): Query {
  const trimmed = text.trim();
  if (trimmed === '') throw new QueryError('empty query');
  if (/^\d+$/.test(trimmed)) {
    const port = Number(trimmed);
    if (port > MAX_PORT) throw new QueryError(`"${trimmed}": port numbers go from 0 to ${MAX_PORT}`);
    return { kind: 'port', text, port };
  }
  const range = /^(\d+)\s*[-–:]\s*(\d+)$/.exec(trimmed);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    if (from > MAX_PORT || to > MAX_PORT) throw new QueryError(`"${trimmed}": port numbers go from 0 to ${MAX_PORT}`);
    if (to < from) throw new QueryError(`"${trimmed}": the range ends before it starts`);
    return { kind: 'range', text, from, to };
  }
  if (/^[-–:\d\s]+$/.test(trimmed))
    throw new QueryError(`"${trimmed}" is neither a port, a range like 6000-6010, nor words`);
  return { kind: 'words', text };
}

/** Words are answered by the popup's own search (lib/search.ts), turned back into full registry records. */
function answerWords(
  registry: Registry,
  index: SearchIndex,
  text: string,
): { records: PortRecord[]; commonUses: CommonUse[] } {
  const records: PortRecord[] = [];
  const commonUses: CommonUse[] = [];
  for (const result of search(index, text, WORDS_LIMIT).results) {
    if (result.status === null) {
      // A curated software match: the use itself, not an IANA record.
      commonUses.push(...registry.info(result.port).commonUses.filter((use) => use.software === result.software));
      continue;
    }
    const same = (record: PortRecord) =>
      record.port === result.port &&
      record.portEnd === result.portEnd &&
      record.name === result.name &&
      result.protocols.includes(record.protocol);
    records.push(...registry.lookupRange(result.port, result.portEnd).filter(same));
  }
  if (records.length === 0 && commonUses.length === 0)
    throw new QueryError(`no registry record matches "${text.trim()}"`);
  return { records, commonUses };
}

export function answer(registry: Registry, index: SearchIndex, query: Query): Omit<Answer, 'query'> {
  switch (query.kind) {
    case 'port': {
      const { commonUses, story } = registry.info(query.port);
      return { records: registry.lookupPort(query.port), commonUses, ...(story ? { story } : {}) };
    }
    case 'range':
      return { records: registry.lookupRange(query.from, query.to) };
    case 'words':
      return answerWords(registry, index, query.text);
  }
}

const portText = (record: PortRecord) =>
  record.portEnd === record.port ? `${record.port}` : `${record.port}–${record.portEnd}`;

/** Records that differ only by protocol print once, as "tcp, udp". */
function groupByContent(records: PortRecord[]): { protocols: string[]; record: PortRecord }[] {
  const groups = new Map<string, { protocols: string[]; record: PortRecord }>();
  for (const record of records) {
    const key = JSON.stringify({ ...record, protocol: undefined });
    const group = groups.get(key);
    if (group) group.protocols.push(record.protocol);
    else groups.set(key, { protocols: [record.protocol], record });
  }
  return [...groups.values()];
}

interface Answer {
  query: Query;
  records: PortRecord[];
  commonUses?: CommonUse[];
  story?: PortStory;
}

function card({ query, records, commonUses = [], story }: Answer, registry: Registry): string {
  const lines: string[] = [];
  const range = query.kind === 'port' ? RANGE_CLASSES[registry.rangeClass(query.port)] : null;
  if (query.kind === 'port' && range)
    lines.push(`Port ${query.port} · ${range.label} port, ${range.first}–${range.last}`);
  else if (query.kind === 'range') lines.push(`Ports ${query.from}–${query.to}: ${records.length} records`);
  else lines.push(`"${query.text.trim()}": ${records.length} records`);
  const groups = groupByContent(records);
  for (const { protocols, record } of groups.slice(0, PRINT_LIMIT)) {
    const title =
      record.status === 'assigned'
        ? `${record.name ?? '(no service name)'}${record.description ? ` — ${record.description}` : ''}`
        : `${record.status === 'reserved' ? 'Reserved' : 'Unassigned'}${record.description && !/^(reserved|unassigned)$/i.test(record.description) ? ` — ${record.description}` : ''}`;
    const where = query.kind === 'port' && record.portEnd === record.port ? '' : ` port ${portText(record)}`;
    lines.push('', `  ${protocols.join(', ')}${where}  ${title}`);
    if (record.portEnd !== record.port && query.kind === 'port')
      lines.push(`    part of the range ${portText(record)}`);
    const facts = [
      record.assignee && `assignee ${record.assignee}`,
      record.contact && record.contact !== record.assignee && `contact ${record.contact}`,
      record.registered && `registered ${record.registered}`,
      record.modified && `modified ${record.modified}`,
      record.references.length > 0 && `references ${record.references.join(', ')}`,
    ].filter(Boolean);
    if (facts.length) lines.push(`    ${facts.join(' · ')}`);
    if (record.notes) lines.push(`    notes: ${record.notes.replace(/\s*\n\s*/g, ' ')}`);
    if (record.unauthorizedUse) lines.push(`    unauthorized use: ${record.unauthorizedUse}`);
    for (const entry of record.history) lines.push(`    ${entry.asOf}: ${entry.change}`);
    const sources = record.sources.map(
      (source) => `${(source.fields ?? []).join(', ')} as of ${source.asOf} (${source.source})`,
    );
    if (sources.length) lines.push(`    from: ${sources.join('; ')}`);
  }
  if (groups.length > PRINT_LIMIT)
    lines.push('', `  … and ${groups.length - PRINT_LIMIT} more (--json lists them all)`);
  if (commonUses.length) {
    lines.push('', '  Common use in practice (curated by Portolan, not IANA):');
    for (const use of commonUses) {
      const where = query.kind === 'port' ? '' : ` port ${use.portEnd ? `${use.port}–${use.portEnd}` : use.port}`;
      lines.push(
        `    ${use.software}${where} (${use.kind}${use.protocol ? `, ${use.protocol}` : ''})  source: ${use.source.title} <${use.source.url}>`,
      );
    }
  }
  if (story)
    lines.push('', `  Story: ${story.title} (${story.paragraphs.length} paragraphs; --json has the text and sources)`);
  return lines.join('\n');
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export function main(argv: string[], io: Io = defaultIo): number {
  const json = argv.includes('--json');
  const args = argv.filter((arg) => arg !== '--json');
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const unknown = args.find((arg) => /^--?[a-z]/i.test(arg));
  if (unknown) {
    io.stderr(`lookup: unknown option ${unknown}\n${USAGE}\n`);
    return 2;
  }
  if (args.length === 0) {
    io.stderr(`lookup: no query\n${USAGE}\n`);
    return 2;
  }
  if (!existsSync(resolve(PROJECT_ROOT, DATA_FILES.registry.src))) {
    io.stderr('lookup: data/registry.json is missing: run npm run data\n');
    return 1;
  }
  let registry: Registry;
  let index: SearchIndex;
  try {
    const packaged = readPackagedData();
    registry = packaged.registry;
    index = registrySearchIndex(registry, packaged.curated.uses, packaged.curated.stories);
  } catch (error) {
    io.stderr(`lookup: cannot read the data: ${(error as Error).message}\n`);
    return 1;
  }

  // Answer every query before printing anything, so a bad one never leaves half an answer on stdout.
  const answers: Answer[] = [];
  const problems: string[] = [];
  for (const text of args) {
    try {
      const query = parseQuery(text);
      answers.push({ query, ...answer(registry, index, query) });
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length) {
    io.stderr(problems.map((problem) => `lookup: ${problem}\n`).join(''));
    return 1;
  }
  if (json) {
    const elements = answers.map(({ query, records, commonUses, story }) => ({
      query: query.text,
      records,
      ...(commonUses?.length ? { commonUses } : {}),
      ...(story ? { story } : {}),
    }));
    io.stdout(`${JSON.stringify(elements, null, 2)}\n`);
  } else {
    io.stdout(`${answers.map((a) => card(a, registry)).join('\n\n')}\n`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    // A bug, not a bad query: still one line, no stack trace.
    process.stderr.write(`lookup: internal error: ${(error as Error).message}\n`);
    process.exitCode = 70;
  }
}
