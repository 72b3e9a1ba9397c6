/** GET /agency/bookings: the agency's sales, newest first. */
import { agencySales } from '@shifa/booking';
import { ListBookingsQuery } from '@shifa/contracts';
import { httpHandler, ok, organisationOf, parseQuery } from '@shifa/http';
import { route } from '../routes';

export const handler = httpHandler(route('listAgencySales'), async ({ event, principal }) => {
  const query = parseQuery(ListBookingsQuery, event);
  return ok(await agencySales(organisationOf(principal), query, new Date()));
});
