/**
 * Bookings: a tourist's hold on a departure for one or more travellers, its
 * price snapshot, payment and lifecycle. Statuses follow DESIGN.md and map onto
 * the OCTO standard (see OCTO_STATUS).
 */
import * as z from 'zod';
import { CancellationPolicy, ServiceKind } from './catalog';
import {
  Country,
  Currency,
  DepartureId,
  IsoDate,
  IsoDateTime,
  Language,
  MinorUnits,
  PackageId,
  Slug,
} from './common';
import { HealthNotesConsentVersion } from './consent';
import { LedgerEntry, MoneyAttention, MoneyState, MoneyStep } from './money';
import { intParam } from './params';

export const BOOKING_STATUSES = [
  'HELD',
  'AWAITING_HOSPITAL',
  'CONFIRMED',
  'COMPLETED',
  'EXPIRED',
  'CANCELLED',
  'DECLINED',
] as const;
export const BookingStatus = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatus>;

/** How each status reads in the OCTO open standard for tour booking. */
export const OCTO_STATUS: Record<
  BookingStatus,
  'ON_HOLD' | 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'EXPIRED' | 'CANCELLED'
> = {
  HELD: 'ON_HOLD',
  AWAITING_HOSPITAL: 'PENDING',
  CONFIRMED: 'CONFIRMED',
  COMPLETED: 'CONFIRMED',
  EXPIRED: 'EXPIRED',
  CANCELLED: 'CANCELLED',
  DECLINED: 'REJECTED',
};

export const BookingId = Slug.describe('booking id');

/** The consent text a traveller was shown (HEALTH_NOTES_CONSENT_TEXTS): its version and language. */
export const HealthNotesConsentInput = z.strictObject(
  { version: HealthNotesConsentVersion, language: Language },
  {
    error: (issue) =>
      issue.input === undefined
        ? 'health notes are sent only with explicit consent: give the version and language of the consent text shown'
        : undefined,
  },
);

/** Health notes are personal health data: only with recorded consent, seen only by the treating hospital. */
export const HealthNotesInput = z.strictObject({
  text: z.string().trim().min(1).max(2000),
  consent: HealthNotesConsentInput,
});

/** The consent recorded with a booking: the text shown (version, language), when, and by whom. */
export const HealthNotesConsent = HealthNotesConsentInput.extend({
  at: IsoDateTime,
  /** The account that gave it: the tourist who booked, for every traveller on the booking. */
  by: z.string().min(1).max(128),
});
export type HealthNotesConsent = z.infer<typeof HealthNotesConsent>;

export const TravellerInput = z.strictObject({
  fullName: z.string().trim().min(2).max(120).describe('as written in the passport, in Latin letters'),
  birthDate: IsoDate,
  nationality: Country,
  preferredLanguage: Language,
  healthNotes: HealthNotesInput.optional(),
});
export type TravellerInput = z.infer<typeof TravellerInput>;

export const CreateBookingBody = z.strictObject({
  packageId: PackageId,
  departureId: DepartureId,
  /** Which of the departure's currencies to pay in; the first the departure offers if omitted. */
  currency: Currency.optional(),
  travellers: z.array(TravellerInput).min(1).max(10),
  /** Services that cost extra are listed here; the package's included services need no choice. */
  optionalServices: z.array(ServiceKind).max(10).default([]),
});
export type CreateBookingBody = z.infer<typeof CreateBookingBody>;

/** One line of the price snapshot: what it is for, how much in total, and who is owed it. */
export const PriceSnapshotLine = z.object({
  kind: z.enum(['treatment', 'accommodation', 'sightseeing', 'services']),
  perTraveller: MinorUnits,
  travellers: z.number().int().min(1),
  amount: MinorUnits,
  payee: z.object({ kind: z.enum(['hospital', 'agency']), id: Slug }),
});
export type PriceSnapshotLine = z.infer<typeof PriceSnapshotLine>;

export const PriceSnapshot = z.object({
  currency: Currency,
  lines: z.array(PriceSnapshotLine),
  total: MinorUnits,
  /** The instant the prices were copied from the catalog: later edits never change them. */
  pricedAt: IsoDateTime,
});
export type PriceSnapshot = z.infer<typeof PriceSnapshot>;

