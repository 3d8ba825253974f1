// npm run data:truth: the committed registry against IANA's XML, figure by figure, with the differences.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRegistry } from '../lib/registry';
import { SHARED_XML } from './build-data';
import { compareWithXml } from './data/truth';

const root = join(import.meta.dirname, '..');
const xmlPath = process.argv[2] ?? join(root, SHARED_XML);
if (!existsSync(xmlPath)) {
  console.error(`npm run data:truth: ${process.argv[2] ?? SHARED_XML} is absent: nothing to compare with`);
  process.exit(1);
}
const registry = createRegistry(JSON.parse(readFileSync(join(root, 'data/registry.json'), 'utf8')));
const { updated, figures } = compareWithXml(registry, readFileSync(xmlPath, 'utf8'));
console.log(`data/registry.json against IANA's XML of ${updated}`);
for (const figure of figures) {
  console.log(`${(figure.agree / figure.checked).toFixed(4)}  ${figure.what}: ${figure.agree} of ${figure.checked}`);
  for (const difference of figure.differences.slice(0, Number(process.env.SHOW ?? 5)))
    console.log(`        ${difference}`);
}
