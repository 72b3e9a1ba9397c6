/**
 * Bundle-size report: builds every handler the stack deploys (routes, the fallback,
 * scheduled jobs, the Cognito trigger) with the same esbuild settings the
 * CDK app uses and prints what each function ships. A report, not a gate: it exits 1
 * only when a build fails.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fallbackRoute, handlerFile, routes } from '@shifa/functions/routes';
import { schedules } from '@shifa/functions/schedules';
import { build, type Metafile } from 'esbuild';
import { POST_CONFIRMATION } from '../lib/auth';
import { esbuildOptions } from '../lib/bundling';
import type { FunctionDeclaration } from '../lib/wiring';

/** Above this a cold start starts to feel it; the number is a target, not a Lambda limit. */
const TARGET_BYTES = 256_000;

type Row = { id: string; bytes: number; gzip: number; top: string; over: boolean };

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

/** Groups an input path by npm package (or workspace folder), which says more than single files. */
const owner = (input: string): string => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match?.[1]) return match[1];
  const [first, second] = input.replace(/^(\.\.\/)+/, '').split('/');
  return first === 'packages' || first === 'functions' ? `${first}/${second ?? ''}` : input;
};

const topInputs = (output: Metafile['outputs'][string], count: number): string => {
  const byOwner = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    byOwner.set(owner(input), (byOwner.get(owner(input)) ?? 0) + bytesInOutput);
  }
  return [...byOwner.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => `${name} ${kB(bytes)}`)
    .join(', ');
};

const measure = async (dir: string, route: FunctionDeclaration): Promise<Row> => {
  const outfile = join(dir, `${route.id}.mjs`);
  const result = await build({
    ...esbuildOptions,
    entryPoints: [handlerFile(route)],
    outfile,
    metafile: true,
    write: true,
  });
  const code = await readFile(outfile);
  const output = result.metafile.outputs[relative(process.cwd(), outfile)];
  if (!output) throw new Error(`esbuild's metafile does not list ${outfile}`);
  return {
    id: route.id,
    bytes: code.byteLength,
    gzip: gzipSync(code).byteLength,
    top: topInputs(output, 3),
    over: code.byteLength > TARGET_BYTES,
  };
};

const printTable = (rows: Row[]): void => {
  const header = ['function', 'minified', 'gzip', 'top inputs (by package)', ''];
  const lines = rows.map((row) => [
    row.id,
    kB(row.bytes),
    kB(row.gzip),
    row.top,
    row.over ? 'OVER TARGET' : '',
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...lines].map((line) => line[column]?.length ?? 0)),
  );
  for (const line of [header, ...lines]) {
    console.log(
      line
        .map((cell, column) =>
          column === 1 || column === 2
            ? cell.padStart(widths[column] ?? 0)
            : cell.padEnd(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    );
  }
};

const dir = await mkdtemp(join(tmpdir(), 'shifa-bundle-size-'));
const rows: Row[] = [];
const failures: string[] = [];
try {
  // Every function the stack deploys: one per route, the $default fallback, one per job, the trigger.
  for (const route of [...routes, fallbackRoute, ...schedules, POST_CONFIRMATION]) {
    try {
      rows.push(await measure(dir, route));
    } catch (error) {
      failures.push(route.id);
      console.error(`${route.id}: build failed`, error);
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

printTable(rows);
const total = rows.reduce((sum, row) => sum + row.bytes, 0);
const totalGzip = rows.reduce((sum, row) => sum + row.gzip, 0);
const over = rows.filter((row) => row.over).length;
console.log(
  `total: ${rows.length} functions, ${kB(total)} minified, ${kB(totalGzip)} gzip; ${over} over the ${TARGET_BYTES}-byte target${failures.length > 0 ? `; ${failures.length} failed to build` : ''}`,
);
process.exitCode = failures.length > 0 ? 1 : 0;
