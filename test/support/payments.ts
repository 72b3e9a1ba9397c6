/**
 * The Stripe simulator for a test file: started before the first request loads
 * a handler (payment settings are read when the payments module loads), its
 * webhooks sent to this file's local API, stopped after.
 */
import { createStripeSimulator, type StripeSimulator } from '@shifa/payments/simulator';
import { afterAll, beforeAll } from 'vitest';
import type { TestApi } from './api';

export type SimulatorHandle = { readonly current: StripeSimulator };

export function usePaymentSimulator(api: TestApi): SimulatorHandle {
  let simulator: StripeSimulator | undefined;
  beforeAll(async () => {
    simulator = await createStripeSimulator({ port: 0, webhookUrl: api.url('/payments/stripe/webhook') });
    Object.assign(process.env, {
      STRIPE_SECRET_KEY: simulator.secretKey,
      STRIPE_WEBHOOK_SECRET: simulator.webhookSecret,
      STRIPE_API_URL: simulator.url,
    });
  });
  afterAll(async () => {
    await simulator?.idle();
    await simulator?.close();
  });
  return {
    get current() {
      if (simulator === undefined) throw new Error('the payment simulator is not started yet');
      return simulator;
    },
  };
}

/** Confirms a PaymentIntent with a Stripe test card, as Stripe.js would from the browser. */
export async function confirmCard(
  simulator: StripeSimulator,
  clientSecret: string,
  paymentMethod: 'pm_card_visa' | 'pm_card_chargeDeclined' | 'pm_card_authenticationRequired',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const paymentIntentId = clientSecret.split('_secret_')[0] ?? '';
  const response = await fetch(`${simulator.url}/v1/payment_intents/${paymentIntentId}/confirm`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${simulator.publishableKey}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ client_secret: clientSecret, payment_method: paymentMethod }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
