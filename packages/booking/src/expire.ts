/**
 * Holds that were not paid in time give back what they took, exactly once: the release is
 * conditioned on the hold still being HELD and its time being up. What decides "in time" is when
 * the card was authorised, by the provider's clock, not when its event arrives: before expiring a
 * hold that has a PaymentIntent, the sweeper reads it, and a hold authorised in time goes to its
 * hospital instead. An expiry records the release of the PaymentIntent; the reconciler cancels it.
 */
import type { Booking } from '@shifa/contracts';
import { ConflictError, startRelease, transitionBooking } from '@shifa/domain';
import { logger, runWithKeys } from '@shifa/runtime';
import { changeStatus, expiredHolds, getBooking } from '@shifa/store';
import { acceptAuthorization } from './payment-events';
import type { PaymentPort } from './ports';

/**
 * How long past its time a hold whose PaymentIntent cannot be read is kept: a provider outage must
 * not hold seats for ever, and a release cancels the PaymentIntent, so nobody pays for it either way.
 */
export const UNREADABLE_HOLD_GRACE_MS = 15 * 60_000;

export type ExpiryOptions = {
  /** What the provider already said of the authorisation (a late event), so it is not read again. */
  authorizedAt?: string | null;
};

export async function expireHold(
  booking: Booking,
  payments: PaymentPort,
  now: Date,
  options: ExpiryOptions = {},
): Promise<Booking> {
  const paymentIntentId = booking.payment.paymentIntentId;
  if (paymentIntentId !== undefined && options.authorizedAt === undefined) {
    try {
      const intent = await payments.retrieve(paymentIntentId);
      if (
        intent.status === 'requires_capture' &&
        intent.authorizedAt !== null &&
        intent.authorizedAt < booking.holdExpiresAt
      ) {
        // Paid in time; its event has not been applied yet. The hospital gets it.
        try {
          return await acceptAuthorization(booking, paymentIntentId, intent.authorizedAt, now);
        } catch (error) {
          if (error instanceof ConflictError) return (await getBooking(booking.bookingId)) ?? booking;
          throw error;
        }
      }
    } catch (error) {
      if (now.getTime() - Date.parse(booking.holdExpiresAt) < UNREADABLE_HOLD_GRACE_MS) {
        logger.warn('hold kept: its payment could not be read', {
          bookingId: booking.bookingId,
          error: error instanceof Error ? error.name : String(error),
        });
        return booking;
      }
    }
  }
  const at = now.toISOString();
  const { status, entry } = transitionBooking(booking.status, 'hold_expired', at);
  try {
    return await changeStatus({
      booking,
      to: status,
      entry,
      at,
      counters: 'release',
      condition: {
        expression: '#holdExpiresAt <= :now',
        names: { '#holdExpiresAt': 'holdExpiresAt' },
        values: { ':now': at },
      },
      payment: startRelease(booking.payment, booking.bookingId, 'the hold expired unpaid', at),
    });
  } catch (error) {
    // Someone else moved it first (a payment in time, another sweeper, a cancel): read what won.
    if (error instanceof ConflictError) return (await getBooking(booking.bookingId)) ?? booking;
    throw error;
  }
}

/**
 * The sweeper: releases holds whose time is up, each on its own (one that fails never stops the
 * others), until `budgetMs` of wall time is spent, so a slow provider cannot run the function out.
 */
export async function expireDueHolds(
  payments: PaymentPort,
  now: Date,
  options: { batch?: number; budgetMs?: number } = {},
): Promise<{ released: number; kept: number; failed: number }> {
  const batch = options.batch ?? 50;
  const stopAt = performance.now() + (options.budgetMs ?? 20_000);
  const counts = { released: 0, kept: 0, failed: 0 };
  const seen = new Set<string>();
  // Bounded: the index is eventually consistent, so a just-released hold may be listed once more.
  for (let round = 0; round < 20 && performance.now() < stopAt; round += 1) {
    const due = (await expiredHolds(now.toISOString(), batch)).filter(
      (booking) => !seen.has(booking.bookingId),
    );
    for (const booking of due) {
      if (performance.now() >= stopAt) break;
      seen.add(booking.bookingId);
      try {
        const result = await runWithKeys({ bookingId: booking.bookingId }, () =>
          expireHold(booking, payments, now),
        );
        if (result.status === 'EXPIRED') counts.released += 1;
        else counts.kept += 1;
      } catch (error) {
        counts.failed += 1;
        logger.error('a hold could not be released', {
          bookingId: booking.bookingId,
          error: error instanceof Error ? error.name : String(error),
        });
      }
    }
    if (due.length < batch) break;
  }
  return counts;
}
