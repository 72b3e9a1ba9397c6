/**
 * The stripe-node client, created once per process. STRIPE_API_URL points it at
 * the local simulator; without it, it talks to api.stripe.com.
 */
import Stripe from 'stripe';
import { paymentsConfig } from './config';

/** The API version stripe-node 23.1 is generated for; its types describe exactly this version. */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const;

export type StripeClientSettings = { secretKey: string; apiUrl?: string | undefined };

export function createStripeClient({ secretKey, apiUrl }: StripeClientSettings): Stripe {
  const base = apiUrl === undefined ? undefined : new URL(apiUrl);
  return new Stripe(secretKey, {
    apiVersion: STRIPE_API_VERSION,
    typescript: true,
    // Every POST carries an idempotency key, so a retry after a lost answer never charges twice.
    maxNetworkRetries: 2,
    // Short enough that two retries still fit in API Gateway's 29-second limit.
    timeout: 8_000,
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

export const stripe: Stripe = createStripeClient({
  secretKey: paymentsConfig.STRIPE_SECRET_KEY,
  apiUrl: paymentsConfig.STRIPE_API_URL,
});
