/**
 * Keeps package-lock.json installable by `npm ci` on any machine.
 *
 * The npm registry mirror that this project's machines reach serves only the
 * Linux glibc builds of Biome's platform binaries, so `npm install` here
 * writes a lock file without the other platforms' optional entries, and
 * `npm ci` then refuses the lock as out of sync. This script adds those
 * entries (metadata only: npm skips them on a platform they do not fit).
 *
 *   node scripts/complete-lock.mjs          add what is missing
 *   node scripts/complete-lock.mjs --check  exit 1 if anything is missing
 */
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

/** `@biomejs/cli-linux-arm64-musl` → its os, cpu and libc. */
function platformOf(name) {
  const match = /cli-(darwin|linux|win32|android)-(x64|arm64)(-musl)?$/.exec(name);
  if (match === null) return undefined;
  const [, os, cpu, musl] = match;
  return { os: [os], cpu: [cpu], ...(musl ? { libc: ['musl'] } : os === 'linux' ? { libc: ['glibc'] } : {}) };
}

const missing = [];
for (const [path, entry] of Object.entries(packages)) {
  if (!path.endsWith('node_modules/@biomejs/biome')) continue;
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `${path.slice(0, -'@biomejs/biome'.length)}${name}`;
    const platform = platformOf(name);
    if (packages[key] !== undefined || platform === undefined) continue;
    missing.push(key);
    packages[key] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
      license: 'MIT OR Apache-2.0',
      engines: { node: '>=14.21.3' },
    };
  }
}

if (process.argv.includes('--check')) {
  if (missing.length > 0) {
    console.error(`package-lock.json lacks ${missing.join(', ')}; run: node scripts/complete-lock.mjs`);
    process.exit(1);
  }
} else if (missing.length > 0) {
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
  );
  writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`added ${missing.length} platform entries to package-lock.json`);
}
