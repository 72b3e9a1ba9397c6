/** GET /packages: search published health-tour packages (public). */
import { ListPackagesQuery } from '@shifa/contracts';
import {
  preferredLanguages,
  responseLanguage,
  searchCriteria,
  searchPackages,
  todayUtc,
} from '@shifa/domain';
import { httpHandler, ok } from '@shifa/http';
import { catalogReader } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('listPackages'), query: ListPackagesQuery },
  async ({ event, query }) => {
    const lang = preferredLanguages(event.headers['accept-language'], query.lang);
    const language = responseLanguage(lang);
    const criteria = searchCriteria(query, todayUtc(new Date()));
    const page = await searchPackages(catalogReader, criteria, lang, language);
    return ok(page, { 'content-language': language, vary: 'accept-language' });
  },
);
