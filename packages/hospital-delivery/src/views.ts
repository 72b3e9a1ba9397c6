/** How a webhook endpoint reads over the API: the secrets that sign now, by id and hint, never in clear. */
import type { WebhookEndpoint } from '@shifa/contracts';
import type { WebhookEndpointRecord } from '@shifa/store';

export function endpointView(record: WebhookEndpointRecord, now: Date): WebhookEndpoint {
  return {
    hospitalId: record.hospitalId,
    url: record.url,
    enabled: record.enabled,
    version: record.version,
    secrets: record.secrets
      .filter((secret) => secret.expiresAt === null || Date.parse(secret.expiresAt) > now.getTime())
      .map(({ secretId, hint, createdAt, expiresAt }) => ({ secretId, hint, createdAt, expiresAt })),
    updatedAt: record.updatedAt,
  };
}
