/**
 * POST /hospital/webhook/secrets/rotate: a new signing secret, shown in this
 * response only. The one it replaces keeps signing for 24 hours, so both
 * verify while the hospital switches. Not replayed by Idempotency-Key on
 * purpose: a stored response would be a copy of the secret in clear.
 */

import { endpointView } from '@shifa/hospital-delivery';
import { created, httpHandler, organisationOf } from '@shifa/http';
import { webhookSecretsSealer } from '@shifa/sealing';
import { rotateWebhookSecret } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('rotateHospitalWebhookSecret'), async ({ principal }) => {
  const now = new Date();
  const rotation = await rotateWebhookSecret(organisationOf(principal), now, webhookSecretsSealer());
  return created(
    {
      secretId: rotation.secretId,
      secret: rotation.secret,
      createdAt: now.toISOString(),
      previousExpiresAt: rotation.previousExpiresAt,
      endpoint: endpointView(rotation.endpoint, now),
    },
    { 'cache-control': 'no-store' },
  );
});
