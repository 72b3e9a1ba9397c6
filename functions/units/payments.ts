/** The payments unit: every route that calls Stripe (hold, payment, cancel, the hospital's decisions). */

import { handler as cancelBooking } from '../booking/cancel-booking';
import { handler as createBooking } from '../booking/create-booking';
import { handler as payBooking } from '../booking/pay-booking';
import { apiUnit } from '../dispatch';
import { handler as acceptHospitalBooking } from '../hospital/accept-booking';
import { handler as declineHospitalBooking } from '../hospital/decline-booking';

export const handler = apiUnit('payments', {
  createBooking,
  payBooking,
  cancelBooking,
  acceptHospitalBooking,
  declineHospitalBooking,
});
