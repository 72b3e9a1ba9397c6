/** POST /agency/packages/{packageId}/publish: offer the package and its departures in search. */
import { PackagePathParams } from '@shifa/contracts';
import { publishPackage } from '@shifa/domain';
import { httpHandler, ok, organisationOf, parsePath } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('publishAgencyPackage'), async ({ event, principal }) => {
  const agencyId = organisationOf(principal);
  const { packageId } = parsePath(PackagePathParams, event);
  return ok(await publishPackage(agencyStore, agencyId, packageId, new Date()));
});
