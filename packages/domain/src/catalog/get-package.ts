/** Reading one package as a tourist sees it: published only, upcoming departures only. */
import type { Language, PackageDetail } from '@shifa/contracts';
import { NotFoundError } from '../errors';
import { type CatalogReader, isVisible } from './search';
import { toPackageDetail } from './views';

export async function getPublishedPackage(
  reader: CatalogReader,
  packageId: string,
  today: string,
  lang: readonly Language[],
  language: Language,
): Promise<PackageDetail> {
  const [found, suspended] = await Promise.all([reader.packageWithDepartures(packageId), reader.suspended()]);
  // Drafts, unpublished packages and those of suspended organisations do not exist for the
  // public: the same answer as an unknown id.
  if (found === undefined || !isVisible(found.pkg, suspended)) {
    throw new NotFoundError('package_not_found', `no published package has the id ${packageId}`);
  }
  const upcoming = found.departures
    .filter((departure) => departure.startDate >= today)
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.departureId.localeCompare(b.departureId));
  return toPackageDetail(found.pkg, upcoming, lang, language);
}
