/**
 * Holds that were not paid in time give back what they took, exactly once: the
 * release is conditioned on the hold still being HELD and its time being up,
 * so it cannot race a payment that arrived in time (that one is conditioned on
 * the time NOT being up). The authorisation, if any was opened, is cancelled.
 */
import type { Booking } from '@shifa/contracts';
import { ConflictError, transitionBooking } from '@shifa/domain';
import { logger, runWithKeys } from '@shifa/runtime';
import { changeStatus, expiredHolds, getBooking, updatePayment } from '@shifa/store';
import type { PaymentPort } from './ports';

export async function expireHold(booking: Booking, payments: PaymentPort, now: Date): Promise<Booking> {
  const at = now.toISOString();
  const { status, entry } = transitionBooking(booking.status, 'hold_expired', at);
  let expired: Booking;
  try {
    expired = await changeStatus({
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
    });
  } catch (error) {
    // Someone else moved it first (a payment in time, another sweeper, a cancel): read what won.
    if (error instanceof ConflictError) return (await getBooking(booking.bookingId)) ?? booking;
    throw error;
  }
  const paymentIntentId = expired.payment.paymentIntentId;
  if (paymentIntentId === undefined) return expired;
  try {
    await payments.cancelAuthorization(paymentIntentId, expired.bookingId);
    return await updatePayment(expired, { ...expired.payment, status: 'authorization_canceled' }, at);
  } catch (error) {
    // A late authorisation is cancelled again by the webhook that reports it.
    logger.warn('could not cancel the payment of an expired hold', {
      bookingId: expired.bookingId,
      error: (error as Error).name,
    });
    return expired;
  }
}

/** The sweeper: releases every hold whose time is up. Returns how many it released. */
export async function expireDueHolds(payments: PaymentPort, now: Date, batch = 50): Promise<number> {
  let released = 0;
  // Bounded: the index is eventually consistent, so a just-released hold may be listed once more.
  for (let round = 0; round < 20; round += 1) {
    const due = await expiredHolds(now.toISOString(), batch);
    for (const booking of due) {
      const result = await runWithKeys({ bookingId: booking.bookingId }, () =>
        expireHold(booking, payments, now),
      );
      if (result.status === 'EXPIRED') released += 1;
    }
    if (due.length < batch) break;
  }
  return released;
}
