/**
 * Target of the `drive-money` rule: a money step was recorded with a change of a booking (the
 * table's stream saw it commit), so the reconciler drives it now rather than at the next sweep.
 * Safe beside the request that recorded it and the sweep: each reads the provider before acting.
 * A failure to reach the provider is recorded on the booking and retried by the sweep; only a
 * failure to record it throws, so the event is retried.
 */
import { driveMoney } from '@shifa/booking';
import { stripePayments } from '@shifa/booking/stripe';
import { correlationOf, parseBusEvent } from '@shifa/events';
import { lambdaHandler } from '@shifa/http';
import { correlate, logger } from '@shifa/runtime';

export const handler = lambdaHandler(async (raw: unknown) => {
  correlate(correlationOf(raw as Parameters<typeof correlationOf>[0]));
  const event = parseBusEvent(raw);
  if (event['detail-type'] !== 'PaymentStepRequested') return { outcome: 'ignored' };
  const { bookingId, step } = event.detail;
  const { outcome, booking } = await driveMoney(bookingId, stripePayments(), new Date());
  logger.info('money step driven', { bookingId, step: step.id, outcome, money: booking?.payment.status });
  return { outcome };
});
