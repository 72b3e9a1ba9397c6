/** GET /hospital/deliveries: the caller's hospital's deliveries, newest first, each with every attempt. */
import { DELIVERIES_LIMIT_DEFAULT, HospitalDeliveriesQuery } from '@shifa/contracts';
import { DELIVERY_RETRY_POLICY } from '@shifa/domain';
import { deliveryList } from '@shifa/hospital-delivery';
import { httpHandler, ok, organisationOf } from '@shifa/http';
import { listHospitalDeliveries } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('listHospitalDeliveries'), query: HospitalDeliveriesQuery },
  async ({ event, principal, query }) => {
    const page = await listHospitalDeliveries(organisationOf(principal), {
      limit: query.limit ?? DELIVERIES_LIMIT_DEFAULT,
      cursor: query.cursor,
    });
    return ok(await deliveryList(page, DELIVERY_RETRY_POLICY));
  },
);
