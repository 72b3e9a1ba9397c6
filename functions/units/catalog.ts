/** The catalog unit: the public search, and a package with its departures. */

import { handler as getPackage } from '../catalog/get-package';
import { handler as listPackages } from '../catalog/list-packages';
import { apiUnit } from '../dispatch';

export const handler = apiUnit('catalog', { listPackages, getPackage });
