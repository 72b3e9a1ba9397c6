/**
 * The events a committed change of a booking means, derived from the change
 * itself (the item before and after, as the table's stream carries them), so no
 * outbox item is written beside the booking: the stream is the outbox. Pure:
 * the same change always gives the same events with the same ids, so a stream
 * record delivered twice is published twice with identical `eventId`s, and
 * consumers dedupe by it. Every field is picked explicitly (never spread from
 * the booking), so nothing the booking holds about the tourist or their health
 * can leak into an event.
 */
import type { Booking, HistoryEntry } from '@shifa/contracts';
import { type DetailType, type DomainEvent, EVENT_SCHEMAS, EVENT_SOURCE, type EventDetail } from './events';

/** Stable for a given change: the same booking version and kind of event always give the same id. */
export const eventIdOf = (bookingId: string, version: number, detailType: DetailType): string =>
  `${bookingId}:v${version}:${detailType}`;

/** The history entry of the change that moved the booking into its current status. */
function entryOf(booking: Booking): HistoryEntry | undefined {
  return booking.history.findLast((entry) => entry.to === booking.status);
}

/** A field the lifecycle always sets with this status; its absence is a broken booking, not an event to guess. */
function required<V>(value: V | undefined, booking: Booking, field: string): V {
  if (value === undefined) {
    throw new Error(`booking ${booking.bookingId} v${booking.version} is ${booking.status} without ${field}`);
  }
  return value;
}

function event<T extends DetailType>(
  detailType: T,
  booking: Booking,
  occurredAt: string,
  fields: Omit<
    EventDetail<T>,
    'version' | 'eventId' | 'occurredAt' | 'bookingId' | 'hospitalId' | 'agencyId' | 'metadata'
  >,
): DomainEvent {
  const detail = EVENT_SCHEMAS[detailType].parse({
    version: 1,
    eventId: eventIdOf(booking.bookingId, booking.version, detailType),
    occurredAt,
    bookingId: booking.bookingId,
    hospitalId: booking.hospitalId,
    agencyId: booking.agencyId,
    ...fields,
    ...(booking.lastRequestId === undefined ? {} : { metadata: { requestId: booking.lastRequestId } }),
  });
  return { source: EVENT_SOURCE, detailType, detail } as DomainEvent;
}

function statusEvent(booking: Booking): DomainEvent | undefined {
  const entry = entryOf(booking);
  const at = entry?.at ?? booking.updatedAt;
  switch (booking.status) {
    case 'AWAITING_HOSPITAL':
      return event('BookingRequested', booking, at, {
        packageId: booking.packageId,
        departureId: booking.departureId,
        startDate: booking.startDate,
        endDate: booking.endDate,
        treatmentDates: booking.treatmentDates,
        travellers: booking.travellers.map((traveller) => ({
          // Erasure is refused while a booking is in progress, so a requested booking names everyone.
          fullName: required(traveller.fullName, booking, 'fullName'),
          birthDate: required(traveller.birthDate, booking, 'birthDate'),
          nationality: traveller.nationality,
          preferredLanguage: traveller.preferredLanguage,
          hasHealthNotes: traveller.hasHealthNotes,
        })),
        decisionDeadline: required(booking.decisionDeadline, booking, 'decisionDeadline'),
      });
    case 'CONFIRMED':
      return event('BookingAccepted', booking, at, { confirmedAt: at });
    case 'DECLINED': {
      const decision = booking.decision;
      return event('BookingDeclined', booking, at, {
        reason: decision?.reason ?? (entry?.cause === 'hospital_timeout' ? 'hospital_timeout' : 'other'),
        ...(decision?.note === undefined ? {} : { note: decision.note }),
      });
    }
    case 'CANCELLED': {
      const cause = entry?.cause ?? 'unknown';
      const { cancellation } = booking;
      // A refund is news only when the card had been charged; an authorisation released in full is not one.
      const refund =
        cancellation !== undefined && booking.payment.amountCaptured > 0
          ? {
              amount: cancellation.amount,
              currency: booking.price.currency,
              percent: cancellation.refundPercent,
            }
          : undefined;
      return event('BookingCancelled', booking, at, {
        cancelledBy: cause === 'capture_failed' ? 'platform' : 'tourist',
        cause,
        ...(refund === undefined ? {} : { refund }),
      });
    }
    case 'EXPIRED':
      return event('BookingExpired', booking, at, { holdExpiresAt: booking.holdExpiresAt });
    case 'COMPLETED':
      return event('BookingCompleted', booking, at, { endDate: booking.endDate });
    default:
      return undefined;
  }
}

function paymentEvents(before: Booking | undefined, after: Booking): DomainEvent[] {
  const events: DomainEvent[] = [];
  const was = before?.payment;
  const now = after.payment;
  if (now.status === 'captured' && was?.status !== 'captured') {
    events.push(
      event('PaymentCaptured', after, after.updatedAt, {
        amount: now.amountCaptured,
        currency: now.currency,
      }),
    );
  }
  if (now.step !== undefined && now.step.id !== was?.step?.id) {
    events.push(
      event('PaymentStepRequested', after, now.step.requestedAt, {
        step: { kind: now.step.kind, id: now.step.id, amount: now.step.amount },
        currency: now.currency,
      }),
    );
  }
  const refundedBefore = was?.amountRefunded ?? 0;
  if (now.amountRefunded > refundedBefore) {
    events.push(
      event('PaymentRefunded', after, after.updatedAt, {
        amount: now.amountRefunded - refundedBefore,
        currency: now.currency,
        totalRefunded: now.amountRefunded,
      }),
    );
  }
  return events;
}

/**
 * The events one committed change of a booking means: entering a status other
 * than HELD, a money step recorded, a capture, a refund. A removal, a new hold,
 * or a change that only records something (a PaymentIntent id, a retry's next
 * attempt) means none.
 */
export function eventsFromBookingChange(
  oldImage: Booking | undefined,
  newImage: Booking | undefined,
): DomainEvent[] {
  if (newImage === undefined) return [];
  const events: DomainEvent[] = [];
  if (oldImage?.status !== newImage.status) {
    const changed = statusEvent(newImage);
    if (changed !== undefined) events.push(changed);
  }
  events.push(...paymentEvents(oldImage, newImage));
  return events;
}
