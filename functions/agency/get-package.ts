/** GET /agency/packages/{packageId}: one of the calling agency's packages, any status, with all departures. */
import { PackagePathParams } from '@shifa/contracts';
import { getAgencyPackage } from '@shifa/domain';
import { httpHandler, ok, organisationOf, parsePath } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('getAgencyPackage'), async ({ event, principal }) => {
  const agencyId = organisationOf(principal);
  const { packageId } = parsePath(PackagePathParams, event);
  return ok(await getAgencyPackage(agencyStore, agencyId, packageId));
});
