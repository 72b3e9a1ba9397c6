/** POST /operator/deliveries/{deliveryId}/replay: the operator sends a delivery again (typically a dead-lettered one) with a fresh round of attempts. */
import { DeliveryPathParams } from '@shifa/contracts';
import { DELIVERY_RETRY_POLICY } from '@shifa/domain';
import { deliveryView, queueDeps, startRound } from '@shifa/hospital-delivery';
import { httpHandler, json, parsePath } from '@shifa/http';
import { idempotent } from '@shifa/http/idempotency';
import { route } from '../routes';

export const handler = httpHandler(route('replayDelivery'), async ({ event, context }) =>
  idempotent(event, context, async () => {
    const { deliveryId } = parsePath(DeliveryPathParams, event);
    const record = await startRound(deliveryId, undefined, queueDeps());
    return json(202, deliveryView(record, [], DELIVERY_RETRY_POLICY));
  }),
);
