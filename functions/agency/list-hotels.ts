/** GET /agency/hotels: the calling agency's hotels, a page at a time. */
import { AgencyListQuery } from '@shifa/contracts';
import { listHotels } from '@shifa/domain';
import { httpHandler, ok, organisationOf } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('listAgencyHotels'), query: AgencyListQuery },
  async ({ event, principal, query }) => {
    const agencyId = organisationOf(principal);
    return ok(await listHotels(agencyStore, agencyId, query));
  },
);
