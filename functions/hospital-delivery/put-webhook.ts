/** PUT /hospital/webhook: sets the caller's endpoint URL (https) and whether deliveries are on, naming the version read. */
import { PutWebhookBody } from '@shifa/contracts';
import { checkWebhookUrl } from '@shifa/domain';
import { deliverySettings, endpointView } from '@shifa/hospital-delivery';
import { httpHandler, ok, organisationOf, parseBody } from '@shifa/http';
import { putWebhookEndpoint } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('putHospitalWebhook'), async ({ event, principal }) => {
  const hospitalId = organisationOf(principal);
  const body = parseBody(PutWebhookBody, event);
  const url = checkWebhookUrl(body.url, { allowHttpLocalhost: deliverySettings().allowHttpLocalhost });
  const now = new Date();
  const saved = await putWebhookEndpoint(
    hospitalId,
    { url: url.href, enabled: body.enabled },
    body.version,
    now.toISOString(),
  );
  return ok(endpointView(saved, now));
});
