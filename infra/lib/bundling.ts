/**
 * How every Lambda handler is bundled, declared once: the CDK functions and the
 * bundle-size report build with the same settings, so the report measures what ships.
 *
 * Powertools Tracer (with the X-Ray SDK, about 135 kB minified) is left out of each bundle and
 * shipped beside it, bundled on its own as node_modules/@aws-lambda-powertools/tracer: the
 * functions import it only where tracing is on (@shifa/runtime's tracing.ts), so a bundle stays
 * lean and Node parses the tracer only where it is used.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BundlingOptions, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { type BuildOptions, buildSync } from 'esbuild';

/** Imported by @shifa/runtime only where tracing is on; shipped as a bundle of its own (below). */
export const TRACER_PACKAGE = '@aws-lambda-powertools/tracer';

export const BUNDLE = {
  target: 'node24',
  minify: true,
  // Off: a source map would double the upload and Node would parse it on every cold start.
  sourcemap: false,
  // Minification would otherwise rename error classes, and their names are what the logs show.
  keepNames: true,
  // Prefer packages' ESM builds so esbuild can drop what a handler never imports.
  mainFields: ['module', 'main'],
  // The Node.js 24 runtime ships AWS SDK v3; bundling it again only adds cold-start weight.
  external: ['@aws-sdk/*', TRACER_PACKAGE],
  // CommonJS dependencies inside an ESM bundle still call require().
  banner:
    "import { createRequire as __shifaCreateRequire } from 'node:module'; const require = __shifaCreateRequire(import.meta.url);",
} as const;

/** The same settings as esbuild's build API takes them. */
export const esbuildOptions: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: BUNDLE.target,
  minify: BUNDLE.minify,
  sourcemap: BUNDLE.sourcemap,
  keepNames: BUNDLE.keepNames,
  mainFields: [...BUNDLE.mainFields],
  external: [...BUNDLE.external],
  banner: { js: BUNDLE.banner },
  logLevel: 'warning',
};

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Writes the tracer as a package of one bundled file under `dir`/node_modules, where a bundle in
 * `dir` resolves its `import('@aws-lambda-powertools/tracer')`; returns the file.
 */
export function writeTracerPackage(dir: string): string {
  const packageDir = join(dir, 'node_modules', ...TRACER_PACKAGE.split('/'));
  mkdirSync(packageDir, { recursive: true });
  const outfile = join(packageDir, 'index.mjs');
  buildSync({
    ...esbuildOptions,
    // Everything but the AWS SDK, which the runtime has: the tracer itself is what is bundled here.
    external: ['@aws-sdk/*'],
    stdin: { contents: `export * from '${TRACER_PACKAGE}';`, resolveDir: here, loader: 'js' },
    outfile,
  });
  const version = packageVersion(createRequire(import.meta.url).resolve(TRACER_PACKAGE), TRACER_PACKAGE);
  writeFileSync(
    join(packageDir, 'package.json'),
    `${JSON.stringify({ name: TRACER_PACKAGE, version, private: true, type: 'module', exports: './index.mjs' })}\n`,
  );
  return outfile;
}

/** The version of `name`, from the package.json above one of its files (its exports hide package.json). */
function packageVersion(file: string, name: string): string {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (parsed.name === name && parsed.version !== undefined) return parsed.version;
  }
  throw new Error(`no package.json of ${name} above ${file}`);
}

let tracerPackageDir: string | undefined;

/** The tracer package, built once per synth, to be copied beside each function's bundle. */
function builtTracerPackage(): string {
  if (tracerPackageDir === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'shifa-tracer-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    writeTracerPackage(dir);
    tracerPackageDir = dir;
  }
  return tracerPackageDir;
}

/** The settings as NodejsFunction takes them (ESM output is written as index.mjs), the tracer beside it. */
export const functionBundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: BUNDLE.target,
  minify: BUNDLE.minify,
  sourceMap: BUNDLE.sourcemap,
  keepNames: BUNDLE.keepNames,
  mainFields: [...BUNDLE.mainFields],
  externalModules: [...BUNDLE.external],
  banner: BUNDLE.banner,
  logLevel: LogLevel.WARNING,
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => [`cp -R "${builtTracerPackage()}/node_modules" "${outputDir}/"`],
  },
};
