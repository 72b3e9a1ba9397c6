/**
 * What each function the stack deploys is given, against what its bundle really carries, built with
 * the deployed esbuild settings. A capability's settings (functions/units.ts) name the variables its
 * reader parses; a bundle that holds the reader holds those names, and only then. So a function
 * whose handlers read the payment or health-data settings, or the idempotency table, must be given
 * them (or it fails on AWS), and one that is given them must read them (or it holds a secret it
 * never uses). Table access, which no bundle shows, is held by the local runtime's IAM stand-in in
 * every integration test (test/unit-isolation.test.ts shows it refusing). The Encryption SDK, with
 * its signature code (asn1.js, bn.js) that the unsigned suite never runs, is carried only by the
 * functions that seal.
 */
import { CAPABILITY_VARIABLES } from '@shifa/functions/units';
import { isSealingCapability } from '@shifa/sealing/purposes';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions } from '../lib/bundling';
import { deployedFunctions } from '../lib/deployed';

const functions = deployedFunctions();

/** Each function's bundle text, and the npm packages it carries at least one byte of. */
const bundles = new Map<string, { text: string; packages: Set<string> }>();

beforeAll(async () => {
  for (const fn of functions) {
    const result = await build({
      ...esbuildOptions,
      entryPoints: [fn.entry],
      outfile: `${fn.id}.mjs`,
      write: false,
      metafile: true,
    });
    const [output] = Object.values(result.metafile.outputs);
    const [file] = result.outputFiles;
    if (!output || !file) throw new Error(`esbuild wrote no output for ${fn.id}`);
    const packages = new Set(
      Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1])
        .filter((name): name is string => name !== undefined),
    );
    bundles.set(fn.id, { text: file.text, packages });
  }
});

const reads = (id: string, capability: keyof typeof CAPABILITY_VARIABLES): boolean =>
  CAPABILITY_VARIABLES[capability].some((variable) => bundles.get(id)?.text.includes(variable));

const rows = functions.map((fn) => ({ id: fn.id, fn }));

describe('what each function is given matches what its bundle uses', () => {
  it('finds every capability in some bundle, so the checks below check something', () => {
    for (const capability of Object.keys(CAPABILITY_VARIABLES) as (keyof typeof CAPABILITY_VARIABLES)[]) {
      expect(
        functions.some((fn) => reads(fn.id, capability)),
        capability,
      ).toBe(true);
    }
  });

  it.each(rows)('gives $id the payment settings exactly when its handlers read them', ({ id, fn }) => {
    expect(fn.needs.uses.includes('payments')).toBe(reads(id, 'payments'));
  });

  it.each(rows)('gives $id the health-data key exactly when its handlers seal or open', ({ id, fn }) => {
    expect(fn.needs.uses.some(isSealingCapability)).toBe(reads(id, 'health-notes'));
  });

  // Function names survive minification (keepNames), so a bundle shows which sealer it can make.
  it.each(rows)('lets $id open health notes exactly when it declares them', ({ id, fn }) => {
    expect(bundles.get(id)?.text.includes('"healthNotesCipher"')).toBe(
      fn.needs.uses.includes('health-notes'),
    );
  });

  it.each(rows)('lets $id seal health notes exactly when it declares it', ({ id, fn }) => {
    expect(bundles.get(id)?.text.includes('"healthNotesSealer"')).toBe(
      fn.needs.uses.includes('seal-health-notes'),
    );
  });

  it.each(rows)('lets $id seal webhook secrets exactly when it declares them', ({ id, fn }) => {
    expect(bundles.get(id)?.text.includes('"webhookSecretsSealer"')).toBe(
      fn.needs.uses.includes('webhook-secrets'),
    );
  });

  it.each(rows)('bundles the Encryption SDK into $id only when it seals', ({ id, fn }) => {
    const esdk = [...(bundles.get(id)?.packages ?? [])].filter(
      (name) => name.startsWith('@aws-crypto/') || name === 'asn1.js' || name === 'bn.js',
    );

    expect(esdk.length > 0).toBe(fn.needs.uses.some(isSealingCapability));
  });

  it.each(rows)('gives $id the idempotency table exactly when its handlers use it', ({ id, fn }) => {
    expect(fn.needs.uses.includes('idempotency')).toBe(reads(id, 'idempotency'));
  });

  it.each(rows)('bundles stripe-node into $id only when it calls Stripe', ({ id, fn }) => {
    expect(bundles.get(id)?.packages.has('stripe')).toBe(fn.needs.uses.includes('payments'));
  });
});
