/** PUT /hospital/capacity: sets the caller's beds on every day of a date range, keeping beds already taken. */
import { SetCapacityBody } from '@shifa/contracts';
import { setCapacity, todayUtc } from '@shifa/domain';
import { httpHandler, ok, organisationOf, parseBody } from '@shifa/http';
import { capacityStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('setHospitalCapacity'), async ({ event, principal }) => {
  const hospitalId = organisationOf(principal);
  const body = parseBody(SetCapacityBody, event);
  return ok(await setCapacity(capacityStore, hospitalId, body, todayUtc(new Date())));
});
