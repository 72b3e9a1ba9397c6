/**
 * What the tourist hears when their booking moves: the event, the booking's
 * contact (email and language), one of the templates of @shifa/domain, and a
 * processed marker per event id so a redelivered event is not told twice.
 */
import type { TouristNotice } from '@shifa/domain';
import { renderNotice } from '@shifa/domain';
import { type DetailType, type EventDetail, parseBusEvent } from '@shifa/events';
import { claimNotification, getBooking, releaseNotification } from '@shifa/store';
import type { Notifier } from './notifier';

type Outcome = 'sent' | 'duplicate' | 'no_contact' | 'not_for_tourists';

/** The notice an event means for the tourist, given their booking; undefined if none. */
export function noticeFor(
  type: DetailType,
  detail: EventDetail<DetailType>,
  booking: { startDate: string; charged: boolean },
): TouristNotice | undefined {
  const { startDate } = booking;
  const bookingId = detail.bookingId;
  switch (type) {
    case 'BookingRequested': {
      const requested = detail as EventDetail<'BookingRequested'>;
      return {
        kind: 'awaiting_hospital',
        bookingId,
        startDate,
        decisionDeadline: requested.decisionDeadline,
      };
    }
    case 'BookingAccepted':
      return { kind: 'confirmed', bookingId, startDate };
    case 'BookingDeclined': {
      const declined = detail as EventDetail<'BookingDeclined'>;
      return {
        kind: 'declined',
        bookingId,
        startDate,
        reason: declined.reason,
        ...(declined.note === undefined ? {} : { note: declined.note }),
      };
    }
    case 'BookingExpired':
      return { kind: 'expired', bookingId, startDate };
    case 'BookingCancelled': {
      const cancelled = detail as EventDetail<'BookingCancelled'>;
      return {
        kind: 'cancelled',
        bookingId,
        startDate,
        cancelledBy: cancelled.cancelledBy,
        charged: booking.charged,
        ...(cancelled.refund === undefined ? {} : { refund: cancelled.refund }),
      };
    }
    case 'PaymentRefunded': {
      const refunded = detail as EventDetail<'PaymentRefunded'>;
      return { kind: 'refunded', bookingId, amount: refunded.amount, currency: refunded.currency };
    }
    default:
      return undefined;
  }
}

export async function notifyTourist(
  event: unknown,
  deps: { notifier: Notifier; now: () => Date },
): Promise<Outcome> {
  const parsed = parseBusEvent(event);
  const type = parsed['detail-type'];
  const detail = parsed.detail;
  const booking = await getBooking(detail.bookingId);
  if (booking?.contact?.email === undefined) return 'no_contact';
  const notice = noticeFor(type, detail, {
    startDate: booking.startDate,
    charged: booking.payment.amountCaptured > 0,
  });
  if (notice === undefined) return 'not_for_tourists';
  if (!(await claimNotification(detail.eventId, detail.bookingId, deps.now().toISOString())))
    return 'duplicate';
  const { language } = booking.contact;
  const message = renderNotice(notice, language);
  try {
    await deps.notifier.notify({ to: booking.contact.email, language, ...message });
  } catch (error) {
    await releaseNotification(detail.eventId);
    throw error;
  }
  return 'sent';
}
