/** PUT /agency/packages/{packageId}/departures/{departureId}: new seats and prices for a departure. */
import { DeparturePathParams, UpdateDepartureBody } from '@shifa/contracts';
import { updateDeparture } from '@shifa/domain';
import { httpHandler, ok, organisationOf, parseBody, parsePath } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('updateAgencyDeparture'), async ({ event, principal }) => {
  const agencyId = organisationOf(principal);
  const { packageId, departureId } = parsePath(DeparturePathParams, event);
  const body = parseBody(UpdateDepartureBody, event);
  return ok(await updateDeparture(agencyStore, agencyId, packageId, departureId, body, new Date()));
});
