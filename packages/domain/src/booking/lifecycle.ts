/**
 * The booking state machine. Every change of status goes through `transition`,
 * which refuses moves the lifecycle does not allow, so late or repeated inputs
 * (a webhook delivered twice, a decision after a timeout) cannot move a booking
 * backwards.
 *
 *   HELD ──payment_authorized──▶ AWAITING_HOSPITAL ──hospital_accepted──▶ CONFIRMED ──trip_ended──▶ COMPLETED
 *     │ hold_expired / tourist_cancelled   │ tourist_cancelled  │ hospital_declined / hospital_timeout   │ tourist_cancelled
 *     ▼                                    ▼                    ▼                                        ▼
 *   EXPIRED / CANCELLED                CANCELLED            DECLINED                                CANCELLED
 */
import type { BookingStatus, HistoryEntry } from '@shifa/contracts';
import { ConflictError } from '../errors';

export const BOOKING_EVENTS = {
  payment_authorized: { from: ['HELD'], to: 'AWAITING_HOSPITAL' },
  hold_expired: { from: ['HELD'], to: 'EXPIRED' },
  tourist_cancelled: { from: ['HELD', 'AWAITING_HOSPITAL', 'CONFIRMED'], to: 'CANCELLED' },
  hospital_accepted: { from: ['AWAITING_HOSPITAL'], to: 'CONFIRMED' },
  hospital_declined: { from: ['AWAITING_HOSPITAL'], to: 'DECLINED' },
  hospital_timeout: { from: ['AWAITING_HOSPITAL'], to: 'DECLINED' },
  trip_ended: { from: ['CONFIRMED'], to: 'COMPLETED' },
  /** The hospital accepted but the card could no longer be charged (the authorisation lapsed). */
  capture_failed: { from: ['AWAITING_HOSPITAL'], to: 'CANCELLED' },
} as const satisfies Record<string, { from: readonly BookingStatus[]; to: BookingStatus }>;

export type BookingEvent = keyof typeof BOOKING_EVENTS;

/** Statuses from which everything the booking took has been given back. */
export const RELEASED_STATUSES: readonly BookingStatus[] = ['EXPIRED', 'CANCELLED', 'DECLINED'];

/** Statuses that hold seats, beds and rooms. */
export const HOLDING_STATUSES: readonly BookingStatus[] = ['HELD', 'AWAITING_HOSPITAL', 'CONFIRMED'];

export function canApply(status: BookingStatus, event: BookingEvent): boolean {
  return (BOOKING_EVENTS[event].from as readonly BookingStatus[]).includes(status);
}

/** The next status and its history entry; 409 with the current status when the move is not allowed. */
export function transitionBooking(
  status: BookingStatus,
  event: BookingEvent,
  at: string,
  note?: string,
): { status: BookingStatus; entry: HistoryEntry } {
  if (!canApply(status, event)) {
    throw new ConflictError(
      'invalid_booking_state',
      `the booking is ${status}; ${event.replaceAll('_', ' ')} does not apply`,
      [{ path: 'status', message: status }],
    );
  }
  const to = BOOKING_EVENTS[event].to;
  return {
    status: to,
    entry: { at, from: status, to, cause: event, ...(note === undefined ? {} : { note }) },
  };
}

/** A hold whose time is up is expired for every reader, even before the sweeper has released it. */
export function effectiveStatus(status: BookingStatus, holdExpiresAt: string, now: Date): BookingStatus {
  return status === 'HELD' && Date.parse(holdExpiresAt) <= now.getTime() ? 'EXPIRED' : status;
}
