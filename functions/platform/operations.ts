/** The platform's own operations, for the OpenAPI document. */
import { NoQuery, OpenApiDocument } from '@shifa/contracts';
import type { Operations } from '../operations';

export const platformOperations = {
  getOpenApiDocument: { query: NoQuery, responses: { 200: OpenApiDocument } },
} satisfies Operations;
