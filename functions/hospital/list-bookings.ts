/** GET /hospital/bookings: the hospital's inbox, by status (default awaiting a decision), oldest deadline first. */
import { hospitalBookings } from '@shifa/booking';
import { HospitalBookingsQuery } from '@shifa/contracts';
import { httpHandler, ok, organisationOf } from '@shifa/http';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('listHospitalBookings'), query: HospitalBookingsQuery },
  async ({ event, principal, query }) => {
    const { status, ...page } = query;
    return ok(await hospitalBookings(principal, organisationOf(principal), status, page, new Date()));
  },
);
