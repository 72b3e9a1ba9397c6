/** GET /agency/hotels: the calling agency's hotels, a page at a time. */
import { AgencyListQuery } from '@shifa/contracts';
import { listHotels } from '@shifa/domain';
import { httpHandler, ok, organisationOf, parseQuery } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('listAgencyHotels'), async ({ event, principal }) => {
  const agencyId = organisationOf(principal);
  const query = parseQuery(AgencyListQuery, event);
  return ok(await listHotels(agencyStore, agencyId, query));
});
