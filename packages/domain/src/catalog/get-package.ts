/** Reading one package as a tourist sees it: published only, upcoming departures only. */
import type { Language, PackageDetail } from '@shifa/contracts';
import { NotFoundError } from '../errors';
import type { CatalogReader } from './search';
import { toPackageDetail } from './views';

export async function getPublishedPackage(
  reader: CatalogReader,
  packageId: string,
  today: string,
  lang: readonly Language[],
  language: Language,
): Promise<PackageDetail> {
  const found = await reader.packageWithDepartures(packageId);
  // Drafts and unpublished packages do not exist for the public: same answer as an unknown id.
  if (found === undefined || found.pkg.status !== 'published') {
    throw new NotFoundError('package_not_found', `no published package has the id ${packageId}`);
  }
  const upcoming = found.departures
    .filter((departure) => departure.startDate >= today)
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.departureId.localeCompare(b.departureId));
  return toPackageDetail(found.pkg, upcoming, lang, language);
}
