/**
 * A tourist's control over their personal data: deleting their travellers' health notes, reading
 * who opened them, and erasing everything personal across their bookings while keeping what
 * accounting needs. Also the retention sweep that deletes the notes of finished trips. What each
 * piece of personal data is, where it lives and how long: docs/personal-data.md.
 */
import type { AccessLogResponse, Booking, ErasureReport, Principal } from '@shifa/contracts';
import {
  ConflictError,
  effectiveStatus,
  HOLDING_STATUSES,
  hasHealthNotes,
  NotFoundError,
  travellersWithNotes,
} from '@shifa/domain';
import { logger } from '@shifa/runtime';
import {
  changeBooking,
  DELIVERY_RETENTION_DAYS,
  deleteHealthNotes,
  deleteNoteItem,
  getBooking,
  listBookings,
  listHealthAccess,
  notesDueForDeletion,
} from '@shifa/store';
import { actorOf, bookingFor, onFreshBooking } from './access';

/**
 * DELETE /bookings/{bookingId}/health-notes: the tourist deletes their travellers' notes for good.
 * Deleting notes already gone changes nothing and answers the same.
 */
export async function deleteNotesOf(principal: Principal, bookingId: string, now: Date): Promise<void> {
  await onFreshBooking(async () => {
    const { booking } = await bookingFor(principal, bookingId, ['tourist']);
    if (!hasHealthNotes(booking)) return;
    await deleteHealthNotes(booking, {
      at: now.toISOString(),
      purpose: 'delete',
      actor: actorOf(principal, 'tourist'),
    });
  });
}

/** GET /bookings/{bookingId}/access-log: for the tourist who booked, and for the operator on any booking. */
export async function accessLogOf(
  principal: Principal,
  bookingId: string,
  page: { limit?: number | undefined; cursor?: string | undefined },
): Promise<AccessLogResponse> {
  if (principal.roles.includes('operator')) {
    if ((await getBooking(bookingId)) === undefined) {
      throw new NotFoundError('booking_not_found', `no booking has the id ${bookingId}`);
    }
  } else {
    await bookingFor(principal, bookingId, ['tourist']);
  }
  return listHealthAccess(bookingId, { limit: page.limit ?? 50, cursor: page.cursor });
}

const ERASED = [
  "each traveller's full name and date of birth",
  "each traveller's health notes",
  'the email address bookings were confirmed to',
  'your medical records: every file, every version, and their names',
];

const KEPT: ErasureReport['kept'] = [
  {
    what: 'each booking: its id, package, dates, status history, prices, payments and refunds',
    why: 'accounting and tax law require a record of every sale, payment and refund; the booking no longer names anyone',
  },
  {
    what: "each traveller's nationality and service language, without name or birth date",
    why: "the hospital's and the agency's reporting of foreign patients and tourists counts them",
  },
  {
    what: 'the consent records of health notes (text version, language, time, and your account id)',
    why: 'proof that the notes were shared with consent while they existed',
  },
  {
    what: 'the access log of each booking (who opened the health notes, when and why)',
    why: 'accountability for every opening of health data; it holds ids and roles, no health data',
  },
  {
    what: `the record of each booking request sent to the hospital, with the travellers' names, for up to ${DELIVERY_RETENTION_DAYS} days after it was sent`,
    why: 'proof of what the hospital was sent; deleted automatically when that period ends',
  },
  {
    what: "the events about your bookings in the event bus's archive, with the travellers' names, for up to 90 days",
    why: 'to replay an event a consumer missed; deleted automatically when that period ends',
  },
  {
    what: 'your sign-in account (your email address) at the identity provider',
    why: 'you sign in with it; erasing your data does not close it: ask the operator to close the account',
  },
  {
    what: 'the payment provider’s own records of your card payments',
    why: 'kept by the payment provider (Stripe) under its own legal obligations, outside Shifa',
  },
];

