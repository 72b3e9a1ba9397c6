/** POST /agency/excursions: add an excursion the agency can put into packages. */
import { CreateExcursionBody } from '@shifa/contracts';
import { createExcursion } from '@shifa/domain';
import { created, httpHandler, organisationOf, parseBody } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('createAgencyExcursion'), async ({ event, principal }) => {
  const agencyId = organisationOf(principal);
  const body = parseBody(CreateExcursionBody, event);
  const excursion = await createExcursion(agencyStore, agencyId, body, new Date());
  return created(excursion, { location: `/agency/excursions/${excursion.excursionId}` });
});
