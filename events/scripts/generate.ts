/**
 * `npm run events:generate`: writes the event JSON Schemas and examples under
 * events/schemas and events/examples (removing files no event produces), then
 * lets Biome format them as it formats every JSON file of the repository.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from '../src/generate';

const EVENTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = generatedFiles();
const wanted = new Set(files.map((file) => file.path));

for (const folder of ['schemas', 'examples']) {
  mkdirSync(join(EVENTS_DIR, folder), { recursive: true });
  for (const name of readdirSync(join(EVENTS_DIR, folder))) {
    if (!wanted.has(`${folder}/${name}`)) rmSync(join(EVENTS_DIR, folder, name));
  }
}
for (const file of files) {
  writeFileSync(join(EVENTS_DIR, file.path), `${JSON.stringify(file.content, null, 2)}\n`);
}
const written = files.map((file) => join(EVENTS_DIR, file.path));
execFileSync('npx', ['biome', 'format', '--write', ...written.map((path) => relative(process.cwd(), path))], {
  stdio: 'inherit',
});
console.log(
  `events: ${files.length} files written under ${relative(process.cwd(), EVENTS_DIR) || '.'}/schemas and /examples`,
);
