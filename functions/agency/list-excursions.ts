/** GET /agency/excursions: the calling agency's excursions, a page at a time. */
import { AgencyListQuery } from '@shifa/contracts';
import { listExcursions } from '@shifa/domain';
import { httpHandler, ok, organisationOf } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('listAgencyExcursions'), query: AgencyListQuery },
  async ({ event, principal, query }) => {
    const agencyId = organisationOf(principal);
    return ok(await listExcursions(agencyStore, agencyId, query));
  },
);
