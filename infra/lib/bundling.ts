/**
 * How every Lambda handler is bundled, declared once: the CDK functions and the
 * bundle-size report build with the same settings, so the report measures what ships.
 */
import { type BundlingOptions, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

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
  external: ['@aws-sdk/*'],
  // CommonJS dependencies inside an ESM bundle still call require().
  banner:
    "import { createRequire as __shifaCreateRequire } from 'node:module'; const require = __shifaCreateRequire(import.meta.url);",
} as const;

/** The settings as NodejsFunction takes them (ESM output is written as index.mjs). */
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
};

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
