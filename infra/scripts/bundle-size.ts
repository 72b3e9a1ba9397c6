/**
 * Bundle report: builds every function the stack deploys with the same esbuild settings the CDK
 * app uses, and prints for each its minified and gzip size, its largest inputs, and its measured
 * init time: a fresh Node process importing the bundle (the runtime's cold start in miniature,
 * the AWS SDK loaded from node_modules as the runtime loads its own), median of several runs, run
 * interleaved with two baselines built the same way so the machine's noise falls on all alike.
 * Each is timed twice: as locally, tracing off, and as on AWS, tracing on, where the function also
 * loads Powertools Tracer, shipped beside its bundle (infra/lib/bundling.ts). The baselines:
 * - an empty handler (`async () => …`): a bare Node process, the least any function costs;
 * - an empty handler on Shifa's stack (the middy HTTP handler, its logger and zod, the DynamoDB
 *   document client): what every function of ours loads before its first line of business.
 * The AWS SDK's DynamoDB client alone takes longer to load than a bare Node process starts, so
 * the init target is held against the second: units without Stripe at most 1.5× it, and at most
 * 250 kB minified. Units that seal health data carry the Encryption SDK (about 290 kB, loaded on
 * first use, so their init is held to the target): their size is reported, as Stripe's is. It exits 1 when a build fails, or with --check when a target is missed.
 *
 *   npm run bundle-size [-- --runs 9] [-- --check]
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { isSealingCapability } from '@shifa/sealing/purposes';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions, writeTracerPackage } from '../lib/bundling';
import { type DeployedFunction, deployedFunctions } from '../lib/deployed';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, check: { type: 'boolean', default: false } },
});
const RUNS = Math.max(3, Number(args.runs));

/** Above this a cold start starts to feel it; a target for the units that do not call Stripe. */
export const TARGET_BYTES = 250_000;
/** Init of a unit without Stripe, as a multiple of an empty handler's on Shifa's stack. */
export const TARGET_INIT_RATIO = 1.5;

type Row = {
  id: string;
  stripe: boolean;
  sealing: boolean;
  bytes: number;
  gzip: number;
  initMs: number;
  ratio: number;
  floorRatio: number;
  tracedMs: number;
  tracedFloorRatio: number;
  top: string;
  misses: string[];
};

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

// Under node_modules, so the bundles' external @aws-sdk/* imports resolve as the runtime's own would.
const dir = join(process.cwd(), 'node_modules', '.cache', 'shifa-bundles');

const bundle = async (id: string, entry: string) => {
  const outfile = join(dir, `${id}.mjs`);
  const result = await build({
    ...esbuildOptions,
    entryPoints: [entry],
    outfile,
    metafile: true,
    write: true,
  });
  const output = result.metafile.outputs[relative(process.cwd(), outfile)];
  if (!output) throw new Error(`esbuild's metafile does not list ${outfile}`);
  return { outfile, output, code: await readFile(outfile) };
};

/** What Lambda gives every function at init, with placeholders for each setting a bundle may check. */
const INIT_ENV: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'eu-central-1',
  AWS_LAMBDA_FUNCTION_NAME: 'bundle-size',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  TABLE_NAME: 'shifa',
  IDEMPOTENCY_TABLE_NAME: 'shifa-idempotency',
  STRIPE_SECRET_KEY: 'sk_test_bundlesize',
  STRIPE_WEBHOOK_SECRET: 'whsec_bundlesize',
  HEALTH_DATA_KMS_KEY_ARN: 'arn:aws:kms:eu-central-1:123456789012:key/00000000-0000-0000-0000-000000000000',
  EVENT_BUS_NAME: 'shifa',
  NOTIFY_FROM_EMAIL: 'bookings@shifa.example',
  RECORDS_BUCKET: 'shifa-records-123456789012-eu-central-1',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

/** As on AWS: a Lambda execution environment, where Powertools Tracer turns on and is loaded. */
const TRACED_ENV: Record<string, string> = {
  ...INIT_ENV,
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  LAMBDA_TASK_ROOT: dir,
};

