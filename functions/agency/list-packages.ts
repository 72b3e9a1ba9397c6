/** GET /agency/packages: the calling agency's packages in every status, a page at a time. */
import { AgencyListQuery } from '@shifa/contracts';
import { listAgencyPackages } from '@shifa/domain';
import { httpHandler, ok, organisationOf } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('listAgencyPackages'), query: AgencyListQuery },
  async ({ event, principal, query }) => {
    const agencyId = organisationOf(principal);
    return ok(await listAgencyPackages(agencyStore, agencyId, query));
  },
);
