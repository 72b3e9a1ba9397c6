/**
 * The bookings unit: reading bookings, a tourist's own, one for whoever may see it, an agency's
 * sales; and a tourist's personal data: deleting health notes, their access log, erasure.
 */

import { handler as deleteHealthNotes } from '../booking/delete-health-notes';
import { handler as erasePersonalData } from '../booking/erase-personal-data';
import { handler as getHealthAccessLog } from '../booking/get-access-log';
import { handler as getBooking } from '../booking/get-booking';
import { handler as listAgencySales } from '../booking/list-agency-sales';
import { handler as listMyBookings } from '../booking/list-my-bookings';
import { apiUnit } from '../dispatch';

export const handler = apiUnit('bookings', {
  listMyBookings,
  getBooking,
  listAgencySales,
  deleteHealthNotes,
  getHealthAccessLog,
  erasePersonalData,
});