/** Wall time of a fresh Node process that imports `file` and exits. */
const initOnce = (file: string, env: Record<string, string>): number => {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(file).href)});`],
    {
      env,
      encoding: 'utf8',
    },
  );
  const elapsed = performance.now() - started;
  if (run.status !== 0) throw new Error(`importing ${file} failed: ${run.stderr.slice(0, 500)}`);
  return elapsed;
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const printTable = (header: string[], lines: string[][], right: number[]): void => {
  const widths = header.map((_, column) =>
    Math.max(...[header, ...lines].map((line) => line[column]?.length ?? 0)),
  );
  for (const line of [header, ...lines]) {
    console.log(
      line
        .map((cell, column) =>
          right.includes(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    );
  }
};

await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
const emptyEntry = join(dir, 'empty-handler.ts');
await writeFile(emptyEntry, 'export const handler = async () => ({ statusCode: 204 });\n');
const floorEntry = join(dir, 'empty-shifa-handler.ts');
await writeFile(
  floorEntry,
  [
    "import { httpHandler, noContent } from '@shifa/http';",
    "import { documentClient } from '@shifa/store';",
    "export const handler = httpHandler({ id: 'empty', unit: 'empty', auth: 'public' }, async () => (documentClient ? noContent() : noContent()));",
    '',
  ].join('\n'),
);

const rows: Row[] = [];
const failures: string[] = [];
try {
  // Beside the bundles, where their import of the tracer resolves, as in each function's asset.
  const tracer = await readFile(writeTracerPackage(dir));
  const empty = await bundle('empty-handler', emptyEntry);
  const floor = await bundle('empty-shifa-handler', floorEntry);
  const built: {
    fn: DeployedFunction;
    outfile: string;
    output: Metafile['outputs'][string];
    code: Buffer;
  }[] = [];
  for (const fn of deployedFunctions()) {
    try {
      built.push({ fn, ...(await bundle(fn.id, fn.entry)) });
    } catch (error) {
      failures.push(fn.id);
      console.error(`${fn.id}: build failed`, error);
    }
  }
  // Interleaved: each round times both baselines and every bundle once, tracing off and on.
  const times = new Map<string, number[]>();
  const time = (key: string, file: string, env: Record<string, string>) => {
    const list = times.get(key) ?? [];
    list.push(initOnce(file, env));
    times.set(key, list);
  };
  const files: [string, string][] = [
    ['empty-handler', empty.outfile],
    ['empty-shifa-handler', floor.outfile],
    ...built.map(({ fn, outfile }): [string, string] => [fn.id, outfile]),
  ];
  for (let round = 0; round < RUNS; round += 1) {
    for (const [key, file] of files) {
      time(key, file, INIT_ENV);
      time(`${key} traced`, file, TRACED_ENV);
    }
  }
  const ms = (key: string) => median(times.get(key) ?? []);
  const emptyMs = ms('empty-handler');
  const floorMs = ms('empty-shifa-handler');
  const floorTracedMs = ms('empty-shifa-handler traced');
  console.log(
    [
      `empty handler:              ${kB(empty.code.byteLength).padStart(9)} minified, init ${emptyMs.toFixed(1)} ms`,
      `empty handler, Shifa stack: ${kB(floor.code.byteLength).padStart(9)} minified, init ${floorMs.toFixed(1)} ms (${(floorMs / emptyMs).toFixed(2)}× the empty handler's); traced ${floorTracedMs.toFixed(1)} ms`,
      `Powertools Tracer, shipped beside each bundle and loaded only where tracing is on: ${kB(tracer.byteLength)} minified, ${kB(gzipSync(tracer).byteLength)} gzip; it adds ${(floorTracedMs - floorMs).toFixed(1)} ms (${(floorTracedMs / floorMs).toFixed(2)}×) to the stack's init`,
      `init: median of ${RUNS} fresh Node processes each, interleaved; "traced" as on AWS (tracing on), its ratio against the stack's traced init`,
      '',
    ].join('\n'),
  );
  for (const { fn, output, code } of built) {
    const initMs = ms(fn.id);
    const tracedMs = ms(`${fn.id} traced`);
    const stripe = fn.needs.uses.includes('payments');
    const sealing = fn.needs.uses.some(isSealingCapability);
    const ratio = initMs / emptyMs;
    const floorRatio = initMs / floorMs;
    const tracedFloorRatio = tracedMs / floorTracedMs;
    const misses: string[] = [];
    if (!stripe && !sealing && code.byteLength > TARGET_BYTES) misses.push(`over ${kB(TARGET_BYTES)}`);
    if (!stripe && floorRatio > TARGET_INIT_RATIO) misses.push(`init over ${TARGET_INIT_RATIO}× the stack's`);
    if (!stripe && tracedFloorRatio > TARGET_INIT_RATIO)
      misses.push(`traced init over ${TARGET_INIT_RATIO}× the stack's`);
    rows.push({
      id: fn.id,
      stripe,
      sealing,
      bytes: code.byteLength,
      gzip: gzipSync(code).byteLength,
      initMs,
      ratio,
      floorRatio,
      tracedMs,
      tracedFloorRatio,
      top: topInputs(output, 3),
      misses,
    });
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

printTable(
  [
    'function',
    'stripe',
    'esdk',
    'minified',
    'gzip',
    'init',
    '× empty',
    '× stack',
    'traced',
    '× stack',
    'top inputs (by package)',
    '',
  ],
  rows.map((row) => [
    row.id,
    row.stripe ? 'yes' : '',
    row.sealing ? 'yes' : '',
    kB(row.bytes),
    kB(row.gzip),
    `${row.initMs.toFixed(1)} ms`,
    `${row.ratio.toFixed(2)}×`,
    `${row.floorRatio.toFixed(2)}×`,
    `${row.tracedMs.toFixed(1)} ms`,
    `${row.tracedFloorRatio.toFixed(2)}×`,
    row.top,
    row.misses.join(', '),
  ]),
  [3, 4, 5, 6, 7, 8, 9],
);
const missed = rows.filter((row) => row.misses.length > 0);
console.log(
  `\n${rows.length} functions; targets for those without Stripe: ≤ ${kB(TARGET_BYTES)} minified (the Encryption SDK's reported, not held), init ≤ ${TARGET_INIT_RATIO}× an empty handler's on Shifa's stack, tracing off and on; ${missed.length} missed${failures.length > 0 ? `; ${failures.length} failed to build` : ''}`,
);
process.exitCode = failures.length > 0 || (args.check && missed.length > 0) ? 1 : 0;
