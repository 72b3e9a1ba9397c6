/** GET /agency/excursions/{excursionId}: one of the calling agency's excursions. */
import { ExcursionPathParams } from '@shifa/contracts';
import { getExcursion } from '@shifa/domain';
import { httpHandler, ok, organisationOf, parsePath } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('getAgencyExcursion'), async ({ event, principal }) => {
  const agencyId = organisationOf(principal);
  const { excursionId } = parsePath(ExcursionPathParams, event);
  return ok(await getExcursion(agencyStore, agencyId, excursionId));
});
