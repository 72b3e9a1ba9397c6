/** The bookings unit: reading bookings, a tourist's own, one for whoever may see it, an agency's sales. */

import { handler as getBooking } from '../booking/get-booking';
import { handler as listAgencySales } from '../booking/list-agency-sales';
import { handler as listMyBookings } from '../booking/list-my-bookings';
import { apiUnit } from '../dispatch';

export const handler = apiUnit('bookings', { listMyBookings, getBooking, listAgencySales });
