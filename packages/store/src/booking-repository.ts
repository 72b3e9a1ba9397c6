/**
 * Bookings in the table. A hold is ONE TransactWriteItems: every counter it
 * takes (the departure's seats, the hospital's beds on each treatment day, the
 * hotel's beds on each night) is guarded by a condition, so concurrent holds
 * can never oversell; when a condition fails, the cancellation reasons say
 * which resource ran out. Every later change of status is a transaction whose
 * condition is the status it read, so releasing what a booking took happens
 * exactly once however many workers race for it.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { Booking, type BookingStatus, type HistoryEntry, type Payment } from '@shifa/contracts';
import { ConflictError, type HoldPlan, type HoldResource, NotFoundError } from '@shifa/domain';
import { correlationKeys } from '@shifa/runtime';
import { type HealthNotesCipher, type HealthNotesSealer, Sealed } from '@shifa/sealing';
import * as z from 'zod';
import { documentClient, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { bookingKeys, ENTITY, keys } from './keys';
import { TABLE } from './table';
import { type GuardedItem, TRANSACTION_ITEMS_MAX, type TransactItem, transactGuarded } from './transact';

type Item = Record<string, unknown>;

/** DynamoDB refuses transactions of more than 100 items. */
export const MAX_TRANSACTION_ITEMS = TRANSACTION_ITEMS_MAX;

/** Which counter of a resource a booking's seats sit in. */
export type Holding = 'held' | 'confirmed';

/**
 * The sweep a booking waits for, if any (GSI1 holds one at a time): a pending money step first,
 * then an unpaid hold's expiry, a hospital's deadline while no decision is recorded, a trip's end.
 */
function sweepKeys(booking: Booking): Item {
  const { step, attention } = booking.payment;
  if (step !== undefined) return bookingKeys.money(step.nextAttemptAt, booking.bookingId);
  // Flagged with nothing to retry: listed for the operator, never due for the sweep.
  if (attention !== undefined) return bookingKeys.money(NEVER_DUE, booking.bookingId);
  if (booking.status === 'HELD') return bookingKeys.holds(booking.holdExpiresAt, booking.bookingId);
  if (
    booking.status === 'AWAITING_HOSPITAL' &&
    booking.decisionDeadline !== undefined &&
    booking.decision === undefined
  ) {
    return bookingKeys.decisions(booking.decisionDeadline, booking.bookingId);
  }
  if (booking.status === 'CONFIRMED') return bookingKeys.trips(booking.endDate, booking.bookingId);
  return {};
}

function indexKeys(booking: Booking): Item {
  // The hospital's inbox orders bookings awaiting it by their deadline, the others by when they were made.
  const inboxAt =
    booking.status === 'AWAITING_HOSPITAL' && booking.decisionDeadline !== undefined
      ? booking.decisionDeadline
      : booking.createdAt;
  return {
    ...bookingKeys.byTourist(booking.touristId, booking.createdAt, booking.bookingId),
    ...bookingKeys.byAgency(booking.agencyId, booking.createdAt, booking.bookingId),
    ...bookingKeys.byHospital(booking.hospitalId, booking.status, inboxAt, booking.bookingId),
    ...sweepKeys(booking),
  };
}

/**
 * The booking as this change writes it: with the id of the request making it (the invocation's,
 * @shifa/runtime), or without one when no request is known, never with an earlier request's.
 * The events the change causes carry it (@shifa/events), so their consumers' logs join the request's.
 */
function madeNow(booking: Booking): Booking {
  const { lastRequestId: _earlier, ...rest } = booking;
  const requestId = correlationKeys().requestId;
  return requestId === undefined ? rest : { ...rest, lastRequestId: requestId };
}

export const bookingItem = (booking: Booking): Item => ({
  ...bookingKeys.booking(booking.bookingId),
  ...indexKeys(booking),
  entity: ENTITY.booking,
  ...booking,
});

