/** The hospital unit: a hospital's profile, programmes, capacity and booking inbox. */
import { apiUnit } from '../dispatch';
import { handler as createHospitalProgramme } from '../hospital/create-programme';
import { handler as getHospitalCapacity } from '../hospital/get-capacity';
import { handler as getHospitalProfile } from '../hospital/get-profile';
import { handler as getHospitalProgramme } from '../hospital/get-programme';
import { handler as listHospitalBookings } from '../hospital/list-bookings';
import { handler as listHospitalProgrammes } from '../hospital/list-programmes';
import { handler as setHospitalCapacity } from '../hospital/set-capacity';
import { handler as updateHospitalProfile } from '../hospital/update-profile';
import { handler as updateHospitalProgramme } from '../hospital/update-programme';

export const handler = apiUnit('hospital', {
  getHospitalProfile,
  updateHospitalProfile,
  listHospitalProgrammes,
  createHospitalProgramme,
  getHospitalProgramme,
  updateHospitalProgramme,
  getHospitalCapacity,
  setHospitalCapacity,
  listHospitalBookings,
});
