/** GET /agency/hotels/{hotelId}: one of the calling agency's hotels. */
import { HotelPathParams } from '@shifa/contracts';
import { getHotel } from '@shifa/domain';
import { httpHandler, ok, organisationOf, parsePath } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('getAgencyHotel'), async ({ event, principal }) => {
  const agencyId = organisationOf(principal);
  const { hotelId } = parsePath(HotelPathParams, event);
  return ok(await getHotel(agencyStore, agencyId, hotelId));
});