/** The update that takes (sign +1) or gives back (sign −1) a resource's units, moving them between counters. */
function counterUpdate(
  resource: HoldResource,
  change: 'take' | 'release' | 'confirm',
  from: Holding,
): TransactItem {
  const n = resource.quantity;
  const key =
    resource.kind === 'departure'
      ? keys.departure(resource.packageId, resource.departureId)
      : resource.kind === 'hospital_day'
        ? keys.capacity(resource.hospitalId, resource.date)
        : bookingKeys.hotelNight(resource.agencyId, resource.hotelId, resource.date);
  // Departures call their free counter seatsLeft; capacity days and hotel nights call it available.
  const available = resource.kind === 'departure' ? 'seatsLeft' : 'available';
  const base = { TableName: tableName, Key: key };
  if (change === 'take') {
    if (resource.kind === 'hotel_night') {
      // A night's item is made by the first hold on it, starting from the agency's allotment.
      return {
        Update: {
          ...base,
          UpdateExpression:
            'SET #available = if_not_exists(#available, :allotment) - :n, #capacity = if_not_exists(#capacity, :allotment), #held = if_not_exists(#held, :zero) + :n, #entity = :entity, #date = :date, #hotelId = :hotelId',
          ConditionExpression: 'attribute_not_exists(#available) OR #available >= :n',
          ExpressionAttributeNames: {
            '#available': 'available',
            '#held': 'held',
            '#capacity': 'capacity',
            '#entity': 'entity',
            '#date': 'date',
            '#hotelId': 'hotelId',
          },
          ExpressionAttributeValues: {
            ':n': n,
            ':zero': 0,
            ':allotment': resource.allotment,
            ':entity': ENTITY.hotelNight,
            ':date': resource.date,
            ':hotelId': resource.hotelId,
          },
        },
      };
    }
    return {
      Update: {
        ...base,
        UpdateExpression: 'SET #available = #available - :n, #held = if_not_exists(#held, :zero) + :n',
        ConditionExpression: 'attribute_exists(#available) AND #available >= :n',
        ExpressionAttributeNames: { '#available': available, '#held': 'held' },
        ExpressionAttributeValues: { ':n': n, ':zero': 0 },
      },
    };
  }
  if (change === 'confirm') {
    return {
      Update: {
        ...base,
        UpdateExpression: 'SET #held = #held - :n, #confirmed = if_not_exists(#confirmed, :zero) + :n',
        ExpressionAttributeNames: { '#held': 'held', '#confirmed': 'confirmed' },
        ExpressionAttributeValues: { ':n': n, ':zero': 0 },
      },
    };
  }
  const counter = from === 'held' ? '#held' : '#confirmed';
  return {
    Update: {
      ...base,
      UpdateExpression: `SET #available = #available + :n, ${counter} = ${counter} - :n`,
      ExpressionAttributeNames: { '#available': available, [counter]: from },
      ExpressionAttributeValues: { ':n': n },
    },
  };
}

/** What ran out, when the condition on a resource's counter failed. */
function holdConflict(resource: HoldResource): ConflictError {
  switch (resource.kind) {
    case 'departure':
      return new ConflictError('departure_sold_out', 'not enough seats are left on this departure', [
        { path: 'departureId', message: 'sold out for this many travellers' },
      ]);
    case 'hospital_day':
      return new ConflictError(
        'hospital_capacity_exhausted',
        `the hospital has no bed left for international patients on ${resource.date}`,
        [{ path: 'departureId', message: `no hospital capacity on ${resource.date}` }],
      );
    default:
      return new ConflictError('accommodation_full', `the hotel is full on the night of ${resource.date}`, [
        { path: 'departureId', message: `no hotel beds on ${resource.date}` },
      ]);
  }
}

export type HealthNote = { traveller: number; text: string };

/**
 * The tourist's count of held, unpaid bookings, moved in the transaction that moves the booking:
 * +1 with the hold (refused at `limit`), -1 with whatever change ends HELD (paid, expired, cancelled).
 */
