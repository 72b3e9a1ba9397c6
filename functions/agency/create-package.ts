/** POST /agency/packages: compose a draft package by reference. */
import { CreatePackageBody } from '@shifa/contracts';
import { createPackage } from '@shifa/domain';
import { created, httpHandler, organisationOf, parseBody } from '@shifa/http';
import { agencyStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('createAgencyPackage'), async ({ event, principal }) => {
  const agencyId = organisationOf(principal);
  const body = parseBody(CreatePackageBody, event);
  const pkg = await createPackage(agencyStore, agencyId, body, new Date());
  return created(pkg, { location: `/agency/packages/${pkg.packageId}` });
});
