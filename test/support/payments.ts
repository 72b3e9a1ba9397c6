/**
 * The Stripe simulator for a test file: started before the first request loads
 * a handler, its webhooks sent to this file's local API, stopped after. When the
 * file ends, every booking it made is held to the ledger invariant against the
 * simulator's own objects (what it captured minus what it refunded is what the
 * booking's status and policy say; no authorisation open on a finished booking):
 * steps still pending are driven first, and the file fails on any disagreement.
 */
import type { Booking } from '@shifa/contracts';
import { createStripeSimulator, type StripeSimulator } from '@shifa/payments/simulator';
import { everyBooking } from '@shifa/store';
import { afterAll, beforeAll } from 'vitest';
import type { TestApi } from './api';

/** Every booking in this file's table. */
export async function allBookings(): Promise<Booking[]> {
  const bookings: Booking[] = [];
  for await (const booking of everyBooking()) bookings.push(booking);
  return bookings;
}

/** The ledger invariant over every booking of the file: what is wrong, one line each. */
export async function ledgerProblems(simulator: StripeSimulator): Promise<string[]> {
  const [{ checkLedger, driveMoney }, { stripePayments }] = await Promise.all([
    import('@shifa/booking'),
    import('@shifa/booking/stripe'),
  ]);
  await simulator.idle();
  const payments = stripePayments();
  const problems: string[] = [];
  for (const booking of await allBookings()) {
    // A step left pending (its retry not due yet when the test ended) is driven now, as the sweep would.
    for (
      let round = 0;
      round < 3 && (await checkLedger(booking, payments)).some((f) => f.kind === 'pending');
      round += 1
    ) {
      await driveMoney(booking.bookingId, payments, new Date());
    }
    const current =
      (await allBookings()).find((candidate) => candidate.bookingId === booking.bookingId) ?? booking;
    for (const finding of await checkLedger(current, payments)) {
      problems.push(
        `${finding.bookingId} (${finding.status}, money ${finding.money}): ${finding.kind}: ${finding.problem}`,
      );
    }
  }
  return problems;
}

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
    if (simulator === undefined) return;
    try {
      const problems = await ledgerProblems(simulator);
      if (problems.length > 0)
        throw new Error(`bookings whose money disagrees with the provider:\n${problems.join('\n')}`);
    } finally {
      await simulator.idle();
      await simulator.close();
    }
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
