/** POST /agency/packages/{packageId}/departures: add a dated departure with seats and prices. */
import { CreateDepartureBody, PackagePathParams } from '@shifa/contracts';
import { addDeparture } from '@shifa/domain';
import { created, httpHandler, organisationOf, parseBody, parsePath } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('addAgencyDeparture'), async ({ event, principal }) => {
  const agencyId = organisationOf(principal);
  const { packageId } = parsePath(PackagePathParams, event);
  const body = parseBody(CreateDepartureBody, event);
  return created(await addDeparture(agencyStore, agencyId, packageId, body, new Date()));
});
