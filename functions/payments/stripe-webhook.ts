/**
 * POST /payments/stripe/webhook: Stripe's signed events. The signature is
 * checked on the raw body (API Gateway may deliver it base64); anything
 * unsigned, forged or stale is refused with 401: the signature is the
 * webhook's credential, its security scheme in the OpenAPI document.
 * Each event id is applied once.
 */
import { applyPaymentEvent } from '@shifa/booking';
import { stripePayments } from '@shifa/booking/stripe';
import { UnauthorizedError, ValidationError } from '@shifa/domain';
import { httpHandler, jsonBodyText, ok } from '@shifa/http';
import { verifyStripeEvent, WebhookVerificationError } from '@shifa/payments';
import { route } from '../routes';

export const handler = httpHandler(route('stripeWebhook'), async ({ event }) => {
  // Stripe sends JSON well under 64 KiB: anything else is refused (415, 413) before it is verified.
  jsonBodyText(event);
  const raw =
    event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64') : event.body;
  let verified: ReturnType<typeof verifyStripeEvent>;
  try {
    verified = verifyStripeEvent(raw, event.headers['stripe-signature']);
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      // A signed body that is not an event is a bad request; anything else is not Stripe's.
      if (error.reason === 'malformed') {
        throw new ValidationError('webhook_malformed', error.message, [
          { path: 'body', message: 'expected a Stripe event' },
        ]);
      }
      throw new UnauthorizedError(`webhook_${error.reason}`, error.message, [
        { path: 'Stripe-Signature', message: 'sign the exact body with the endpoint secret' },
      ]);
    }
    throw error;
  }
  if (!verified.handled) return ok({ received: true, outcome: 'ignored' });
  const outcome = await applyPaymentEvent(
    {
      id: verified.eventId,
      type: verified.type,
      created: verified.created,
      livemode: verified.livemode,
      paymentIntentId: verified.paymentIntentId,
      bookingId: verified.bookingId ?? undefined,
      amount: verified.amount,
      currency: verified.currency,
      amountCapturable: verified.amountCapturable,
      amountReceived: verified.amountReceived,
    },
    stripePayments(),
    new Date(),
  );
  return ok({ received: true, outcome });
});
