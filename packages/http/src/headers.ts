/**
 * The request headers a route reads, checked against their one declaration (@shifa/contracts):
 * Idempotency-Key on replayable writes, the others when sent. Stripe-Signature is the webhook's
 * credential, which the webhook verifies itself (401).
 */
import { IdempotencyKey, REQUEST_HEADERS, type RequestHeader } from '@shifa/contracts';
import { ValidationError } from '@shifa/domain';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The Idempotency-Key header, checked against its declaration: required, 8–255 visible ASCII characters. */
export function idempotencyKeyOf(event: APIGatewayProxyEventV2): string {
  const key = event.headers['idempotency-key'];
  if (key === undefined || !IdempotencyKey.safeParse(key).success) {
    throw new ValidationError(
      'idempotency_key_required',
      'send an Idempotency-Key header (8–255 visible characters, e.g. a UUID) so a retry never repeats the request',
      [
        {
          path: 'Idempotency-Key',
          message: key === undefined ? 'missing' : 'not 8–255 visible ASCII characters',
        },
      ],
    );
  }
  return key;
}

/** Checks every header `route` reads; throws a 400 naming the header that is missing or malformed. */
export function checkHeaders(
  event: APIGatewayProxyEventV2,
  route: { readonly uses?: readonly string[]; readonly headers?: readonly RequestHeader[] },
): void {
  if (route.uses?.includes('idempotency')) idempotencyKeyOf(event);
  for (const name of route.headers ?? []) {
    const value = event.headers[name.toLowerCase()];
    if (value === undefined || REQUEST_HEADERS[name].credential) continue;
    const result = REQUEST_HEADERS[name].schema.safeParse(value);
    if (!result.success) {
      throw new ValidationError('invalid_header', `the ${name} header is not valid`, [
        { path: name, message: result.error.issues[0]?.message ?? 'not valid', code: 'invalid_format' },
      ]);
    }
  }
}
