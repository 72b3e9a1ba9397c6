/** GET /agency/hospitals: verified hospitals an agency can build packages on, in one language. */
import { HOSPITAL_DIRECTORY_LIMIT_DEFAULT, HospitalDirectoryQuery } from '@shifa/contracts';
import { listHospitalsForAgencies, preferredLanguages, responseLanguage } from '@shifa/domain';
import { httpHandler, ok } from '@shifa/http';
import { hospitalDirectory } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('listVerifiedHospitals'), query: HospitalDirectoryQuery },
  async ({ event, query }) => {
    const lang = preferredLanguages(event.headers['accept-language'], query.lang);
    const language = responseLanguage(lang);
    const page = { limit: query.limit ?? HOSPITAL_DIRECTORY_LIMIT_DEFAULT, cursor: query.cursor };
    const result = await listHospitalsForAgencies(hospitalDirectory, page, lang, language);
    return ok(result, { 'content-language': language, vary: 'accept-language' });
  },
);
