/** GET /agency/hospitals/{hospitalId}/programmes: a verified hospital's programmes; any other hospital is a 404. */
import { HospitalPathParams, HospitalProgrammesQuery } from '@shifa/contracts';
import { hospitalProgrammesForAgencies, preferredLanguages, responseLanguage } from '@shifa/domain';
import { httpHandler, ok, parsePath } from '@shifa/http';
import { hospitalDirectory } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('listVerifiedHospitalProgrammes'), query: HospitalProgrammesQuery },
  async ({ event, query }) => {
    const { hospitalId } = parsePath(HospitalPathParams, event);
    const lang = preferredLanguages(event.headers['accept-language'], query.lang);
    const language = responseLanguage(lang);
    const result = await hospitalProgrammesForAgencies(hospitalDirectory, hospitalId, lang, language);
    return ok(result, { 'content-language': language, vary: 'accept-language' });
  },
);
