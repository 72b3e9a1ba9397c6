/** PUT /agency/excursions/{excursionId}: replace one of the calling agency's excursions at the version read. */
import { ExcursionPathParams, UpdateExcursionBody } from '@shifa/contracts';
import { updateExcursion } from '@shifa/domain';
import { httpHandler, ok, organisationOf, parseBody, parsePath } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('updateAgencyExcursion'), async ({ event, principal }) => {
  const agencyId = organisationOf(principal);
  const { excursionId } = parsePath(ExcursionPathParams, event);
  const body = parseBody(UpdateExcursionBody, event);
  return ok(await updateExcursion(agencyStore, agencyId, excursionId, body, new Date()));
});
