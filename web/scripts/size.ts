/**
 * `npm run web:size`: what the storefront's first load costs. Follows Vite's
 * manifest from index.html's entry through its static imports (the chunks a
 * browser must fetch before the first page renders; lazy partner pages are
 * left out), gzips each, and compares the JavaScript total with the 200 kB
 * budget. Exits 1 when over it, so CI can hold the line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 200 * 1000;
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const manifestFile = join(dist, '.vite', 'manifest.json');

type Chunk = {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
};

if (!existsSync(manifestFile)) {
  console.error('web/dist has no manifest: run `npm run build` first.');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, Chunk>;
const entry = manifest['index.html'];
if (entry === undefined) throw new Error('the manifest has no index.html entry');

const firstLoad = new Set<string>();
const visit = (key: string) => {
  if (firstLoad.has(key)) return;
  firstLoad.add(key);
  for (const imported of manifest[key]?.imports ?? []) visit(imported);
};
visit('index.html');

const measure = (file: string) => {
  const bytes = readFileSync(join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
};
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`.padStart(9);

const scripts = [...firstLoad].map((key) => measure(manifest[key]?.file ?? key));
const styles = [...new Set([...firstLoad].flatMap((key) => manifest[key]?.css ?? []))].map(measure);
const lazy = Object.values(manifest)
  .filter((chunk) => !chunk.isEntry && ![...firstLoad].some((key) => manifest[key]?.file === chunk.file))
  .map((chunk) => measure(chunk.file));

const print = (title: string, rows: ReturnType<typeof measure>[]) => {
  if (rows.length === 0) return;
  console.log(title);
  for (const row of rows) console.log(`  ${row.file.padEnd(44)} ${kb(row.raw)} raw ${kb(row.gzip)} gzip`);
};
print('First load, JavaScript:', scripts);
print('First load, CSS:', styles);
print('Loaded when opened (partner pages):', lazy);

const total = scripts.reduce((sum, row) => sum + row.gzip, 0);
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(
  `\nStorefront first-load JS: ${kb(total).trim()} gzip, ${verdict} the ${BUDGET_BYTES / 1000} kB budget ` +
    `(${Math.round((total / BUDGET_BYTES) * 100)}%).`,
);
if (total > BUDGET_BYTES) process.exit(1);
