/**
 * Shapes of the platform itself: the API's description (GET /openapi.json) and
 * the answers API Gateway gives on its own, before any function runs.
 */
import * as z from 'zod';

/** API Gateway's own error body: its JWT authorizer's 401, throttling's 429, a failed function's 500. */
export const GatewayErrorResponse = z.object({ message: z.string() });
export type GatewayErrorResponse = z.infer<typeof GatewayErrorResponse>;

/** Routes that take no query parameters still refuse unknown ones. */
export const NoQuery = z.strictObject({});

/** An OpenAPI 3.1 document; its parts are checked by OpenAPI tools, not restated here. */
export const OpenApiDocument = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string(), description: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.looseObject({}),
});
export type OpenApiDocument = z.infer<typeof OpenApiDocument>;
