/** DELETE /agency/packages/{packageId}/departures/{departureId}: remove a departure nothing of which is sold. */
import { DeparturePathParams } from '@shifa/contracts';
import { deleteDeparture } from '@shifa/domain';
import { httpHandler, ok, organisationOf, parsePath } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('deleteAgencyDeparture'), async ({ event, principal }) => {
  const agencyId = organisationOf(principal);
  const { packageId, departureId } = parsePath(DeparturePathParams, event);
  return ok(await deleteDeparture(agencyStore, agencyId, packageId, departureId, new Date()));
});