async function* bookingsOf(touristId: string): AsyncGenerator<Booking> {
  let cursor: string | undefined;
  do {
    const page = await listBookings('byOwner', `TOURIST#${touristId}`, {
      limit: 50,
      cursor,
      newestFirst: true,
    });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/** The booking without what names or reaches the tourist and their travellers. */
function erased(booking: Booking, at: string): Booking {
  const { contact: _contact, ...rest } = booking;
  return {
    ...rest,
    travellers: booking.travellers.map(({ fullName: _name, birthDate: _birth, ...traveller }) => ({
      ...traveller,
      hasHealthNotes: false,
    })),
    ...(hasHealthNotes(booking) ? { healthNotesDeletedAt: at } : {}),
    personalDataErasedAt: at,
  };
}

/**
 * DELETE /me: erases the tourist's personal data across their bookings (names, birth dates, health
 * notes, contact), keeping what accounting needs, and answers what was erased and what was kept.
 * Refused while a booking is in progress (held, awaiting the hospital, or confirmed): the hospital
 * and the agency need the travellers' names to receive them; cancel it or wait until the trip ends.
 * Asking again erases nothing more and answers the same.
 */
export async function erasePersonalData(
  principal: Principal,
  now: Date,
): Promise<Omit<ErasureReport, 'records'>> {
  const at = now.toISOString();
  const bookings: Booking[] = [];
  for await (const booking of bookingsOf(principal.userId)) bookings.push(booking);
  const inProgress = bookings.filter((booking) =>
    HOLDING_STATUSES.includes(effectiveStatus(booking.status, booking.holdExpiresAt, now)),
  );
  if (inProgress.length > 0) {
    throw new ConflictError(
      'bookings_in_progress',
      `${inProgress.length} of your bookings are still in progress: cancel them, or ask again once their trips are over`,
      inProgress.map((booking) => ({ path: booking.bookingId, message: booking.status })),
    );
  }
  for (const booking of bookings) {
    if (booking.personalDataErasedAt !== undefined) continue;
    await onFreshBooking(async () => {
      const current = await getBooking(booking.bookingId);
      if (current === undefined || current.personalDataErasedAt !== undefined) return;
      const erase = (next: Booking) => erased(next, at);
      if (hasHealthNotes(current)) {
        // The notes, their access record and the erasure: one transaction.
        await deleteHealthNotes(
          current,
          { at, purpose: 'delete', actor: actorOf(principal, 'tourist') },
          erase,
        );
      } else {
        await changeBooking({ booking: current, at, rewrite: erase });
      }
    });
  }
  return { erasedAt: at, bookings: bookings.length, erased: ERASED, kept: KEPT };
}

/** How many notes the retention sweep takes per query. */
const RETENTION_PAGE = 100;

/**
 * Scheduled: deletes the health notes whose retention ran out (`healthNotesDaysAfterTrip` days after
 * the trip ended, fixed when the notes were given), recording each deletion in the booking's access
 * log. Each booking is its own transaction: one that fails is logged and tried on the next run, and
 * does not stop the others.
 */
export async function deleteExpiredNotes(now: Date): Promise<{ deleted: number; failed: number }> {
  const today = now.toISOString().slice(0, 10);
  let deleted = 0;
  let failed = 0;
  let after: Record<string, unknown> | undefined;
  do {
    const page = await notesDueForDeletion(today, RETENTION_PAGE, after);
    after = page.next;
    const due = page.notes;
    for (const bookingId of new Set(due.map((note) => note.bookingId))) {
      try {
        await onFreshBooking(async () => {
          const booking = await getBooking(bookingId);
          const listed = booking === undefined ? [] : travellersWithNotes(booking);
          if (booking !== undefined && listed.length > 0) {
            await deleteHealthNotes(booking, {
              at: now.toISOString(),
              purpose: 'retention',
              actor: { role: 'platform' },
            });
          }
          // A note its booking does not list (or of a booking that is gone) goes on its own.
          for (const note of due) {
            if (note.bookingId === bookingId && !listed.includes(note.traveller)) {
              await deleteNoteItem(note.bookingId, note.traveller);
            }
          }
        });
        deleted += 1;
      } catch (error) {
        failed += 1;
        logger.error('health notes could not be deleted at the end of their retention', {
          bookingId,
          error: (error as Error).name,
        });
      }
    }
  } while (after !== undefined);
  return { deleted, failed };
}
