/** Lists of bookings: a tourist's own, an agency's sales, a hospital's inbox by status. */
import type { BookingStatus, BookingView, Principal } from '@shifa/contracts';
import { toBookingView } from '@shifa/domain';
import { listBookings } from '@shifa/store';
import { viewFor } from './access';

export type BookingPage = { items: BookingView[]; nextCursor: string | null };

const DEFAULT_LIMIT = 20;

export async function myBookings(
  principal: Principal,
  query: { limit?: number | undefined; cursor?: string | undefined },
  now: Date,
): Promise<BookingPage> {
  const page = await listBookings('byOwner', `TOURIST#${principal.userId}`, {
    limit: query.limit ?? DEFAULT_LIMIT,
    cursor: query.cursor,
    newestFirst: true,
  });
  return { items: page.items.map((booking) => toBookingView(booking, { now })), nextCursor: page.nextCursor };
}

export async function agencySales(
  agencyId: string,
  query: { limit?: number | undefined; cursor?: string | undefined },
  now: Date,
): Promise<BookingPage> {
  const page = await listBookings('byAgency', `AGENCY#${agencyId}#BOOKINGS`, {
    limit: query.limit ?? DEFAULT_LIMIT,
    cursor: query.cursor,
    newestFirst: true,
  });
  return { items: page.items.map((booking) => toBookingView(booking, { now })), nextCursor: page.nextCursor };
}

export async function hospitalBookings(
  principal: Principal,
  hospitalId: string,
  status: BookingStatus,
  query: { limit?: number | undefined; cursor?: string | undefined; healthNotes: 'include' | 'omit' },
  now: Date,
): Promise<BookingPage> {
  const page = await listBookings('byHospital', `HOSP#${hospitalId}#BOOKINGS`, {
    sortPrefix: `${status}#`,
    limit: query.limit ?? DEFAULT_LIMIT,
    cursor: query.cursor,
    newestFirst: false,
  });
  // The treating hospital sees the health notes its patients consented to share, while it needs them.
  const items = await Promise.all(
    page.items.map((booking) =>
      viewFor(booking, 'hospital', principal, now, { healthNotes: query.healthNotes }),
    ),
  );
  return { items, nextCursor: page.nextCursor };
}
