/**
 * The stripe-node client, created once per set of payment settings (once per Lambda function).
 * STRIPE_API_URL points it at the local simulator; without it, it talks to api.stripe.com.
 */
import Stripe from 'stripe';
import { type PaymentsConfig, paymentsSettings } from './config';

/** The API version stripe-node 23.1 is generated for; its types describe exactly this version. */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const;

/**
 * How long one request to Stripe may take, and how often stripe-node tries it again after a network
 * failure or a 409/429/5xx (each retry with the same idempotency key). Together with stripe-node's
 * backoff they bound one call (STRIPE_CALL_BUDGET_MS), which the functions that call Stripe must fit.
 */
export const STRIPE_TIMEOUT_MS = 8_000;
export const STRIPE_MAX_NETWORK_RETRIES = 2;
/** stripe-node waits at most 0.5 s × 2^(n−1) before retry n (its own cap is 5 s): 0.5 s, then 1 s. */
const STRIPE_BACKOFF_MS = Array.from({ length: STRIPE_MAX_NETWORK_RETRIES }, (_, n) =>
  Math.min(500 * 2 ** n, 5_000),
).reduce((sum, wait) => sum + wait, 0);
/** The longest one stripe-node call can take, retries and waits included: 25.5 s. */
export const STRIPE_CALL_BUDGET_MS = STRIPE_TIMEOUT_MS * (1 + STRIPE_MAX_NETWORK_RETRIES) + STRIPE_BACKOFF_MS;

export type StripeClientSettings = { secretKey: string; apiUrl?: string | undefined };

export function createStripeClient({ secretKey, apiUrl }: StripeClientSettings): Stripe {
  const base = apiUrl === undefined ? undefined : new URL(apiUrl);
  return new Stripe(secretKey, {
    apiVersion: STRIPE_API_VERSION,
    typescript: true,
    // Every POST carries an idempotency key, so a retry after a lost answer never charges twice.
    maxNetworkRetries: STRIPE_MAX_NETWORK_RETRIES,
    timeout: STRIPE_TIMEOUT_MS,
    appInfo: { name: 'shifa' },
    ...(base === undefined
      ? {}
      : {
          host: base.hostname,
          port: base.port === '' ? (base.protocol === 'https:' ? 443 : 80) : Number(base.port),
          protocol: base.protocol === 'https:' ? 'https' : 'http',
        }),
  });
}

const clients = new WeakMap<PaymentsConfig, Stripe>();

/** The client for this unit's payment settings. */
export function stripe(): Stripe {
  const config = paymentsSettings();
  let client = clients.get(config);
  if (client === undefined) {
    client = createStripeClient({ secretKey: config.STRIPE_SECRET_KEY, apiUrl: config.STRIPE_API_URL });
    clients.set(config, client);
  }
  return client;
}
