/**
 * End to end, nothing driven by hand: a booking paid through the API commits,
 * the table's stream carries the change to the publisher, the local bus applies
 * the declared rules, and the two consumers do their work: the hospital's
 * system receives the signed request (after retries), the tourist a message.
 */

import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { beforeAll, expect, it } from 'vitest';
import { useApi } from './support/api';
import { bookingMaker } from './support/booking-events';
import { connectHospital, settled, useHospitalDelivery } from './support/delivery';
import { useEventBus } from './support/events';
import { usePaymentSimulator } from './support/payments';
import { useTable } from './support/table';

useTable();
const api = useApi();
const stripe = usePaymentSimulator(api);
const delivery = useHospitalDelivery({ timeScale: 1e-6 });
const pipeline = useEventBus();
const today = todayUtc(new Date());
const bookings = bookingMaker(api, stripe, today);
const HOSPITAL_ID = 'xj-tcm-hospital';
const HOSPITAL = 'international@xj-tcm.example.cn';
const TOURIST = 'aigerim@example.kz';
const NOTE = 'Принимает варфарин';

const mailAbout = (bookingId: string): { subject: string; text: string }[] =>
  existsSync(delivery.mailbox)
    ? readFileSync(delivery.mailbox, 'utf8')
        .split('\n')
        .filter((line) => line.includes(bookingId))
        .map((line) => JSON.parse(line) as { subject: string; text: string })
    : [];

/** Until every event about the booking of these types went through the bus and the queue. */

beforeAll(async () => {
  await loadDemoData(today);
  await connectHospital(api, delivery, { id: HOSPITAL_ID, user: HOSPITAL });
});

it('brings a paid booking to its hospital (through two failed attempts) and tells the tourist; then its cancellation', async () => {
  delivery.receiver.setMode('fail', { times: 2 });

  const booking = await bookings.paid({ notes: NOTE, language: 'ru' });
  await settled(pipeline, delivery, booking.bookingId, 1);
  const cancelled = await api.request('POST', `/bookings/${booking.bookingId}/cancel`, {
    as: TOURIST,
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
  await settled(pipeline, delivery, booking.bookingId, 2);

  const received = delivery.accepted.filter((a) => a.body.data.bookingId === booking.bookingId);
  expect(received.map((a) => a.body.type)).toEqual(['BookingRequested', 'BookingCancelled']);
  const travellers = received[0]?.body.data.travellers as { healthNotes?: string }[];
  expect(travellers[0]?.healthNotes).toBe(NOTE);
  const failures = delivery.receiver.requests.filter((r) => r.outcome === 'failed_on_purpose');
  expect(failures).toHaveLength(2);
  expect(mailAbout(booking.bookingId).map((mail) => mail.subject)).toEqual([
    `Бронирование ${booking.bookingId}: оплата подтверждена, ждём ответа больницы`,
    `Бронирование ${booking.bookingId} отменено`,
  ]);
  expect(pipeline.warnings).toEqual([]);
});
