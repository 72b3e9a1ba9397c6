/** PUT /agency/packages/{packageId}: replace a package's composition at the version read. */
import { PackagePathParams, UpdatePackageBody } from '@shifa/contracts';
import { updatePackage } from '@shifa/domain';
import { httpHandler, ok, organisationOf, parseBody, parsePath } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('updateAgencyPackage'), async ({ event, principal }) => {
  const agencyId = organisationOf(principal);
  const { packageId } = parsePath(PackagePathParams, event);
  const body = parseBody(UpdatePackageBody, event);
  return ok(await updatePackage(agencyStore, agencyId, packageId, body, new Date()));
});
