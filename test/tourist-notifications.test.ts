/**
 * What tourists are told when their booking moves, through the real
 * `notify-tourist` target on bookings made and changed through the API: the
 * message in the tourist's language in the local mailbox, once per event, and
 * sent again after a failed attempt.
 */

import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { type Currency, LANGUAGES } from '@shifa/contracts';
import { formatMoney, todayUtc } from '@shifa/domain';
import type { DomainEvent, EventDetail } from '@shifa/events';
import { loadDemoData } from '@shifa/local/demo';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './support/api';
import { bookingMaker } from './support/booking-events';
import { busEvent, useHospitalDelivery } from './support/delivery';
import { usePaymentSimulator } from './support/payments';
import { useTable } from './support/table';

useTable();
const api = useApi();
const stripe = usePaymentSimulator(api);
const delivery = useHospitalDelivery({ timeScale: 1e-6 });
const today = todayUtc(new Date());
const bookings = bookingMaker(api, stripe, today);
const HOSPITAL = 'international@xj-tcm.example.cn';
const TOURIST = 'aigerim@example.kz';

type Mail = { at: string; to: string; language: string; subject: string; text: string };

function mailbox(): Mail[] {
  if (!existsSync(delivery.mailbox)) return [];
  return readFileSync(delivery.mailbox, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Mail);
}

const mailAbout = (bookingId: string) => mailbox().filter((mail) => mail.subject.includes(bookingId));

async function notify(event: DomainEvent): Promise<string> {
  const { handler } = await import('@shifa/functions/notifications/notify-tourist');
  return (await handler(busEvent(event))).outcome;
}

const decide = (bookingId: string, action: 'accept' | 'decline', body?: unknown) =>
  api.request('POST', `/hospital/bookings/${bookingId}/${action}`, {
    as: HOSPITAL,
    headers: { 'idempotency-key': randomUUID() },
    ...(body === undefined ? {} : { body }),
  });

const spaces = (text: string) => text.replace(/\s/g, ' ');

beforeAll(async () => {
  await loadDemoData(today);
});

describe('telling the tourist', () => {
  it('writes to the tourist in Russian that the hospital is deciding, once however often the event comes', async () => {
    const booking = await bookings.paid({ language: 'ru' });
    const event = await bookings.event(booking.bookingId, 'BookingRequested');

    const outcomes = [await notify(event), await notify(event)];

    expect(outcomes).toEqual(['sent', 'duplicate']);
    const mails = mailAbout(booking.bookingId);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: TOURIST, language: 'ru' });
    expect(mails[0]?.subject).toContain('ждём ответа больницы');
    expect(mails[0]?.text).toContain('UTC');
  });

  it('writes in the language of the first traveller: Kazakh', async () => {
    const booking = await bookings.paid({ language: 'kk' });

    await notify(await bookings.event(booking.bookingId, 'BookingRequested'));

    expect(mailAbout(booking.bookingId)[0]).toMatchObject({ language: 'kk' });
    expect(mailAbout(booking.bookingId)[0]?.subject).toContain('аурухананың жауабын күтудеміз');
  });

  it("tells a decline with its reason in words and the hospital's note, and that nothing was charged", async () => {
    const booking = await bookings.paid({ language: 'en' });
    const declined = await decide(booking.bookingId, 'decline', {
      reason: 'needs_remote_consultation',
      note: 'Please book a free remote consultation first.',
    });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);

    await notify(await bookings.event(booking.bookingId, 'BookingDeclined'));

    const [mail] = mailAbout(booking.bookingId);
    expect(mail?.subject).toBe(`Booking ${booking.bookingId} declined`);
    expect(mail?.text).toContain('the hospital would like a remote consultation with you first');
    expect(mail?.text).toContain('Please book a free remote consultation first.');
    expect(mail?.text).toContain('Nothing has been charged');
  });

  it('tells a confirmation, then a cancellation with the refund in the booking currency, then the refund', async () => {
    const booking = await bookings.paid({ language: 'ru' });
    expect((await decide(booking.bookingId, 'accept')).status).toBe(200);
    await notify(await bookings.event(booking.bookingId, 'BookingAccepted'));
    const cancelled = await api.request('POST', `/bookings/${booking.bookingId}/cancel`, {
      as: TOURIST,
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const cancellation = await bookings.event(booking.bookingId, 'BookingCancelled');
    const refunded = await bookings.event(booking.bookingId, 'PaymentRefunded');

    await notify(cancellation);
    await notify(refunded);

    const refund = (cancellation.detail as EventDetail<'BookingCancelled'>).refund;
    if (refund === undefined || refund.amount === 0) throw new Error('the demo policy gave no refund');
    const mails = mailAbout(booking.bookingId);
    expect(mails.map((mail) => mail.subject)).toEqual([
      `Бронирование ${booking.bookingId} подтверждено`,
      `Бронирование ${booking.bookingId} отменено`,
      `Возврат по бронированию ${booking.bookingId}`,
    ]);
    const money = spaces(formatMoney(refund.amount, refund.currency as Currency, 'ru'));
    expect(spaces(mails[1]?.text ?? '')).toContain(money);
    expect(spaces(mails[1]?.text ?? '')).toContain(`${refund.percent}%`);
    expect(spaces(mails[2]?.text ?? '')).toContain(money);
  });

  it('sends again after a failed send: the claim on the event is given back', async () => {
    const booking = await bookings.paid({ language: 'zh' });
    const event = await bookings.event(booking.bookingId, 'BookingRequested');
    const { notifyTourist } = await import('@shifa/functions/notifications/notify');
    const failing = {
      notify: async () => {
        throw new Error('SES is unavailable');
      },
    };

    await expect(
      notifyTourist(busEvent(event), { notifier: failing, now: () => new Date() }),
    ).rejects.toThrow('SES is unavailable');
    const outcome = await notify(event);

    expect(outcome).toBe('sent');
    expect(mailAbout(booking.bookingId)).toHaveLength(1);
    expect(mailAbout(booking.bookingId)[0]?.subject).toContain('等待医院确认');
  });

  it('keeps health notes and the hospital’s names of travellers out of every message', async () => {
    const booking = await bookings.paid({ language: 'ru', notes: 'Аллергия на пенициллин' });

    await notify(await bookings.event(booking.bookingId, 'BookingRequested'));

    const text = JSON.stringify(mailAbout(booking.bookingId));
    expect(text).not.toContain('пенициллин');
    expect(text).not.toContain('NURLAN ABENOV');
    expect(LANGUAGES).toContain(mailAbout(booking.bookingId)[0]?.language);
  });
});