function unpaidHolds(touristId: string, change: 1 | -1, limit?: number): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: bookingKeys.unpaidHolds(touristId),
      UpdateExpression: 'ADD #count :change',
      ...(limit === undefined
        ? {}
        : { ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit' }),
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':change': change, ...(limit === undefined ? {} : { ':limit': limit }) },
    },
  };
}

export async function createHold(
  plan: HoldPlan,
  notes: HealthNote[],
  cipher: HealthNotesSealer,
  limits: { maxUnpaidHolds: number; notesDeleteAfter: string },
): Promise<void> {
  const { resources } = plan;
  const booking = madeNow(plan.booking);
  // Sealed before the transaction is built: a KMS call inside it would hold its items for nothing,
  // and a failure to seal must leave no hold behind.
  const sealed = await Promise.all(
    notes.map(async (note) => ({
      traveller: note.traveller,
      note: await cipher.encrypt(note.text, booking.bookingId, note.traveller),
    })),
  );
  const unavailable = () => new ConflictError('package_unavailable', 'this package is no longer on sale');
  const items: GuardedItem[] = [
    // First: a retry of the same attempt is told it exists, whatever else has changed since.
    {
      item: {
        Put: {
          TableName: tableName,
          Item: bookingItem(booking),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
        },
      },
      failed: () => new ConflictError('booking_exists', 'this booking already exists'),
    },
    {
      item: unpaidHolds(booking.touristId, 1, limits.maxUnpaidHolds),
      failed: () =>
        new ConflictError(
          'too_many_unpaid_holds',
          `you already hold ${limits.maxUnpaidHolds} bookings that are not paid: pay for one, cancel one, or let one expire, then book again`,
        ),
    },
    {
      item: {
        ConditionCheck: {
          TableName: tableName,
          Key: keys.package(booking.packageId),
          ConditionExpression: '#status = :published',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':published': 'published' },
        },
      },
      failed: unavailable,
    },
    // Each seller's own profile, not one item every hold in the marketplace would contend on: a
    // suspended agency or hospital sells nothing from the moment the operator's change commits.
    ...[keys.agency(booking.agencyId), keys.hospital(booking.hospitalId)].map((Key) => ({
      item: {
        ConditionCheck: {
          TableName: tableName,
          Key,
          ConditionExpression: '#status = :verified',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':verified': 'verified' },
        },
      },
      failed: unavailable,
    })),
    ...resources.map((resource) => ({
      item: counterUpdate(resource, 'take', 'held'),
      failed: () => holdConflict(resource),
    })),
    ...sealed.map(({ traveller, note }) => ({
      item: {
        Put: {
          TableName: tableName,
          Item: {
            ...bookingKeys.healthNotes(booking.bookingId, traveller),
            // The retention sweep deletes the note on this day; TTL is the backstop a day later.
            ...bookingKeys.notesRetention(limits.notesDeleteAfter, booking.bookingId, traveller),
            entity: ENTITY.healthNotes,
            bookingId: booking.bookingId,
            hospitalId: booking.hospitalId,
            traveller,
            note,
            deleteAfter: limits.notesDeleteAfter,
            [TABLE.ttlAttribute]:
              Math.floor(Date.parse(`${limits.notesDeleteAfter}T00:00:00Z`) / 1000) + 2 * 86_400,
          },
        },
      },
    })),
  ];
  if (items.length > MAX_TRANSACTION_ITEMS) {
    throw new ConflictError(
      'booking_too_large',
      'this package has too many treatment days and nights to book at once',
    );
  }
  await transactGuarded(items);
}

