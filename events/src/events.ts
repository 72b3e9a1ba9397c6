/**
 * Shifa's domain events: what happened to a booking, for whoever must react
 * (the hospital, the tourist's notifications, settlement). Each is versioned by
 * its `detail-type` and the `version` in its detail, and carries what its
 * consumers need and no more: no health notes (they go only in the copy
 * delivered to the treating hospital, read from the store at send time), no
 * payment card data, no contact details.
 */
import {
  BookingId,
  Country,
  Currency,
  DeclineReason,
  DepartureId,
  IsoDate,
  IsoDateTime,
  Language,
  MinorUnits,
  PackageId,
  Slug,
} from '@shifa/contracts';
import * as z from 'zod';

export const EVENT_SOURCE = 'shifa.booking';

/**
 * Where an event came from, for following a booking's story through the logs; no business meaning.
 * Added within version 1, so optional: events published before it have none.
 */
export const EventMetadata = z.object({
  /** The request whose change caused the event (API Gateway's request id, or a scheduled run's). */
  requestId: z.string().min(1).max(200).optional(),
});

/** Fields every event's detail has. `eventId` is stable for a given change, so consumers dedupe by it. */
const Base = z.object({
  version: z.literal(1),
  eventId: z.string().min(1).max(200),
  occurredAt: IsoDateTime,
  bookingId: BookingId,
  hospitalId: Slug,
  agencyId: Slug,
  metadata: EventMetadata.optional(),
});

/**
 * The log keys of an event's consumer: the booking, the event and the request that caused it. Read
 * leniently from what the target was invoked with, before it is parsed, so even the line that says
 * the event is malformed carries what could be read.
 */
export function correlationOf(event: unknown): { bookingId?: string; eventId?: string; requestId?: string } {
  const detail = (event as { detail?: unknown } | null | undefined)?.detail;
  return detailCorrelation(detail);
}

/** The same keys from a detail alone (a hospital delivery keeps the detail it was made for). */
export function detailCorrelation(detail: unknown): {
  bookingId?: string;
  eventId?: string;
  requestId?: string;
} {
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined;
  const fields = (detail ?? {}) as {
    bookingId?: unknown;
    eventId?: unknown;
    metadata?: { requestId?: unknown };
  };
  const keys = {
    bookingId: text(fields.bookingId),
    eventId: text(fields.eventId),
    requestId: text(fields.metadata?.requestId),
  };
  return Object.fromEntries(Object.entries(keys).filter(([, value]) => value !== undefined));
}

const TravellerForHospital = z.object({
  fullName: z.string(),
  birthDate: IsoDate,
  nationality: Country,
  preferredLanguage: Language,
  hasHealthNotes: z.boolean(),
});

export const BookingRequested = Base.extend({
  packageId: PackageId,
  departureId: DepartureId,
  startDate: IsoDate,
  endDate: IsoDate,
  treatmentDates: z.array(IsoDate),
  programmeTitle: z.string().optional(),
  travellers: z.array(TravellerForHospital),
  decisionDeadline: IsoDateTime,
});

export const BookingAccepted = Base.extend({ confirmedAt: IsoDateTime });

export const BookingDeclined = Base.extend({ reason: DeclineReason, note: z.string().max(500).optional() });

export const BookingCancelled = Base.extend({
  cancelledBy: z.enum(['tourist', 'platform']),
  /** Why, when the platform cancelled (e.g. the card authorisation lapsed before capture). */
  cause: z.string().max(80),
  refund: z
    .object({ amount: MinorUnits, currency: Currency, percent: z.number().int().min(0).max(100) })
    .optional(),
});

export const BookingExpired = Base.extend({ holdExpiresAt: IsoDateTime });

export const BookingCompleted = Base.extend({ endDate: IsoDate });

export const PaymentCaptured = Base.extend({ amount: MinorUnits, currency: Currency });

export const PaymentRefunded = Base.extend({
  amount: MinorUnits,
  currency: Currency,
  totalRefunded: MinorUnits,
});

/**
 * A money step was recorded (a capture, the release of an authorisation, a refund by the policy):
 * the reconciler drives it. Internal to the platform: ids and the amount, nothing about anyone.
 */
export const PaymentStepRequested = Base.extend({
  step: z.object({
    kind: z.enum(['capture', 'release', 'refund']),
    id: z.string().min(1).max(120),
    amount: MinorUnits,
  }),
  currency: Currency,
});

/** detail-type → schema of the detail. */
export const EVENT_SCHEMAS = {
  BookingRequested,
  BookingAccepted,
  BookingDeclined,
  BookingCancelled,
  BookingExpired,
  BookingCompleted,
  PaymentCaptured,
  PaymentRefunded,
  PaymentStepRequested,
} as const;

export type DetailType = keyof typeof EVENT_SCHEMAS;
export const DETAIL_TYPES = Object.keys(EVENT_SCHEMAS) as DetailType[];

export type EventDetail<T extends DetailType> = z.infer<(typeof EVENT_SCHEMAS)[T]>;

/** An event as put on the bus (EventBridge PutEvents entry, before the bus adds id/time/account). */
export type DomainEvent = {
  [T in DetailType]: { source: typeof EVENT_SOURCE; detailType: T; detail: EventDetail<T> };
}[DetailType];