/** Payment statuses stored before money had a state machine of its own, read as the state they meant. */
const LEGACY_PAYMENT_STATUS: Record<string, MoneyState> = {
  pending: 'unpaid',
  authorization_canceled: 'released',
  partially_refunded: 'refunded',
  capture_failed: 'released',
};

export const Payment = z.object({
  provider: z.literal('stripe'),
  paymentIntentId: z.string().min(1).max(255).optional(),
  status: z.preprocess(
    (value) => (typeof value === 'string' ? (LEGACY_PAYMENT_STATUS[value] ?? value) : value),
    MoneyState,
  ),
  amount: MinorUnits,
  currency: Currency,
  amountCaptured: MinorUnits,
  amountRefunded: MinorUnits,
  /** When the card was authorised, by the provider's clock: a hold authorised in time is never expired. */
  authorizedAt: IsoDateTime.optional(),
  /** The step the reconciler is driving; absent when the money is at rest. */
  step: MoneyStep.optional(),
  /** Set when a person should look: a step the provider keeps refusing, or one it failed for good. */
  attention: MoneyAttention.optional(),
  /** How many refund steps were started: the next one's id follows from it. */
  refundSteps: z.number().int().min(0).max(100).default(0),
  /** Every step done, with what it moved. */
  ledger: z.array(LedgerEntry).max(20).default([]),
});
export type Payment = z.infer<typeof Payment>;

