import type { Booking, MoneyStep } from '@shifa/contracts';
import { describe, expect, it } from 'vitest';
import { DETAIL_TYPES, EVENT_SCHEMAS } from './events';
import {
  asStoredItem,
  exampleBookings as b,
  changed,
  EXAMPLE_CHANGES,
  EXAMPLE_EMAIL,
  EXAMPLE_HEALTH_NOTE,
} from './example-booking';
import { eventsFromBookingChange } from './from-change';

const typesOf = (before: Booking | undefined, after: Booking | undefined) =>
  eventsFromBookingChange(before, after).map((e) => e.detailType);

describe('eventsFromBookingChange', () => {
  it('derives BookingRequested from HELD → AWAITING_HOSPITAL with the dates, travellers and deadline', () => {
    const [event, ...others] = eventsFromBookingChange(b.held, b.awaiting);

    expect(others).toEqual([]);
    expect(event?.detailType).toBe('BookingRequested');
    expect(event?.source).toBe('shifa.booking');
    expect(event?.detail).toEqual({
      version: 1,
      eventId: 'bk-7f3c2a9e41d8:v2:BookingRequested',
      occurredAt: '2027-02-01T09:04:12.000Z',
      bookingId: 'bk-7f3c2a9e41d8',
      hospitalId: 'xj-tcm-hospital',
      agencyId: 'jibek-zholy-almaty',
      packageId: 'urumqi-acupuncture-10-days',
      departureId: 'urumqi-acupuncture-2027-04-12',
      startDate: '2027-04-12',
      endDate: '2027-04-21',
      treatmentDates: b.awaiting.treatmentDates,
      travellers: [
        {
          fullName: 'AIGERIM NURLANOVA',
          birthDate: '1966-09-30',
          nationality: 'KZ',
          preferredLanguage: 'ru',
          hasHealthNotes: true,
        },
      ],
      decisionDeadline: '2027-02-03T09:04:12.000Z',
      metadata: { requestId: 'QkZ8Ij3DliAEMbA=' },
    });
  });

  it("names the request that made the change in each event's metadata, and leaves it out when none did", () => {
    const unattributed = changed(b.awaiting, {
      to: 'DECLINED',
      at: '2027-02-03T09:05:00.000Z',
      cause: 'hospital_timeout',
    });

    const [attributed] = eventsFromBookingChange(b.awaiting, b.declined);
    const [bare] = eventsFromBookingChange(b.awaiting, unattributed);

    expect(attributed?.detail.metadata).toEqual({ requestId: b.declined.lastRequestId });
    expect(bare?.detail).not.toHaveProperty('metadata');
  });

  it('derives BookingAccepted and PaymentCaptured from the confirming change, both of its version', () => {
    const events = eventsFromBookingChange(b.acceptedMark, b.confirmed);

    expect(events.map((e) => e.detailType)).toEqual(['BookingAccepted', 'PaymentCaptured']);
    expect(events[0]?.detail).toMatchObject({ confirmedAt: '2027-02-01T15:30:01.000Z' });
    expect(events[1]?.detail).toMatchObject({ amount: 140_000, currency: 'USD' });
    expect(events.map((e) => e.detail.eventId)).toEqual([
      'bk-7f3c2a9e41d8:v4:BookingAccepted',
      'bk-7f3c2a9e41d8:v4:PaymentCaptured',
    ]);
  });

  it("derives BookingDeclined with the hospital's reason and note", () => {
    const [event] = eventsFromBookingChange(b.awaiting, b.declined);

    expect(event?.detailType).toBe('BookingDeclined');
    expect(event?.detail).toMatchObject({
      reason: 'needs_remote_consultation',
      note: 'Please book a free remote consultation first',
    });
  });

  it('says hospital_timeout when the deadline declined a booking without a recorded reason', () => {
    const timedOut = changed(b.awaiting, {
      to: 'DECLINED',
      at: '2027-02-03T09:05:00.000Z',
      cause: 'hospital_timeout',
    });

    expect(eventsFromBookingChange(b.awaiting, timedOut)[0]?.detail).toMatchObject({
      reason: 'hospital_timeout',
    });
  });

  it("derives BookingCancelled by the tourist with the policy's refund", () => {
    const [event, ...others] = eventsFromBookingChange(b.confirmed, b.cancelled);

    expect(others.map((other) => other.detailType)).toEqual(['PaymentStepRequested']);
    expect(event?.detailType).toBe('BookingCancelled');
    expect(event?.detail).toMatchObject({
      cancelledBy: 'tourist',
      cause: 'tourist_cancelled',
      refund: { amount: 112_000, currency: 'USD', percent: 80 },
    });
  });

  it('says the platform cancelled when the capture failed, with no refund', () => {
    const [event] = eventsFromBookingChange(b.acceptedMark, b.captureFailed);

    expect(event?.detailType).toBe('BookingCancelled');
    expect(event?.detail).toMatchObject({ cancelledBy: 'platform', cause: 'capture_failed' });
    expect(event?.detail).not.toHaveProperty('refund');
  });

  it('gives no refund for a cancellation before anything was charged', () => {
    const cancelledUnpaid = changed(b.awaiting, {
      to: 'CANCELLED',
      at: '2027-02-01T10:00:00.000Z',
      cause: 'tourist_cancelled',
      patch: {
        cancellation: {
          at: '2027-02-01T10:00:00.000Z',
          daysBeforeDeparture: 70,
          refundPercent: 100,
          amount: 0,
          method: 'authorization_canceled',
          rule: 'nothing was charged: the card authorisation is released in full',
        },
      },
    });

    const [event] = eventsFromBookingChange(b.awaiting, cancelledUnpaid);

    expect(event?.detail).toMatchObject({ cancelledBy: 'tourist' });
    expect(event?.detail).not.toHaveProperty('refund');
  });

  it('derives BookingExpired with the hold time and BookingCompleted with the end date', () => {
    expect(eventsFromBookingChange(b.held, b.expired)[0]?.detail).toMatchObject({
      holdExpiresAt: '2027-02-01T09:15:00.000Z',
    });
    expect(eventsFromBookingChange(b.confirmed, b.completed)[0]?.detail).toMatchObject({
      endDate: '2027-04-21',
    });
    expect(typesOf(b.held, b.expired)).toEqual(['BookingExpired', 'PaymentStepRequested']);
    expect(typesOf(b.confirmed, b.completed)).toEqual(['BookingCompleted']);
  });

  it('derives PaymentRefunded from an increase of the amount refunded, with the increase and the total', () => {
    const again = changed(b.refunded, {
      at: '2027-03-02T08:00:00.000Z',
      payment: { status: 'refunded', amountRefunded: 140_000 },
    });

    expect(eventsFromBookingChange(b.cancelled, b.refunded)[0]?.detail).toMatchObject({
      amount: 112_000,
      totalRefunded: 112_000,
    });
    expect(eventsFromBookingChange(b.refunded, again)[0]?.detail).toMatchObject({
      amount: 28_000,
      totalRefunded: 140_000,
    });
  });

  it('derives PaymentStepRequested when a money step is recorded, once per step, with ids and the amount only', () => {
    const retried = changed(b.cancelled, {
      at: '2027-03-01T08:01:00.000Z',
      payment: {
        step: {
          ...(b.cancelled.payment.step as MoneyStep),
          attempts: 1,
          nextAttemptAt: '2027-03-01T08:02:00.000Z',
        },
      },
    });

    expect(eventsFromBookingChange(b.awaiting, b.acceptedMark).map((event) => event.detail)).toEqual([
      expect.objectContaining({
        step: { kind: 'capture', id: 'bk-7f3c2a9e41d8.capture', amount: 140_000 },
        currency: 'USD',
        occurredAt: '2027-02-01T15:30:00.000Z',
      }),
    ]);
    expect(typesOf(b.cancelled, retried)).toEqual([]);
  });

  it('derives nothing from a new hold, a removal, a retry of a money step or a payment id', () => {
    const withIntent = changed(b.held, {
      at: '2027-02-01T09:01:00.000Z',
      payment: { paymentIntentId: 'pi_other' },
    });

    expect(typesOf(undefined, b.held)).toEqual([]);
    expect(typesOf(b.confirmed, undefined)).toEqual([]);
    expect(typesOf(b.held, withIntent)).toEqual([]);
  });

  it('derives nothing when a change is seen again with the status unchanged', () => {
    expect(typesOf(b.confirmed, b.confirmed)).toEqual([]);
  });

  it('gives the same events, ids included, for the same change derived twice', () => {
    expect(eventsFromBookingChange(b.held, b.awaiting)).toEqual(eventsFromBookingChange(b.held, b.awaiting));
  });

  it('gives different ids to the same kind of event on different versions', () => {
    const again = changed(b.refunded, {
      at: '2027-03-02T08:00:00.000Z',
      payment: { amountRefunded: 140_000 },
    });

    const first = eventsFromBookingChange(b.cancelled, b.refunded)[0]?.detail.eventId;
    const second = eventsFromBookingChange(b.refunded, again)[0]?.detail.eventId;

    expect(first).not.toBe(second);
  });

  it('refuses a booking awaiting the hospital without a decision deadline', () => {
    const { decisionDeadline: _deadline, ...broken } = b.awaiting;

    expect(() => eventsFromBookingChange(b.held, broken)).toThrow(/without decisionDeadline/);
  });

  it('covers every event type with a change, each detail valid against its schema', () => {
    for (const type of DETAIL_TYPES) {
      const [before, after] = EXAMPLE_CHANGES[type];
      const event = eventsFromBookingChange(before, after).find((e) => e.detailType === type);

      expect(event, type).toBeDefined();
      expect(EVENT_SCHEMAS[type].safeParse(event?.detail).success, type).toBe(true);
    }
  });

  it("never carries health notes, the tourist's email or the tourist's id, whatever the item holds", () => {
    const changes = Object.values(EXAMPLE_CHANGES).map(([before, after]) => [
      asStoredItem(before),
      asStoredItem(after),
    ]);

    const serialized = JSON.stringify(
      changes.flatMap(([before, after]) => eventsFromBookingChange(before, after)),
    );

    expect(serialized).toContain('BookingRequested');
    expect(serialized).not.toContain(EXAMPLE_HEALTH_NOTE);
    expect(serialized).not.toContain(EXAMPLE_EMAIL);
    expect(serialized).not.toContain('tourist-aigerim');
    expect(serialized).not.toContain('pi_3QxExample');
    expect(serialized).not.toContain('healthNotes');
    expect(serialized).not.toContain('family reasons');
  });
});
