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
  listPackages: { query: ListPackagesQuery, responses: { 200: PackageListResponse } },
  getPackage: {
    path: PackagePathParams,
    query: GetPackageQuery,
    responses: { 200: PackageDetail },
    errors: { 404: 'package_not_found' },
  },
} satisfies Operations;