export const HistoryEntry = z.object({
  at: IsoDateTime,
  from: BookingStatus.nullable(),
  to: BookingStatus,
  /** Why: 'tourist', 'payment_authorized', 'hold_expired', 'hospital_accepted', … */
  cause: z.string().min(1).max(80),
  note: z.string().max(500).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const RefundDecisionView = z.object({
  daysBeforeDeparture: z.number().int(),
  /** What had been captured when the booking was cancelled; the refund is part of it. */
  charged: MinorUnits.optional(),
  refundPercent: z.number().int().min(0).max(100),
  amount: MinorUnits,
  /** The rule that applied, in words the tourist can check against the package's policy. */
  rule: z.string(),
  /** `authorization_canceled` when nothing had been charged yet, else `refund`. */
  method: z.enum(['authorization_canceled', 'refund', 'none']),
});
export type RefundDecisionView = z.infer<typeof RefundDecisionView>;

/**
 * A traveller as stored; health notes live apart, encrypted (see HealthNotes). Name and birth date
 * are absent once the tourist has erased their personal data (DELETE /me).
 */
export const Traveller = TravellerInput.omit({ healthNotes: true })
  .partial({ fullName: true, birthDate: true })
  .extend({
    hasHealthNotes: z.boolean(),
    /** The consent under which this traveller's notes were given; kept after the notes are deleted. */
    healthNotesConsent: HealthNotesConsent.optional(),
  });
export type Traveller = z.infer<typeof Traveller>;

export const Booking = z.object({
  bookingId: BookingId,
  status: BookingStatus,
  touristId: z.string().min(1).max(128),
  packageId: PackageId,
  departureId: DepartureId,
  agencyId: Slug,
  hospitalId: Slug,
  startDate: IsoDate,
  endDate: IsoDate,
  /** The days the hospital treats these travellers, and the hotel nights, as taken from inventory. */
  treatmentDates: z.array(IsoDate),
  nights: z.array(IsoDate),
  hotelId: Slug.optional(),
  travellers: z.array(Traveller).min(1).max(10),
  optionalServices: z.array(ServiceKind),
  price: PriceSnapshot,
  /** The package's cancellation tiers as they were when booked: later edits of the package do not change them. */
  cancellationPolicy: CancellationPolicy.optional(),
  payment: Payment,
  holdExpiresAt: IsoDateTime,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int().min(1),
  history: z.array(HistoryEntry).max(50),
  cancellation: RefundDecisionView.extend({ at: IsoDateTime }).optional(),
  /** How to reach the tourist about this booking: their sign-in email and the language to write in. */
  contact: z.object({ email: z.email().optional(), language: Language }).optional(),
  /** When the hospital must have answered by; set once the card is authorised. */
  decisionDeadline: IsoDateTime.optional(),
  /**
   * The request that made this version (API Gateway's request id, or the scheduled run's), written in
   * the same write as the change: the events the change causes carry it, so their consumers' logs can
   * be joined to the request's. Internal; never shown in a view.
   */
  lastRequestId: z.string().min(1).max(200).optional(),
  /** When the tourist deleted the travellers' health notes (DELETE /bookings/{id}/health-notes). */
  healthNotesDeletedAt: IsoDateTime.optional(),
  /** When the tourist's personal data on this booking was erased (DELETE /me); accounting stays. */
  personalDataErasedAt: IsoDateTime.optional(),
  /** The hospital's answer, once given. */
  decision: z
    .object({
      outcome: z.enum(['accepted', 'declined']),
      at: IsoDateTime,
      reason: z.lazy(() => DeclineReason).optional(),
      note: z.string().max(500).optional(),
    })
    .optional(),
});
export type Booking = z.infer<typeof Booking>;

export const DECLINE_REASONS = [
  'no_capacity',
  'medical_contraindication',
  'needs_remote_consultation',
  'other',
  'hospital_timeout',
] as const;
export const DeclineReason = z.enum(DECLINE_REASONS);
export type DeclineReason = z.infer<typeof DeclineReason>;

export const DeclineBookingBody = z
  .strictObject({
    reason: DeclineReason.exclude(['hospital_timeout']),
    /** What the tourist is told, in the hospital's words; no diagnosis is required. */
    note: z.string().trim().min(1).max(500).optional(),
  })
  // "Other reason" alone tells the tourist nothing: the hospital must say what it is.
  .refine((body) => body.reason !== 'other' || body.note !== undefined, {
    path: ['note'],
    message: 'say why in a note when the reason is other',
  });

/**
 * `omit` reads bookings without their travellers' health notes, opening nothing and adding nothing
 * to the access log: for a client that asks again and again (a page polling for the status).
 */
export const HealthNotesOption = z.enum(['include', 'omit']).default('include');

export const HospitalBookingsQuery = z.strictObject({
  status: BookingStatus.default('AWAITING_HOSPITAL'),
  healthNotes: HealthNotesOption,
  limit: intParam(1, 50).optional(),
  cursor: z.string().min(1).max(1024).optional(),
});

export const BookingPathParams = z.strictObject({ bookingId: BookingId });

export const GetBookingQuery = z.strictObject({ healthNotes: HealthNotesOption });

/**
 * A tourist's bookings or an agency's sales, newest first. No status filter: a hold past its time
 * is stored HELD but read as EXPIRED, so a filter on the stored status would answer wrongly, and
 * the page shows every status anyway.
 */
export const ListBookingsQuery = z.strictObject({
  limit: intParam(1, 50).optional(),
  cursor: z.string().min(1).max(1024).optional(),
});

/** What a tourist, agency or hospital sees of a booking. */
export const BookingView = Booking.omit({ touristId: true, version: true, contact: true }).extend({
  /** The travellers; a consent record shows what was agreed to and when, not the account that agreed. */
  travellers: z
    .array(Traveller.extend({ healthNotesConsent: HealthNotesConsent.omit({ by: true }).optional() }))
    .min(1)
    .max(10),
  octoStatus: z.string(),
  /** Present while the hold waits for payment: what the client needs to pay. */
  paymentAction: z
    .object({
      provider: z.literal('stripe'),
      clientSecret: z.string(),
      amount: MinorUnits,
      currency: Currency,
    })
    .optional(),
  /** Health notes, only in the treating hospital's view and the tourist's own. */
  healthNotes: z.array(z.object({ traveller: z.number().int().min(0), text: z.string() })).optional(),
});
export type BookingView = z.infer<typeof BookingView>;

export const BookingListResponse = z.object({
  items: z.array(BookingView),
  nextCursor: z.string().nullable(),
});

export const CancelBookingBody = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional(),
});
