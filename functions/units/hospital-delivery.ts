/** The hospital-delivery unit: webhook endpoints and secrets, the delivery log, redeliveries, replays. */
import { apiUnit } from '../dispatch';
import { handler as getHospitalWebhook } from '../hospital-delivery/get-webhook';
import { handler as listHospitalDeliveries } from '../hospital-delivery/list-deliveries';
import { handler as listDeliveries } from '../hospital-delivery/operator-list-deliveries';
import { handler as putHospitalWebhook } from '../hospital-delivery/put-webhook';
import { handler as redeliverHospitalDelivery } from '../hospital-delivery/redeliver';
import { handler as replayDelivery } from '../hospital-delivery/replay';
import { handler as rotateHospitalWebhookSecret } from '../hospital-delivery/rotate-secret';

export const handler = apiUnit('hospital-delivery', {
  getHospitalWebhook,
  putHospitalWebhook,
  rotateHospitalWebhookSecret,
  listHospitalDeliveries,
  redeliverHospitalDelivery,
  listDeliveries,
  replayDelivery,
});
