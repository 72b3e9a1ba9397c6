/**
 * What each route takes and answers, as zod schemas: the source of the OpenAPI
 * document and of the response checks the integration tests make. Each area
 * declares its routes' operations in its own file; they are gathered here.
 * Only the OpenAPI handler and tests import this, so no function bundle carries
 * the schemas of routes it does not serve.
 */
import type * as z from 'zod';
import { agencyOperations } from './agency/operations';
import { bookingOperations } from './booking/operations';
import { catalogOperations } from './catalog/operations';
import { hospitalOperations } from './hospital/operations';
import { hospitalDeliveryOperations } from './hospital-delivery/operations';
import { operatorOperations } from './operator/operations';
import { platformOperations } from './platform/operations';
import { recordsOperations } from './records/operations';
import type { RouteId } from './routes';

export type Operation = {
  /** One line on what the operation does: the document's summary. */
  summary: string;
  query?: z.ZodType;
  path?: z.ZodType;
  body?: z.ZodType;
  /** Success responses by status; `null` for a response without a body (204). */
  responses: Partial<Record<200 | 201 | 202 | 204, z.ZodType | null>>;
  /** Error statuses the route can answer besides 400/401/403/500, with the codes clients can act on. */
  errors?: Partial<Record<404 | 409 | 410 | 413 | 415 | 422 | 428, string>>;
};

export type Operations = Partial<Record<RouteId, Operation>>;

export const operations: Operations = {
  ...catalogOperations,
  ...agencyOperations,
  ...hospitalOperations,
  ...bookingOperations,
  ...operatorOperations,
  ...platformOperations,
  ...hospitalDeliveryOperations,
  ...recordsOperations,
};
