/**
 * The files derived from the event schemas, computed in memory: a JSON Schema
 * per event (the whole EventBridge event, detail included) and an example per
 * event, taken from the example booking's changes through the very function
 * the publisher uses. `npm run events:generate` writes them under events/; a
 * test regenerates them and fails when the checked-in copies are stale.
 */
import * as z from 'zod';
import { busEventSchema } from './envelope';
import { DETAIL_TYPES, type DetailType, EVENT_SCHEMAS } from './events';
import { EXAMPLE_CHANGES } from './example-booking';
import { eventsFromBookingChange } from './from-change';

export type GeneratedFile = { path: string; content: unknown };

const SCHEMA_BASE_URL = 'https://schemas.shifa.example/events';

/** When each event is published, in the words the README's table uses. */
export const PUBLISHED_WHEN: Record<DetailType, string> = {
  BookingRequested: 'the card is authorised: the booking moves from HELD to AWAITING_HOSPITAL',
  BookingAccepted: 'the hospital accepted and the card was captured: the booking is CONFIRMED',
  BookingDeclined: 'the hospital declined, or its deadline passed: the booking is DECLINED',
  BookingCancelled: 'the tourist cancelled, or the platform did because the card could not be captured',
  BookingExpired: 'a hold was not paid in time: the booking is EXPIRED',
  BookingCompleted: 'the trip has ended: the booking is COMPLETED',
  PaymentCaptured: "the booking's card payment was captured (with the hospital's acceptance)",
  PaymentRefunded: 'money went back to the card: the amount refunded grew',
  PaymentStepRequested:
    'a money step was recorded with a change of the booking: a capture, the release of an authorisation, a refund by the policy',
};

export const versionOf = (type: DetailType): number => EVENT_SCHEMAS[type].shape.version.value;

export const schemaPath = (type: DetailType) => `schemas/${type}.v${versionOf(type)}.json`;
export const examplePath = (type: DetailType) => `examples/${type}.v${versionOf(type)}.json`;

export function jsonSchemaOf(type: DetailType): Record<string, unknown> {
  // As input: a consumer must accept fields added later within the same version.
  const { $schema, ...schema } = z.toJSONSchema(busEventSchema(type), { io: 'input' });
  return {
    $schema,
    $id: `${SCHEMA_BASE_URL}/${type}.v${versionOf(type)}.json`,
    title: `${type} v${versionOf(type)}`,
    description: `Published by Shifa when ${PUBLISHED_WHEN[type]}. Dedupe on detail.eventId.`,
    ...schema,
  };
}

/** The event as a target receives it, for the example booking's change of this kind. */
export function exampleOf(type: DetailType): Record<string, unknown> {
  const [before, after] = EXAMPLE_CHANGES[type];
  const event = eventsFromBookingChange(before, after).find((candidate) => candidate.detailType === type);
  if (event === undefined) throw new Error(`the example change for ${type} yields no ${type}`);
  return busEventSchema(type).parse({
    version: '0',
    id: `00000000-0000-4000-8000-${String(DETAIL_TYPES.indexOf(type) + 1).padStart(12, '0')}`,
    'detail-type': type,
    source: event.source,
    account: '123456789012',
    // EventBridge stamps whole seconds.
    time: `${event.detail.occurredAt.slice(0, 19)}Z`,
    region: 'eu-central-1',
    resources: [],
    detail: event.detail,
  });
}

export function generatedFiles(): GeneratedFile[] {
  return DETAIL_TYPES.flatMap((type) => [
    { path: schemaPath(type), content: jsonSchemaOf(type) },
    { path: examplePath(type), content: exampleOf(type) },
  ]);
}
