/**
 * Travellers' health notes beyond sealing them at hold time: the record of every opening (the
 * access log, one item per opening under the booking, written before anything is decrypted), their
 * deletion with the booking in one transaction, and the retention sweep's index (each note carries
 * the day it is to be deleted).
 */
import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type AccessLogResponse, type Booking, HealthAccessEntry } from '@shifa/contracts';
import { travellersWithNotes } from '@shifa/domain';
import type { HealthNotesCipher } from '@shifa/sealing';
import * as z from 'zod';
import { changeBooking, type HealthNote, readHealthNotes } from './booking-repository';
import { documentClient, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { bookingKeys, ENTITY } from './keys';
import { TABLE } from './table';

const accessItem = (entry: HealthAccessEntry) => ({
  ...bookingKeys.healthAccess(entry.bookingId, entry.at, randomUUID()),
  entity: ENTITY.healthAccess,
  ...HealthAccessEntry.parse(entry),
});

/** Records an opening of a booking's health notes; call it before decrypting, so none goes unrecorded. */
export async function recordHealthAccess(entry: HealthAccessEntry): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName, Item: accessItem(entry) }));
}

const AccessPosition = z.object({
  PK: z.string().startsWith('BOOKING#'),
  SK: z.string().startsWith('ACCESS#'),
});

/** A booking's access log, newest first. */
export async function listHealthAccess(
  bookingId: string,
  page: { limit: number; cursor: string | undefined },
): Promise<AccessLogResponse> {
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :access)',
      ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#sk': TABLE.sortKey },
      ExpressionAttributeValues: { ':pk': bookingKeys.booking(bookingId).PK, ':access': 'ACCESS#' },
      ScanIndexForward: false,
      Limit: page.limit,
      ...(page.cursor === undefined ? {} : { ExclusiveStartKey: decodeCursor(page.cursor, AccessPosition) }),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => HealthAccessEntry.parse(item)),
    nextCursor: result.LastEvaluatedKey === undefined ? null : encodeCursor(result.LastEvaluatedKey),
  };
}

/**
 * The travellers' notes, decrypted for `actor` after the opening is recorded in the booking's
 * access log: an opening that could not be recorded does not happen.
 */
export async function openHealthNotes(
  booking: Booking,
  opening: Pick<HealthAccessEntry, 'at' | 'actor' | 'purpose'>,
  cipher: HealthNotesCipher,
): Promise<HealthNote[]> {
  await recordHealthAccess({
    ...opening,
    bookingId: booking.bookingId,
    travellers: travellersWithNotes(booking),
  });
  return readHealthNotes(booking.bookingId, cipher);
}

/**
 * Deletes the booking's health notes for good, in one transaction with the booking (marked: no
 * traveller has notes any more, and when they went) and the record of who deleted them and why.
 * The sealed notes are gone with their items, and with them the data keys sealed inside. The
 * consent records stay. Throws `stale_booking` when the booking changed since it was read.
 */
export async function deleteHealthNotes(
  booking: Booking,
  entry: Omit<HealthAccessEntry, 'bookingId' | 'travellers'>,
  /** More to change on the booking in the same transaction (e.g. erasing personal data). */
  also: (next: Booking) => Booking = (next) => next,
): Promise<Booking> {
  const travellers = travellersWithNotes(booking);
  return changeBooking({
    booking,
    at: entry.at,
    rewrite: (next) =>
      also({
        ...next,
        travellers: next.travellers.map((traveller) => ({ ...traveller, hasHealthNotes: false })),
        healthNotesDeletedAt: entry.at,
      }),
    alongside: [
      ...travellers.map((index) => ({
        item: { Delete: { TableName: tableName, Key: bookingKeys.healthNotes(booking.bookingId, index) } },
      })),
      {
        item: {
          Put: {
            TableName: tableName,
            Item: accessItem({ ...entry, bookingId: booking.bookingId, travellers }),
          },
        },
      },
    ],
  });
}

const RetentionKey = z.object({ bookingId: z.string(), traveller: z.number().int() });

/**
 * Notes whose last day kept is before `today`, oldest first: (booking, traveller) pairs, a page at a
 * time; `after` is the previous page's `next`, so notes that could not be deleted are passed over.
 */
export async function notesDueForDeletion(
  today: string,
  limit: number,
  after?: Record<string, unknown>,
): Promise<{ notes: { bookingId: string; traveller: number }[]; next: Record<string, unknown> | undefined }> {
  const index = TABLE.indexes.listing;
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index.indexName,
      // GSI1SK = {last day kept}#…, which sorts before `today` exactly when that day has passed.
      KeyConditionExpression: '#pk = :sweep AND #sk < :today',
      ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
      ExpressionAttributeValues: { ':sweep': 'NOTES_RETENTION', ':today': today },
      Limit: limit,
      ...(after === undefined ? {} : { ExclusiveStartKey: after }),
    }),
  );
  return {
    notes: (result.Items ?? []).map((item) => RetentionKey.parse(item)),
    next: result.LastEvaluatedKey,
  };
}

/** Deletes a note item whose booking no longer lists it (a hold that never committed cannot leave one). */
export async function deleteNoteItem(bookingId: string, traveller: number): Promise<void> {
  await documentClient.send(
    new DeleteCommand({ TableName: tableName, Key: bookingKeys.healthNotes(bookingId, traveller) }),
  );
}
