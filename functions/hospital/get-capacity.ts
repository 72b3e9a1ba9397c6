/** GET /hospital/capacity: the caller's beds for every day of a date range, with how many are taken. */
import { CapacityQuery } from '@shifa/contracts';
import { readCapacity } from '@shifa/domain';
import { httpHandler, ok, organisationOf } from '@shifa/http';
import { capacityStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('getHospitalCapacity'), query: CapacityQuery },
  async ({ event, principal, query }) => {
    const hospitalId = organisationOf(principal);
    const range = query;
    return ok(await readCapacity(capacityStore, hospitalId, range));
  },
);
