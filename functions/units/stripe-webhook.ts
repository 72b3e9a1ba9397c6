/** The stripe-webhook unit: Stripe's signed payment events. */
import { apiUnit } from '../dispatch';
import { handler as stripeWebhook } from '../payments/stripe-webhook';

export const handler = apiUnit('stripe-webhook', { stripeWebhook });
