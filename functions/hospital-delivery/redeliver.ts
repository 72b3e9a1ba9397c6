/** POST /hospital/deliveries/{deliveryId}/redeliver: the hospital asks for one of its events again; a new round of attempts starts now. */
import { DeliveryPathParams } from '@shifa/contracts';
import { DELIVERY_RETRY_POLICY } from '@shifa/domain';
import { deliveryView, queueDeps, startRound } from '@shifa/hospital-delivery';
import { httpHandler, json, organisationOf, parsePath } from '@shifa/http';
import { idempotent } from '@shifa/http/idempotency';
import { route } from '../routes';

export const handler = httpHandler(
  route('redeliverHospitalDelivery'),
  async ({ event, context, principal }) =>
    idempotent(event, context, async () => {
      const { deliveryId } = parsePath(DeliveryPathParams, event);
      const record = await startRound(deliveryId, organisationOf(principal), queueDeps());
      return json(202, deliveryView(record, [], DELIVERY_RETRY_POLICY));
    }),
);
