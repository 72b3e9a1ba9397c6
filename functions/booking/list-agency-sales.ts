/** GET /agency/bookings: the agency's sales, newest first. */
import { agencySales } from '@shifa/booking';
import { ListBookingsQuery } from '@shifa/contracts';
import { httpHandler, ok, organisationOf } from '@shifa/http';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('listAgencySales'), query: ListBookingsQuery },
  async ({ event, principal, query }) => {
    return ok(await agencySales(organisationOf(principal), query, new Date()));
  },
);
