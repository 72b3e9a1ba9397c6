/** PUT /agency/hotels/{hotelId}: replace one of the calling agency's hotels at the version read. */
import { HotelPathParams, UpdateHotelBody } from '@shifa/contracts';
import { updateHotel } from '@shifa/domain';
import { httpHandler, ok, organisationOf, parseBody, parsePath } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('updateAgencyHotel'), async ({ event, principal }) => {
  const agencyId = organisationOf(principal);
  const { hotelId } = parsePath(HotelPathParams, event);
  const body = parseBody(UpdateHotelBody, event);
  return ok(await updateHotel(agencyStore, agencyId, hotelId, body, new Date()));
});
