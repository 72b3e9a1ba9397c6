/** GET /operator/deliveries: deliveries that failed for good (default) or are being retried, across hospitals. */
import { DELIVERIES_LIMIT_DEFAULT, OperatorDeliveriesQuery } from '@shifa/contracts';
import { DELIVERY_RETRY_POLICY } from '@shifa/domain';
import { deliveryList } from '@shifa/hospital-delivery';
import { httpHandler, ok } from '@shifa/http';
import { listDeliveriesByStatus } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('listDeliveries'), query: OperatorDeliveriesQuery },
  async ({ event, query }) => {
    const page = await listDeliveriesByStatus(query.status, {
      limit: query.limit ?? DELIVERIES_LIMIT_DEFAULT,
      cursor: query.cursor,
    });
    return ok(await deliveryList(page, DELIVERY_RETRY_POLICY));
  },
);
