/** POST /hospital/programmes: a new treatment programme of the caller's hospital, its id made by the server. */
import { CreateProgrammeBody } from '@shifa/contracts';
import { created, httpHandler, organisationOf, parseBody } from '@shifa/http';
import { createHospitalProgramme } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('createHospitalProgramme'), async ({ event, principal }) => {
  const hospitalId = organisationOf(principal);
  const body = parseBody(CreateProgrammeBody, event);
  const programme = await createHospitalProgramme(hospitalId, body);
  return created(programme, { location: `/hospital/programmes/${programme.programmeId}` });
});
