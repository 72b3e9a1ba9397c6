/** The agency unit: agencies' hotels, excursions, packages and departures, and the hospitals they build on. */

import { handler as addAgencyDeparture } from '../agency/add-departure';
import { handler as createAgencyExcursion } from '../agency/create-excursion';
import { handler as createAgencyHotel } from '../agency/create-hotel';
import { handler as createAgencyPackage } from '../agency/create-package';
import { handler as deleteAgencyDeparture } from '../agency/delete-departure';
import { handler as getAgencyExcursion } from '../agency/get-excursion';
import { handler as getAgencyHotel } from '../agency/get-hotel';
import { handler as getAgencyPackage } from '../agency/get-package';
import { handler as listAgencyExcursions } from '../agency/list-excursions';
import { handler as listVerifiedHospitalProgrammes } from '../agency/list-hospital-programmes';
import { handler as listVerifiedHospitals } from '../agency/list-hospitals';
import { handler as listAgencyHotels } from '../agency/list-hotels';
import { handler as listAgencyPackages } from '../agency/list-packages';
import { handler as publishAgencyPackage } from '../agency/publish-package';
import { handler as unpublishAgencyPackage } from '../agency/unpublish-package';
import { handler as updateAgencyDeparture } from '../agency/update-departure';
import { handler as updateAgencyExcursion } from '../agency/update-excursion';
import { handler as updateAgencyHotel } from '../agency/update-hotel';
import { handler as updateAgencyPackage } from '../agency/update-package';
import { apiUnit } from '../dispatch';

export const handler = apiUnit('agency', {
  listVerifiedHospitals,
  listVerifiedHospitalProgrammes,
  listAgencyHotels,
  createAgencyHotel,
  getAgencyHotel,
  updateAgencyHotel,
  listAgencyExcursions,
  createAgencyExcursion,
  getAgencyExcursion,
  updateAgencyExcursion,
  listAgencyPackages,
  createAgencyPackage,
  getAgencyPackage,
  updateAgencyPackage,
  addAgencyDeparture,
  updateAgencyDeparture,
  deleteAgencyDeparture,
  publishAgencyPackage,
  unpublishAgencyPackage,
});
