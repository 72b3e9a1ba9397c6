/** The platform unit: the API's OpenAPI document, and the answer to requests no route serves. */
import { apiUnit } from '../dispatch';
import { handler as notFound } from '../platform/not-found';
import { handler as getOpenApiDocument } from '../platform/openapi';

export const handler = apiUnit('platform', { getOpenApiDocument, notFound });
