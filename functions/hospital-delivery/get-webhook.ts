/** GET /hospital/webhook: where the caller's hospital gets its bookings pushed, and which secrets sign them (never the secrets). */

import { endpointView } from '@shifa/hospital-delivery';
import { httpHandler, ok, organisationOf } from '@shifa/http';
import { emptyEndpoint, getWebhookEndpoint } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('getHospitalWebhook'), async ({ principal }) => {
  const hospitalId = organisationOf(principal);
  return ok(endpointView((await getWebhookEndpoint(hospitalId)) ?? emptyEndpoint(hospitalId), new Date()));
});