/** The resources a booking holds, rebuilt from the booking itself. */
export function resourcesOf(booking: Booking, hotelAllotment = 0): HoldResource[] {
  const n = booking.travellers.length;
  return [
    { kind: 'departure', packageId: booking.packageId, departureId: booking.departureId, quantity: n },
    ...booking.treatmentDates.map((date) => ({
      kind: 'hospital_day' as const,
      hospitalId: booking.hospitalId,
      date,
      quantity: n,
    })),
    ...(booking.hotelId === undefined
      ? []
      : booking.nights.map((date) => ({
          kind: 'hotel_night' as const,
          agencyId: booking.agencyId,
          hotelId: booking.hotelId ?? '',
          date,
          quantity: n,
          allotment: hotelAllotment,
        }))),
  ];
}

export type BookingChange = {
  booking: Booking;
  /** The new status and its history entry; absent for a change that keeps the status (money, a decision). */
  to?: BookingStatus;
  entry?: HistoryEntry;
  at: string;
  /** What happens to the counters: give them back, move held → confirmed, or leave them. */
  counters?: 'release' | 'confirm' | 'none';
  /** Extra condition on the booking as read (e.g. the hold has not expired yet). */
  condition?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
  payment?: Payment;
  cancellation?: Booking['cancellation'];
  /** Other fields this change sets (e.g. the decision deadline, the hospital's decision). */
  patch?: Partial<Pick<Booking, 'decisionDeadline' | 'decision'>>;
  /** A provider event processed by this change: recorded in the same transaction, once. */
  processedEvent?: { provider: 'STRIPE'; eventId: string };
  /** Rewrites the booking as changed, last (e.g. erasing personal data). */
  rewrite?: (next: Booking) => Booking;
  /** Other items written in the same transaction (e.g. health notes deleted, an access record). */
  alongside?: readonly GuardedItem[];
};

export type StatusChange = BookingChange & { to: BookingStatus; entry: HistoryEntry };

/** Moves a booking to a new status: see changeBooking. */
export const changeStatus = (change: StatusChange): Promise<Booking> => changeBooking(change);

/**
 * Changes a booking in one transaction: the booking (conditioned on the status and version read),
 * its counters, and the processed-event marker; its status with a history entry, its money, or
 * both. Returns the booking as written; throws ConflictError `stale_booking` when the booking moved
 * meanwhile, and `event_already_processed` for a repeated event.
 */
export async function changeBooking(change: BookingChange): Promise<Booking> {
  const { booking } = change;
  const changed: Booking = {
    ...booking,
    status: change.to ?? booking.status,
    updatedAt: change.at,
    version: booking.version + 1,
    history: change.entry === undefined ? booking.history : [...booking.history, change.entry].slice(-50),
    ...(change.payment === undefined ? {} : { payment: change.payment }),
    ...(change.cancellation === undefined ? {} : { cancellation: change.cancellation }),
    ...change.patch,
  };
  const next = madeNow(change.rewrite === undefined ? changed : change.rewrite(changed));
  const from: Holding = booking.status === 'CONFIRMED' ? 'confirmed' : 'held';
  const counterItems =
    change.counters === undefined || change.counters === 'none'
      ? []
      : resourcesOf(booking).map((resource) =>
          counterUpdate(resource, change.counters as 'release' | 'confirm', from),
        );
  const item = bookingItem(next);
  const items: GuardedItem[] = [
    // First, so that a repeated event is told as such rather than as a booking that moved on.
    ...(change.processedEvent === undefined
      ? []
      : [
          {
            item: {
              Put: {
                TableName: tableName,
                Item: {
                  ...bookingKeys.processedEvent(
                    change.processedEvent.provider,
                    change.processedEvent.eventId,
                  ),
                  entity: ENTITY.processedEvent,
                  bookingId: booking.bookingId,
                  processedAt: change.at,
                  // Providers stop redelivering long before this: Stripe retries for three days.
                  [TABLE.ttlAttribute]: Math.floor(Date.parse(change.at) / 1000) + 30 * 86_400,
                },
                ConditionExpression: 'attribute_not_exists(#pk)',
                ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
              },
            },
            failed: () =>
              new ConflictError('event_already_processed', 'this payment event was already processed'),
          },
        ]),
    {
      item: {
        Put: {
          TableName: tableName,
          Item: item,
          ConditionExpression: `#status = :status AND #version = :version${
            change.condition === undefined ? '' : ` AND (${change.condition.expression})`
          }`,
          ExpressionAttributeNames: {
            '#status': 'status',
            '#version': 'version',
            ...change.condition?.names,
          },
          ExpressionAttributeValues: {
            ':status': booking.status,
            ':version': booking.version,
            ...change.condition?.values,
          },
        },
      },
      failed: () => new ConflictError('stale_booking', 'the booking changed meanwhile; read it again'),
    },
    ...counterItems.map((counter) => ({ item: counter })),
    // Leaving HELD (paid, expired, cancelled, refused), the tourist may hold another.
    ...(booking.status === 'HELD' && next.status !== 'HELD'
      ? [{ item: unpaidHolds(booking.touristId, -1) }]
      : []),
    ...(change.alongside ?? []),
  ];
  await transactGuarded(items);
  return next;
}

