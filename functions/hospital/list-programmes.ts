/** GET /hospital/programmes: the caller's hospital's treatment programmes, every language. */
import { httpHandler, ok, organisationOf } from '@shifa/http';
import { listHospitalProgrammes } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('listHospitalProgrammes'), async ({ principal }) => {
  return ok({ items: await listHospitalProgrammes(organisationOf(principal)) });
});
