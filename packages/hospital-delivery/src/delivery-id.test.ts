/** Delivery ids and the body a hospital receives, without a table. */
import { DeliveryId } from '@shifa/contracts';
import type { DeliveryRecord } from '@shifa/store';
import { describe, expect, it } from 'vitest';
import { deliveryIdFor, hospitalOfDelivery } from './delivery';
import { carriesHealthNotes, webhookBody } from './payload';

const delivery: DeliveryRecord = {
  deliveryId: 'xj-tcm-hospital-20270201090000000-3f9a1c2b4d5e',
  hospitalId: 'xj-tcm-hospital',
  eventId: 'bk-7f3c2a9e41d8:v3:BookingRequested',
  eventType: 'BookingRequested',
  bookingId: 'bk-7f3c2a9e41d8',
  occurredAt: '2027-02-01T09:00:00.000Z',
  detail: {
    bookingId: 'bk-7f3c2a9e41d8',
    travellers: [
      { fullName: 'AIGERIM NURLANOVA', hasHealthNotes: true },
      { fullName: 'NURLAN ABENOV', hasHealthNotes: false },
    ],
    metadata: { requestId: 'QkZ8Ij3DliAEMbA=' },
  },
  status: 'pending',
  round: 1,
  attempt: 1,
  settled: 0,
  roundStartedAt: '2027-02-01T09:00:01.000Z',
  createdAt: '2027-02-01T09:00:01.000Z',
  updatedAt: '2027-02-01T09:00:01.000Z',
  version: 2,
};

describe('delivery ids', () => {
  it('are the same for the same event and hospital, and differ for another hospital or event', () => {
    const id = deliveryIdFor('xj-tcm-hospital', 'bk-1:v3:BookingRequested', '2027-02-01T09:00:00Z');

    expect(deliveryIdFor('xj-tcm-hospital', 'bk-1:v3:BookingRequested', '2027-02-01T09:00:00.000Z')).toBe(id);
    expect(
      deliveryIdFor('horgos-peoples-hospital', 'bk-1:v3:BookingRequested', '2027-02-01T09:00:00Z'),
    ).not.toBe(id);
    expect(deliveryIdFor('xj-tcm-hospital', 'bk-1:v4:BookingCancelled', '2027-02-01T09:00:00Z')).not.toBe(id);
  });

  it('name their hospital, even one whose id has dashes and digits, and sort by the event time', () => {
    const early = deliveryIdFor('xj-tcm-hospital-2', 'e-1', '2027-02-01T09:00:00.000Z');
    const late = deliveryIdFor('xj-tcm-hospital-2', 'e-0', '2027-02-01T09:00:00.001Z');

    expect(hospitalOfDelivery(early)).toBe('xj-tcm-hospital-2');
    expect(early < late).toBe(true);
    expect(DeliveryId.safeParse(early).success).toBe(true);
    expect(early).toMatch(/^xj-tcm-hospital-2-20270201090000000-[0-9a-f]{12}$/);
  });
});

describe('the body a hospital receives', () => {
  it('carries the event and, for a new booking, each consenting traveller’s notes', () => {
    const body = JSON.parse(webhookBody(delivery, [{ traveller: 0, text: 'Аллергия на пенициллин' }]));

    expect(body).toMatchObject({
      id: delivery.eventId,
      type: 'BookingRequested',
      occurredAt: delivery.occurredAt,
      data: { bookingId: 'bk-7f3c2a9e41d8' },
    });
    expect(body.data.travellers[0]).toEqual({
      fullName: 'AIGERIM NURLANOVA',
      hasHealthNotes: true,
      healthNotes: 'Аллергия на пенициллин',
    });
    expect(body.data.travellers[1]).not.toHaveProperty('healthNotes');
  });

  it('leaves the stored detail untouched: the notes live only in the body of the request', () => {
    webhookBody(delivery, [{ traveller: 0, text: 'Аллергия на пенициллин' }]);

    expect(JSON.stringify(delivery)).not.toContain('пенициллин');
  });

  it("keeps Shifa's own trace metadata out of it", () => {
    const body = JSON.parse(webhookBody(delivery, []));

    expect(body.data).not.toHaveProperty('metadata');
    expect(JSON.stringify(body)).not.toContain('QkZ8Ij3DliAEMbA=');
  });

  it('reads notes only for a new booking', () => {
    expect(carriesHealthNotes('BookingRequested')).toBe(true);
    expect(carriesHealthNotes('BookingCancelled')).toBe(false);
    expect(carriesHealthNotes('BookingExpired')).toBe(false);
  });
});
