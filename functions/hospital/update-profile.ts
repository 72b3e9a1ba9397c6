/** PUT /hospital/profile: replaces the editable fields of the caller's hospital profile (optimistic concurrency). */
import { UpdateHospitalProfileBody } from '@shifa/contracts';
import { httpHandler, ok, organisationOf, parseBody } from '@shifa/http';
import { updateHospitalProfile } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('updateHospitalProfile'), async ({ event, principal }) => {
  const hospitalId = organisationOf(principal);
  const body = parseBody(UpdateHospitalProfileBody, event);
  return ok(await updateHospitalProfile(hospitalId, body));
});
