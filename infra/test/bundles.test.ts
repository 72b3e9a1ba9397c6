/**
 * Declarations against what the code really loads: a function whose bundle reads the
 * Stripe configuration at cold start must declare `uses: ['payments']`, or on AWS it
 * starts without the secrets and fails every request; one whose bundle reads the
 * booking settings must get them from the stack. Built with the deployed esbuild settings.
 */
import { fallbackRoute, handlerFile, type RouteDeclaration, routes } from '@shifa/functions/routes';
import { type ScheduleDeclaration, schedules } from '@shifa/functions/schedules';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions } from '../lib/bundling';
import { type FunctionDeclaration, runsBookingRules } from '../lib/wiring';

const STRIPE_CONFIG = 'packages/payments/src/config.ts';
const BOOKING_CONFIG = 'packages/booking/src/config.ts';

const declared: FunctionDeclaration[] = [
  ...routes.map((route: RouteDeclaration) => route),
  fallbackRoute,
  ...schedules.map((job: ScheduleDeclaration) => job),
];

/** Source files that end up in each function's bundle with at least one byte. */
const loaded = new Map<string, string[]>();

beforeAll(async () => {
  for (const declaration of declared) {
    const result = await build({
      ...esbuildOptions,
      entryPoints: [handlerFile(declaration)],
      outfile: `${declaration.id}.mjs`,
      write: false,
      metafile: true,
    });
    const [output] = Object.values(result.metafile.outputs);
    if (!output) throw new Error(`esbuild wrote no output for ${declaration.id}`);
    loaded.set(
      declaration.id,
      Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path),
    );
  }
});

const loads = (declaration: FunctionDeclaration, file: string): boolean =>
  (loaded.get(declaration.id) ?? []).some((path) => path.endsWith(file));

const rows = declared.map((declaration) => ({ id: declaration.id, declaration }));

describe('declarations match the bundles', () => {
  it('finds both configurations in some bundle, so the checks below check something', () => {
    expect(declared.some((declaration) => loads(declaration, STRIPE_CONFIG))).toBe(true);
    expect(declared.some((declaration) => loads(declaration, BOOKING_CONFIG))).toBe(true);
  });

  it.each(rows)(
    'declares payments for $id exactly when its bundle reads the Stripe configuration',
    ({ declaration }) => {
      expect((declaration.uses ?? []).includes('payments')).toBe(loads(declaration, STRIPE_CONFIG));
    },
  );

  it.each(rows)('gives $id the booking settings exactly when its bundle reads them', ({ declaration }) => {
    expect(runsBookingRules(declaration)).toBe(loads(declaration, BOOKING_CONFIG));
  });
});
