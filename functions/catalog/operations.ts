/** The public catalog's operations, for the OpenAPI document. */
import {
  GetPackageQuery,
  ListPackagesQuery,
  PackageDetail,
  PackageListResponse,
  PackagePathParams,
} from '@shifa/contracts';
import type { Operations } from '../operations';

export const catalogOperations = {
  listPackages: {
    summary: 'Search published health-tour packages',
    query: ListPackagesQuery,
    responses: { 200: PackageListResponse },
  },
  getPackage: {
    summary: 'Read one published package with its departures',
    path: PackagePathParams,
    query: GetPackageQuery,
    responses: { 200: PackageDetail },
    errors: { 404: 'package_not_found' },
  },
} satisfies Operations;
