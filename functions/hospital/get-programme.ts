/** GET /hospital/programmes/{programmeId}: one of the caller's programmes; another hospital's is a 404. */
import { ProgrammePathParams } from '@shifa/contracts';
import { httpHandler, ok, organisationOf, parsePath } from '@shifa/http';
import { getHospitalProgramme } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('getHospitalProgramme'), async ({ event, principal }) => {
  const hospitalId = organisationOf(principal);
  const { programmeId } = parsePath(ProgrammePathParams, event);
  return ok(await getHospitalProgramme(hospitalId, programmeId));
});
