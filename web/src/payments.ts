/**
 * Authorising the card for a held booking. Locally, the app confirms the
 * PaymentIntent at the Stripe simulator exactly as Stripe.js confirms it at
 * Stripe (POST /v1/payment_intents/{id}/confirm, form-encoded, publishable key
 * and client secret, a test PaymentMethod such as pm_card_visa). With a real
 * Stripe publishable key the Payment Element would collect the card and call
 * stripe.confirmPayment instead: `confirmCard` is the seam where it plugs in;
 * everything after it (the webhook, the booking's move to AWAITING_HOSPITAL)
 * is the same either way.
 */
import type Stripe from 'stripe';

export const TEST_CARDS = [
  'pm_card_visa',
  'pm_card_chargeDeclined',
  'pm_card_authenticationRequired',
] as const;
export type TestCard = (typeof TEST_CARDS)[number];

export type ConfirmOutcome =
  /** Authorised; the booking moves on once the provider's webhook arrives. */
  | { kind: 'authorised' }
  /** The card was refused; the hold stays, another card may be tried. */
  | { kind: 'declined'; message: string }
  /** The bank wants the cardholder to authenticate (3-D Secure) on its own page first. */
  | { kind: 'redirect'; url: string }
  | { kind: 'failed'; message: string };

/** `pi_123_secret_abc` belongs to PaymentIntent `pi_123`, as in Stripe. */
export const paymentIntentOf = (clientSecret: string) => clientSecret.split('_secret_')[0] ?? '';

export async function confirmAtSimulator(input: {
  apiUrl: string;
  publishableKey: string;
  clientSecret: string;
  paymentMethod: TestCard;
  /** Where the bank's page sends the cardholder back after 3-D Secure. */
  returnUrl: string;
}): Promise<ConfirmOutcome> {
  const id = paymentIntentOf(input.clientSecret);
  // Form-encoded with the key in the body, as Stripe.js sends it: a simple request, no CORS preflight.
  const body = new URLSearchParams({
    key: input.publishableKey,
    client_secret: input.clientSecret,
    payment_method: input.paymentMethod,
    return_url: input.returnUrl,
  });
  const response = await fetch(`${input.apiUrl}/v1/payment_intents/${encodeURIComponent(id)}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const payload = (await response.json()) as Stripe.PaymentIntent | { error: Stripe.StripeRawError };
  if ('error' in payload) {
    const message = payload.error.message ?? payload.error.code ?? `HTTP ${response.status}`;
    return payload.error.type === 'card_error' ? { kind: 'declined', message } : { kind: 'failed', message };
  }
  if (payload.status === 'requires_capture' || payload.status === 'succeeded') return { kind: 'authorised' };
  const redirect = payload.next_action?.redirect_to_url?.url;
  if (payload.status === 'requires_action' && typeof redirect === 'string')
    return { kind: 'redirect', url: redirect };
  const refused = payload.last_payment_error?.message;
  return refused === undefined
    ? { kind: 'failed', message: `unexpected payment status ${payload.status}` }
    : { kind: 'declined', message: refused };
}