/**
 * Every booking in the table, page by page. A Scan: for the operator's reconcile tool and the
 * tests' ledger check, which look at all bookings at once; never on a request's path.
 */
export async function* everyBooking(): AsyncGenerator<Booking> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#entity = :booking',
        ExpressionAttributeNames: { '#entity': 'entity' },
        ExpressionAttributeValues: { ':booking': ENTITY.booking },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) yield Booking.parse(item);
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
}

export async function getBooking(bookingId: string): Promise<Booking | undefined> {
  const result = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: bookingKeys.booking(bookingId), ConsistentRead: true }),
  );
  return result.Item === undefined ? undefined : Booking.parse(result.Item);
}

export async function requireBooking(bookingId: string): Promise<Booking> {
  const booking = await getBooking(bookingId);
  if (booking === undefined)
    throw new NotFoundError('booking_not_found', `no booking has the id ${bookingId}`);
  return booking;
}

const HealthNotesItem = z.object({ traveller: z.number().int(), note: Sealed });

/** The decrypted health notes of a booking: only for the tourist who made it and the treating hospital. */
export async function readHealthNotes(bookingId: string, cipher: HealthNotesCipher): Promise<HealthNote[]> {
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :health)',
      ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#sk': TABLE.sortKey },
      ExpressionAttributeValues: { ':pk': bookingKeys.booking(bookingId).PK, ':health': 'HEALTH#' },
      ConsistentRead: true,
    }),
  );
  const items = (result.Items ?? []).map((item) => HealthNotesItem.parse(item));
  const notes = await Promise.all(
    items.map(async ({ traveller, note }) => ({
      traveller,
      text: await cipher.decrypt(note, bookingId, traveller),
    })),
  );
  return notes.sort((a, b) => a.traveller - b.traveller);
}

const BookingPosition = z.record(z.string(), z.string());

/** A page of bookings from one of the listing indexes, newest first. */
export async function listBookings(
  index: 'byOwner' | 'byAgency' | 'byHospital',
  partition: string,
  options: { sortPrefix?: string; limit: number; cursor: string | undefined; newestFirst: boolean },
): Promise<{ items: Booking[]; nextCursor: string | null }> {
  const definition = TABLE.indexes[index];
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: definition.indexName,
      KeyConditionExpression:
        options.sortPrefix === undefined ? '#pk = :pk' : '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: {
        '#pk': definition.partitionKey,
        ...(options.sortPrefix === undefined ? {} : { '#sk': definition.sortKey }),
      },
      ExpressionAttributeValues: {
        ':pk': partition,
        ...(options.sortPrefix === undefined ? {} : { ':prefix': options.sortPrefix }),
      },
      ScanIndexForward: !options.newestFirst,
      Limit: options.limit,
      ...(options.cursor === undefined
        ? {}
        : { ExclusiveStartKey: decodeCursor(options.cursor, BookingPosition) }),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => Booking.parse(item)),
    nextCursor: result.LastEvaluatedKey === undefined ? null : encodeCursor(result.LastEvaluatedKey),
  };
}

