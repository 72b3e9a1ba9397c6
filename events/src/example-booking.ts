/**
 * A booking taken through its life, change by change, as the store writes it
 * (each change bumps `version` and appends to `history`). The checked-in event
 * examples are derived from these changes, and the tests use them, so an
 * example is always what the publisher really sends for a real-looking change.
 * The traveller has health notes and the tourist an email address: neither may
 * appear in any event.
 */
import { Booking, type BookingStatus, type MoneyStep, type Payment } from '@shifa/contracts';
import type { DetailType } from './events';

export const EXAMPLE_HEALTH_NOTE = 'Перенесла операцию на колене в 2023 году; аллергия на пенициллин';
export const EXAMPLE_EMAIL = 'aigerim@example.kz';

const held: Booking = Booking.parse({
  bookingId: 'bk-7f3c2a9e41d8',
  status: 'HELD',
  touristId: 'tourist-aigerim',
  packageId: 'urumqi-acupuncture-10-days',
  departureId: 'urumqi-acupuncture-2027-04-12',
  agencyId: 'jibek-zholy-almaty',
  hospitalId: 'xj-tcm-hospital',
  startDate: '2027-04-12',
  endDate: '2027-04-21',
  treatmentDates: ['2027-04-13', '2027-04-14', '2027-04-15', '2027-04-16', '2027-04-17'],
  nights: ['2027-04-12', '2027-04-13', '2027-04-14'],
  travellers: [
    {
      fullName: 'AIGERIM NURLANOVA',
      birthDate: '1966-09-30',
      nationality: 'KZ',
      preferredLanguage: 'ru',
      hasHealthNotes: true,
    },
  ],
  optionalServices: [],
  price: {
    currency: 'USD',
    lines: [
      {
        kind: 'treatment',
        perTraveller: 98_000,
        travellers: 1,
        amount: 98_000,
        payee: { kind: 'hospital', id: 'xj-tcm-hospital' },
      },
      {
        kind: 'accommodation',
        perTraveller: 42_000,
        travellers: 1,
        amount: 42_000,
        payee: { kind: 'agency', id: 'jibek-zholy-almaty' },
      },
    ],
    total: 140_000,
    pricedAt: '2027-02-01T09:00:00.000Z',
  },
  payment: {
    provider: 'stripe',
    paymentIntentId: 'pi_3QxExample',
    status: 'unpaid',
    amount: 140_000,
    currency: 'USD',
    amountCaptured: 0,
    amountRefunded: 0,
  },
  holdExpiresAt: '2027-02-01T09:15:00.000Z',
  createdAt: '2027-02-01T09:00:00.000Z',
  updatedAt: '2027-02-01T09:00:00.000Z',
  version: 1,
  history: [{ at: '2027-02-01T09:00:00.000Z', from: null, to: 'HELD', cause: 'tourist' }],
  lastRequestId: 'QkZtXgMhFiAEJgQ=',
  contact: { email: EXAMPLE_EMAIL, language: 'ru' },
});

/**
 * The item as it sits in the table: health notes never live on the booking (they are sealed in items of
 * their own), but a careless spread would carry anything an item holds, so this one carries the text too.
 */
export function asStoredItem(booking: Booking): Booking {
  return {
    ...booking,
    travellers: booking.travellers.map((traveller) => ({
      ...traveller,
      healthNotes: { text: EXAMPLE_HEALTH_NOTE, consent: true },
    })),
  };
}

/** A money step as the reconciler finds it recorded: due at once. */
const step = (
  kind: MoneyStep['kind'],
  id: string,
  amount: number,
  reason: string,
  at: string,
): MoneyStep => ({
  kind,
  id,
  amount,
  reason,
  requestedAt: at,
  attempts: 0,
  nextAttemptAt: at,
});

type Change = {
  to?: BookingStatus;
  at: string;
  /** The id of the request that made the change (its `lastRequestId`); none when no request did. */
  requestId?: string;
  cause?: string;
  note?: string;
  payment?: Partial<Payment>;
  patch?: Partial<Booking>;
};

/** The next version of a booking, as `changeStatus` / `updatePayment` in @shifa/store write it. */
export function changed(booking: Booking, change: Change): Booking {
  const to = change.to ?? booking.status;
  return Booking.parse({
    ...booking,
    ...change.patch,
    status: to,
    updatedAt: change.at,
    version: booking.version + 1,
    lastRequestId: change.requestId,
    payment: { ...booking.payment, ...change.payment },
    history:
      change.to === undefined
        ? booking.history
        : [
            ...booking.history,
            {
              at: change.at,
              from: booking.status,
              to,
              cause: change.cause ?? 'unknown',
              ...(change.note === undefined ? {} : { note: change.note }),
            },
          ],
  });
}

