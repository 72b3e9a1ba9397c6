/** Payment settings: Stripe's keys, and where Stripe is when it is the local simulator. */
import { parseSettings, settings } from '@shifa/runtime';
import * as z from 'zod';

const SECRET_KEY = /^(sk|rk)_(test|live)_[0-9A-Za-z_]+$/;

const paymentsEnv = () =>
  z
    .object({
      STRIPE_SECRET_KEY: z
        .string({
          error: 'STRIPE_SECRET_KEY must be set to a Stripe secret key (sk_test_…) or the simulator key',
        })
        .regex(
          SECRET_KEY,
          'STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_test_…, rk_test_…)',
        ),
      STRIPE_WEBHOOK_SECRET: z
        .string({ error: 'STRIPE_WEBHOOK_SECRET must be set to the webhook signing secret (whsec_…)' })
        .regex(/^whsec_[0-9A-Za-z_]+$/, 'STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_…)'),
      /** Set only to reach something other than Stripe, e.g. http://127.0.0.1:12111 for the local simulator. */
      STRIPE_API_URL: z.preprocess(
        // An empty value (an unset variable in a shell script) means Stripe itself.
        (value) => (value === '' ? undefined : value),
        z
          .url({
            protocol: /^https?$/,
            error: 'STRIPE_API_URL must be an http(s) URL such as http://127.0.0.1:12111',
          })
          .refine(
            (url) => new URL(url).pathname === '/',
            'STRIPE_API_URL must not have a path: stripe-node adds /v1/…',
          )
          .optional(),
      ),
    })
    .refine((env) => env.STRIPE_API_URL === undefined || !/^(sk|rk)_live_/.test(env.STRIPE_SECRET_KEY), {
      // A live key is never sent anywhere but Stripe.
      message: 'a live STRIPE_SECRET_KEY cannot be used with STRIPE_API_URL',
      path: ['STRIPE_API_URL'],
    });

export type PaymentsConfig = z.infer<ReturnType<typeof paymentsEnv>>;

/** Parses payment settings from a given environment (the tests' own). */
export const readPaymentsConfig = (env: Record<string, string | undefined>): PaymentsConfig =>
  parseSettings('payments', paymentsEnv(), env);

/** This unit's payment settings: only units that call Stripe are given them. */
export const paymentsSettings = /* @__PURE__ */ settings('payments', paymentsEnv);
