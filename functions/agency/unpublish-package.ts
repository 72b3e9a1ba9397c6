/** POST /agency/packages/{packageId}/unpublish: take the package and its departures out of search. */
import { PackagePathParams } from '@shifa/contracts';
import { unpublishPackage } from '@shifa/domain';
import { httpHandler, ok, organisationOf, parsePath } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('unpublishAgencyPackage'), async ({ event, principal }) => {
  const agencyId = organisationOf(principal);
  const { packageId } = parsePath(PackagePathParams, event);
  return ok(await unpublishPackage(agencyStore, agencyId, packageId, new Date()));
});
