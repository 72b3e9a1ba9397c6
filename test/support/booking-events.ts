/**
 * Bookings made through the API at a demo hospital, and the events the
 * publisher derives from them as stored, wrapped as the bus hands them to a
 * rule's target: what the consumers' tests feed their handlers.
 */
import { randomUUID } from 'node:crypto';
import { BookingView, type Language } from '@shifa/contracts';
import { addDays } from '@shifa/domain';
import { type DetailType, type DomainEvent, eventsFromBookingChange } from '@shifa/events';
import { demoCatalog } from '@shifa/local/demo/catalog';
import { catalogItems, getBooking, putIfAbsent } from '@shifa/store';
import { expect } from 'vitest';
import type { TestApi } from './api';
import { confirmCard, type SimulatorHandle } from './payments';

export type BookingOptions = { notes?: string; language?: Language; as?: string };

export type BookingMaker = {
  readonly hospitalId: string;
  /** A hold, paid by card, awaiting the hospital. */
  paid(options?: BookingOptions): Promise<BookingView>;
  /** The event of `type` the booking's current state means, as the publisher derives it. */
  event(bookingId: string, type: DetailType): Promise<DomainEvent>;
};

let departureSeq = 0;

export function bookingMaker(
  api: TestApi,
  stripe: SimulatorHandle,
  today: string,
  hospitalId = 'xj-tcm-hospital',
): BookingMaker {
  const entry = demoCatalog(today).packages.find((p) => p.pkg.hospital.hospitalId === hospitalId);
  if (entry === undefined) throw new Error(`no demo package at ${hospitalId}`);
  const { pkg } = entry;

  async function departure(): Promise<string> {
    departureSeq += 1;
    const template = entry?.departures[0];
    if (template === undefined) throw new Error('no template departure');
    const startDate = addDays(today, 150 + departureSeq);
    const departureId = `${pkg.packageId}-evt-${process.pid}-${departureSeq}`;
    await putIfAbsent(
      catalogItems.departure(
        {
          ...template,
          departureId,
          startDate,
          endDate: addDays(startDate, pkg.durationDays - 1),
          seatsTotal: 4,
          seatsLeft: 4,
        },
        pkg,
      ),
    );
    return departureId;
  }

  return {
    hospitalId,
    async paid(options = {}) {
      const as = options.as ?? 'aigerim@example.kz';
      const held = await api.request('POST', '/bookings', {
        as,
        headers: { 'idempotency-key': randomUUID() },
        body: {
          packageId: pkg.packageId,
          departureId: await departure(),
          currency: 'USD',
          travellers: [
            {
              fullName: 'AIGERIM NURLANOVA',
              birthDate: '1966-09-30',
              nationality: 'KZ',
              preferredLanguage: options.language ?? 'ru',
              ...(options.notes === undefined
                ? {}
                : { healthNotes: { text: options.notes, consent: { version: '2026-12', language: 'ru' } } }),
            },
            {
              fullName: 'NURLAN ABENOV',
              birthDate: '1964-02-11',
              nationality: 'KZ',
              preferredLanguage: 'kk',
            },
          ],
        },
      });
      expect(held.status, JSON.stringify(held.body)).toBe(201);
      const booking = BookingView.parse(held.body);
      const card = await confirmCard(
        stripe.current,
        booking.paymentAction?.clientSecret ?? '',
        'pm_card_visa',
      );
      expect(card.status).toBe(200);
      await stripe.current.idle();
      const read = await api.request('GET', `/bookings/${booking.bookingId}`, { as });
      const paid = BookingView.parse(read.body);
      expect(paid.status).toBe('AWAITING_HOSPITAL');
      return paid;
    },
    async event(bookingId, type) {
      const stored = await getBooking(bookingId);
      if (stored === undefined) throw new Error(`no booking ${bookingId}`);
      const event = eventsFromBookingChange(undefined, stored).find((e) => e.detailType === type);
      if (event === undefined) throw new Error(`booking ${bookingId} (${stored.status}) means no ${type}`);
      return event;
    },
  };
}
