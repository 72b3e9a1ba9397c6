/** PUT /hospital/programmes/{programmeId}: replaces one of the caller's programmes (optimistic concurrency). */
import { ProgrammePathParams, UpdateProgrammeBody } from '@shifa/contracts';
import { httpHandler, ok, organisationOf, parseBody, parsePath } from '@shifa/http';
import { updateHospitalProgramme } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('updateHospitalProgramme'), async ({ event, principal }) => {
  const hospitalId = organisationOf(principal);
  const { programmeId } = parsePath(ProgrammePathParams, event);
  const body = parseBody(UpdateProgrammeBody, event);
  return ok(await updateHospitalProgramme(hospitalId, programmeId, body));
});