/** Bookings in a sweep partition (HOLDS, DECISIONS, TRIPS) whose time is `until` or earlier, oldest first. */
export async function dueBookings(
  sweep: 'HOLDS' | 'DECISIONS' | 'TRIPS' | 'MONEY',
  until: string,
  limit: number,
): Promise<Booking[]> {
  const index = TABLE.indexes.listing;
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index.indexName,
      KeyConditionExpression: '#pk = :sweep AND #sk <= :until',
      ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
      ExpressionAttributeValues: { ':sweep': sweep, ':until': `${until}\uffff` },
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => Booking.parse(item));
}

/** Sorts after every instant: a booking keyed with it is listed under MONEY but never due. */
const NEVER_DUE = '9999-12-31T23:59:59.999Z';

/**
 * Bookings whose money has a step in flight, or that a person should look at (`attention`: a step
 * flagged or failed for good, or money at rest that disagrees with the provider), oldest first.
 */
export async function moneyBookings(
  state: 'attention' | 'pending',
  options: { limit: number; cursor?: string | undefined },
): Promise<{ items: Booking[]; nextCursor: string | null }> {
  const index = TABLE.indexes.listing;
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index.indexName,
      KeyConditionExpression: '#pk = :money',
      ...(state === 'attention'
        ? {
            FilterExpression: 'attribute_exists(#payment.#attention) OR #payment.#status = :needs',
            ExpressionAttributeNames: {
              '#pk': index.partitionKey,
              '#payment': 'payment',
              '#attention': 'attention',
              '#status': 'status',
            },
            ExpressionAttributeValues: { ':money': 'MONEY', ':needs': 'needs_attention' },
          }
        : {
            FilterExpression: 'attribute_exists(#payment.#step)',
            ExpressionAttributeNames: { '#pk': index.partitionKey, '#payment': 'payment', '#step': 'step' },
            ExpressionAttributeValues: { ':money': 'MONEY' },
          }),
      Limit: options.limit,
      ...(options.cursor === undefined
        ? {}
        : { ExclusiveStartKey: decodeCursor(options.cursor, MoneyPosition) }),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => Booking.parse(item)),
    nextCursor: result.LastEvaluatedKey === undefined ? null : encodeCursor(result.LastEvaluatedKey),
  };
}

/** How many bookings have a money step in flight, and how many a person should look at: one Query, counting only. */
export async function countMoneySteps(): Promise<{ pending: number; attention: number }> {
  const index = TABLE.indexes.listing;
  const counts = { pending: 0, attention: 0 };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :money',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#payment': 'payment' },
        ExpressionAttributeValues: { ':money': 'MONEY' },
        ProjectionExpression: '#payment',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const payment = item.payment as { step?: unknown; attention?: unknown; status?: string } | undefined;
      if (payment?.step !== undefined) counts.pending += 1;
      if (payment?.attention !== undefined || payment?.status === 'needs_attention') counts.attention += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return counts;
}

const MoneyPosition = z.object({
  PK: z.string(),
  SK: z.string(),
  GSI1PK: z.literal('MONEY'),
  GSI1SK: z.string(),
});

/** Holds whose time is up, oldest first, for the sweeper. */
export const expiredHolds = (now: string, limit: number) => dueBookings('HOLDS', now, limit);

/** Records that a provider event was handled; false if it already was. */
export async function markEventProcessed(
  provider: 'STRIPE',
  eventId: string,
  bookingId: string,
  at: string,
): Promise<boolean> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...bookingKeys.processedEvent(provider, eventId),
          entity: ENTITY.processedEvent,
          bookingId,
          processedAt: at,
          [TABLE.ttlAttribute]: Math.floor(Date.parse(at) / 1000) + 30 * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
