/**
 * `npm run lint:api`: lints the OpenAPI document the API serves at GET /openapi.json with Spectral,
 * by the rules in .spectral.yaml (spectral:oas and the OWASP API Security Top 10 2023 ruleset).
 * Warnings fail it as errors do: the documentary rules of spectral:oas (contact, servers, operation
 * descriptions) are warnings, and a document that loses them should not pass unnoticed.
 * Extra arguments go to `spectral lint` (e.g. `-- -f json`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '../functions/platform/openapi-document';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const spectral = createRequire(import.meta.url).resolve('@stoplight/spectral-cli/dist/index.js');

const folder = mkdtempSync(join(tmpdir(), 'shifa-openapi-'));
try {
  const file = join(folder, 'openapi.json');
  writeFileSync(file, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
  const run = spawnSync(
    process.execPath,
    [
      spectral,
      'lint',
      file,
      '--ruleset',
      join(root, '.spectral.yaml'),
      '--fail-severity=warn',
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(folder, { recursive: true, force: true });
}