export const exampleBookings = (() => {
  const awaiting = changed(held, {
    to: 'AWAITING_HOSPITAL',
    at: '2027-02-01T09:04:12.000Z',
    requestId: 'QkZ8Ij3DliAEMbA=',
    cause: 'payment_authorized',
    payment: { status: 'authorized', authorizedAt: '2027-02-01T09:04:11.000Z' },
    patch: { decisionDeadline: '2027-02-03T09:04:12.000Z' },
  });
  const acceptedMark = changed(awaiting, {
    at: '2027-02-01T15:30:00.000Z',
    requestId: 'Qlb2aFTvFiAEJhw=',
    patch: { decision: { outcome: 'accepted', at: '2027-02-01T15:30:00.000Z' } },
    payment: {
      status: 'capture_pending',
      step: step(
        'capture',
        'bk-7f3c2a9e41d8.capture',
        140_000,
        'the hospital accepted the booking',
        '2027-02-01T15:30:00.000Z',
      ),
    },
  });
  const confirmed = changed(acceptedMark, {
    to: 'CONFIRMED',
    at: '2027-02-01T15:30:01.000Z',
    requestId: 'Qlb2agtQliAEM2w=',
    cause: 'hospital_accepted',
    payment: {
      status: 'captured',
      amountCaptured: 140_000,
      step: undefined,
      ledger: [
        { step: 'bk-7f3c2a9e41d8.capture', kind: 'capture', amount: 140_000, at: '2027-02-01T15:30:01.000Z' },
      ],
    },
  });
  const cancelled = changed(confirmed, {
    to: 'CANCELLED',
    at: '2027-03-01T08:00:00.000Z',
    requestId: 'Q0r4Y0wjliAEMUQ=',
    cause: 'tourist_cancelled',
    note: 'family reasons',
    patch: {
      cancellation: {
        at: '2027-03-01T08:00:00.000Z',
        daysBeforeDeparture: 42,
        charged: 140_000,
        refundPercent: 80,
        amount: 112_000,
        method: 'refund',
        rule: 'cancelled 42 days before departure: the tier "30 or more days before departure → 80%" applies',
      },
    },
    payment: {
      status: 'refund_pending',
      refundSteps: 1,
      step: step(
        'refund',
        'bk-7f3c2a9e41d8.refund.1',
        112_000,
        'cancelled 42 days before departure: 80%',
        '2027-03-01T08:00:00.000Z',
      ),
    },
  });
  const refunded = changed(cancelled, {
    at: '2027-03-01T08:00:02.000Z',
    requestId: 'Q0r4ZIzOFiAEJxg=',
    payment: {
      status: 'refunded',
      amountRefunded: 112_000,
      step: undefined,
      ledger: [
        ...confirmed.payment.ledger,
        {
          step: 'bk-7f3c2a9e41d8.refund.1',
          kind: 'refund',
          amount: 112_000,
          at: '2027-03-01T08:00:02.000Z',
          providerObjectId: 're_3QxExample',
        },
      ],
    },
  });
  const declined = changed(awaiting, {
    to: 'DECLINED',
    at: '2027-02-02T10:00:00.000Z',
    requestId: 'Qm1dAhVZliAEMvw=',
    cause: 'hospital_declined',
    note: 'Please book a free remote consultation first',
    patch: {
      decision: {
        outcome: 'declined',
        at: '2027-02-02T10:00:00.000Z',
        reason: 'needs_remote_consultation',
        note: 'Please book a free remote consultation first',
      },
    },
    payment: {
      status: 'release_pending',
      step: step(
        'release',
        'bk-7f3c2a9e41d8.release',
        0,
        'the booking was declined',
        '2027-02-02T10:00:00.000Z',
      ),
    },
  });
  // A scheduled sweep's changes carry its Lambda invocation's request id.
  const expired = changed(held, {
    to: 'EXPIRED',
    at: '2027-02-01T09:15:30.000Z',
    requestId: '5d0f2b1e-3c7a-4e1b-9a8d-0c6f4e2b7a19',
    cause: 'hold_expired',
    payment: {
      status: 'release_pending',
      step: step(
        'release',
        'bk-7f3c2a9e41d8.release',
        0,
        'the hold expired unpaid',
        '2027-02-01T09:15:30.000Z',
      ),
    },
  });
  const completed = changed(confirmed, {
    to: 'COMPLETED',
    at: '2027-04-22T01:00:00.000Z',
    requestId: 'b3e8a5c2-71d4-4f0e-8c2a-6e9d1f4a3b70',
    cause: 'trip_ended',
  });
  const captureFailed = changed(acceptedMark, {
    to: 'CANCELLED',
    at: '2027-02-01T15:30:01.000Z',
    requestId: 'Qlb2agtQliAEM2w=',
    cause: 'capture_failed',
    note: 'the card authorisation had lapsed',
    payment: { status: 'released', step: undefined },
  });
  return {
    held,
    awaiting,
    acceptedMark,
    confirmed,
    cancelled,
    refunded,
    declined,
    expired,
    completed,
    captureFailed,
  };
})();

/** One change per kind of event, before and after: the source of the checked-in examples. */
export const EXAMPLE_CHANGES = {
  BookingRequested: [exampleBookings.held, exampleBookings.awaiting],
  BookingAccepted: [exampleBookings.acceptedMark, exampleBookings.confirmed],
  BookingDeclined: [exampleBookings.awaiting, exampleBookings.declined],
  BookingCancelled: [exampleBookings.confirmed, exampleBookings.cancelled],
  BookingExpired: [exampleBookings.held, exampleBookings.expired],
  BookingCompleted: [exampleBookings.confirmed, exampleBookings.completed],
  PaymentCaptured: [exampleBookings.acceptedMark, exampleBookings.confirmed],
  PaymentRefunded: [exampleBookings.cancelled, exampleBookings.refunded],
  PaymentStepRequested: [exampleBookings.confirmed, exampleBookings.cancelled],
} as const satisfies Record<DetailType, readonly [Booking, Booking]>;
