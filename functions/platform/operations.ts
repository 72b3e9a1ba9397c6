/** The platform's own operations, for the OpenAPI document. */
import { NoQuery, OpenApiDocument } from '@shifa/contracts';
import type { Operations } from '../operations';

export const platformOperations = {
  getOpenApiDocument: {
    summary: 'This API described in OpenAPI 3.1',
    query: NoQuery,
    responses: { 200: OpenApiDocument },
  },
} satisfies Operations;
