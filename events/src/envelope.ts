/**
 * The events as consumers receive them: EventBridge's envelope (version, id,
 * detail-type, source, account, time, region, resources) around a detail of
 * ours. A target parses what it is invoked with through `parseBusEvent`, so a
 * malformed or unknown event fails loudly instead of being half-read.
 */
import { IsoDateTime } from '@shifa/contracts';
import * as z from 'zod';
import { DETAIL_TYPES, type DetailType, EVENT_SCHEMAS, EVENT_SOURCE, type EventDetail } from './events';

export function busEventSchema<T extends DetailType>(detailType: T) {
  return z.object({
    version: z.literal('0'),
    /** EventBridge's own id for this delivery of the event; a republished change gets a new one (dedupe on detail.eventId). */
    id: z.string().min(1),
    'detail-type': z.literal(detailType),
    source: z.literal(EVENT_SOURCE),
    account: z.string(),
    time: IsoDateTime,
    region: z.string(),
    resources: z.array(z.string()),
    detail: EVENT_SCHEMAS[detailType] as (typeof EVENT_SCHEMAS)[T],
  });
}

export type BusEvent<T extends DetailType = DetailType> = {
  [K in T]: {
    version: '0';
    id: string;
    'detail-type': K;
    source: typeof EVENT_SOURCE;
    account: string;
    time: string;
    region: string;
    resources: string[];
    detail: EventDetail<K>;
  };
}[T];

const BUS_EVENT_SCHEMAS = Object.fromEntries(DETAIL_TYPES.map((type) => [type, busEventSchema(type)])) as {
  [T in DetailType]: ReturnType<typeof busEventSchema<T>>;
};

/** Parses an EventBridge event of ours; throws a ZodError naming each problem. */
export function parseBusEvent(raw: unknown): BusEvent {
  const type = z.object({ 'detail-type': z.enum(DETAIL_TYPES as [DetailType, ...DetailType[]]) }).parse(raw)[
    'detail-type'
  ];
  return BUS_EVENT_SCHEMAS[type].parse(raw) as BusEvent;
}
