/** POST /agency/hotels: add a hotel, with the beds it holds for the agency's travellers. */
import { CreateHotelBody } from '@shifa/contracts';
import { createHotel } from '@shifa/domain';
import { created, httpHandler, organisationOf, parseBody } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('createAgencyHotel'), async ({ event, principal }) => {
  const agencyId = organisationOf(principal);
  const body = parseBody(CreateHotelBody, event);
  const hotel = await createHotel(agencyStore, agencyId, body, new Date());
  return created(hotel, { location: `/agency/hotels/${hotel.hotelId}` });
});
