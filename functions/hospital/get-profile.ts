/** GET /hospital/profile: the caller's hospital profile, every language, with its version. */

import { httpHandler, ok, organisationOf } from '@shifa/http';
import { getHospitalProfile } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('getHospitalProfile'), async ({ principal }) => {
  return ok(await getHospitalProfile(organisationOf(principal)));
});
