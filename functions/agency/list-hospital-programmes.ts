/** GET /agency/hospitals/{hospitalId}/programmes: a verified hospital's programmes; any other hospital is a 404. */
import { HospitalPathParams, HospitalProgrammesQuery } from '@shifa/contracts';
import { hospitalProgrammesForAgencies, preferredLanguages, responseLanguage } from '@shifa/domain';
import { httpHandler, ok, parsePath, parseQuery } from '@shifa/http';
import { hospitalDirectory } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('listVerifiedHospitalProgrammes'), async ({ event }) => {
  const { hospitalId } = parsePath(HospitalPathParams, event);
  const query = parseQuery(HospitalProgrammesQuery, event);
  const lang = preferredLanguages(event.headers['accept-language'], query.lang);
  const language = responseLanguage(lang);
  const result = await hospitalProgrammesForAgencies(hospitalDirectory, hospitalId, lang, language);
  return ok(result, { 'content-language': language, vary: 'accept-language' });
});
