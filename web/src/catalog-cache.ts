/**
 * Package details by id and language, fetched once per page load: the booking,
 * trips and inbox pages all show a package's title and policy, and a booking
 * carries only its package id.
 */
import type { Language } from '@shifa/contracts';
import type { Api, PackageDetail } from './api';

const cache = new Map<string, Promise<PackageDetail>>();

export function packageDetail(api: Api, packageId: string, lang: Language): Promise<PackageDetail> {
  const key = `${lang}/${packageId}`;
  let found = cache.get(key);
  if (found === undefined) {
    found = api.getPackage(packageId).catch((error: unknown) => {
      cache.delete(key);
      throw error;
    });
    cache.set(key, found);
  }
  return found;
}
