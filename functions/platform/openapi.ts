/** GET /openapi.json: this API described in OpenAPI 3.1, generated from the routes' zod schemas (public). */
import { httpHandler, ok } from '@shifa/http';
import { route } from '../routes';
import { openApiDocument } from './openapi-document';

export const handler = httpHandler(route('getOpenApiDocument'), async () => {
  return ok(openApiDocument(), { 'cache-control': 'public, max-age=300' });
});
