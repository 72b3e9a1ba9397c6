/**
 * What a hospital receives: the event as Shifa recorded it, and for a new
 * booking the travellers' consented health notes, read from the store and
 * decrypted for this request only. The body is built afresh for each attempt,
 * so no copy of the notes in clear is ever stored, queued or logged, and notes
 * deleted on request are not sent again.
 */
import type { DeliveryRecord, HealthNote } from '@shifa/store';

export type WebhookBody = {
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
};

type TravellerData = Record<string, unknown>;

export function webhookBody(delivery: DeliveryRecord, healthNotes: readonly HealthNote[]): string {
  // The event's metadata ties it to Shifa's own logs; it is no part of what hospitals are sent.
  const { metadata: _metadata, ...data }: Record<string, unknown> = delivery.detail;
  if (healthNotes.length > 0 && Array.isArray(data.travellers)) {
    data.travellers = (data.travellers as TravellerData[]).map((traveller, index) => {
      const note = healthNotes.find((candidate) => candidate.traveller === index);
      return note === undefined ? traveller : { ...traveller, healthNotes: note.text };
    });
  }
  const body: WebhookBody = {
    id: delivery.eventId,
    type: delivery.eventType,
    occurredAt: delivery.occurredAt,
    data,
  };
  return JSON.stringify(body);
}

/** Only a new booking carries health notes; every other event is about a booking the hospital already has. */
export const carriesHealthNotes = (eventType: string): boolean => eventType === 'BookingRequested';
