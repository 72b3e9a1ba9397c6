/** GET /packages/{packageId}: one published package with its upcoming departures (public). */
import { GetPackageQuery, PackagePathParams } from '@shifa/contracts';
import { getPublishedPackage, preferredLanguages, responseLanguage, todayUtc } from '@shifa/domain';
import { httpHandler, ok, parsePath } from '@shifa/http';
import { catalogReader } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('getPackage'), query: GetPackageQuery },
  async ({ event, query }) => {
    const { packageId } = parsePath(PackagePathParams, event);
    const lang = preferredLanguages(event.headers['accept-language'], query.lang);
    const language = responseLanguage(lang);
    const detail = await getPublishedPackage(catalogReader, packageId, todayUtc(new Date()), lang, language);
    return ok(detail, { 'content-language': language, vary: 'accept-language' });
  },
);
