/**
 * The request headers the API reads, declared once: the handlers check them with these schemas,
 * and the OpenAPI document lists them on the operations that read them, so a client generated
 * from the document sends what the server asks for.
 */
import * as z from 'zod';

export const IdempotencyKey = z
  .string()
  .min(8)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'use 8–255 visible ASCII characters, e.g. a UUID')
  .describe(
    'Makes a retry safe: the same key with the same request answers the first response again, never repeating it. 8–255 visible ASCII characters; a new UUID per attempt is ideal. Kept 24 hours.',
  );

export const AcceptLanguage = z
  .string()
  .max(512)
  .describe(
    'The languages the caller reads, as browsers send them (`kk, ru;q=0.8`). `lang` in the query wins over it.',
  );

export const StripeSignature = z
  .string()
  .max(4096)
  .describe('Stripe’s signature of the exact body with the endpoint’s signing secret: `t=…,v1=…`.');

/**
 * `credential`: the header proves who calls (Stripe's signature): the handler verifies it and
 * answers 401, and the document declares it as the operation's security scheme, not a parameter.
 */
export const REQUEST_HEADERS = {
  'Idempotency-Key': { schema: IdempotencyKey, required: true, credential: false },
  'Accept-Language': { schema: AcceptLanguage, required: false, credential: false },
  'Stripe-Signature': { schema: StripeSignature, required: true, credential: true },
} as const;

export type RequestHeader = keyof typeof REQUEST_HEADERS;

/** The name a header arrives under in an API Gateway event: lower case. */
export const eventHeaderName = (header: RequestHeader): Lowercase<RequestHeader> =>
  header.toLowerCase() as Lowercase<RequestHeader>;
