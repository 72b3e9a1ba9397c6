/**
 * The operator's API: listing agencies and hospitals by status, and verifying
 * or suspending them. An organisation's status history is kept on its profile
 * for audits.
 */
import * as z from 'zod';
import { IsoDateTime, LocalizedText } from './common';
import { OrganisationId, OrganisationKind, OrganisationStatus } from './identity';
import { intParam } from './params';

export const ORGANISATIONS_LIMIT_DEFAULT = 20;
export const ORGANISATIONS_LIMIT_MAX = 50;
/** Status changes kept on a profile; older ones drop off. */
export const STATUS_HISTORY_MAX = 50;

/** Why an operator changed a status: shown to the organisation and kept for audits. */
export const StatusReason = z.string().trim().min(3).max(500);

export const StatusChange = z.object({
  from: OrganisationStatus,
  to: OrganisationStatus,
  reason: z.string().nullable(),
  at: IsoDateTime,
  /** The operator's user id. */
  by: z.string(),
});
export type StatusChange = z.infer<typeof StatusChange>;

export const OrganisationView = z.object({
  kind: OrganisationKind,
  id: OrganisationId,
  name: LocalizedText,
  city: z.string(),
  status: OrganisationStatus,
  statusReason: z.string().nullable(),
  statusChangedAt: IsoDateTime.nullable(),
});
export type OrganisationView = z.infer<typeof OrganisationView>;

export const OrganisationDetail = OrganisationView.extend({
  /** The latest status changes, oldest first. */
  history: z.array(StatusChange),
});
export type OrganisationDetail = z.infer<typeof OrganisationDetail>;

export const ListOrganisationsQuery = z.strictObject({
  kind: OrganisationKind.optional().describe('agencies or hospitals; both when absent (agencies first)'),
  status: OrganisationStatus.optional(),
  limit: intParam(1, ORGANISATIONS_LIMIT_MAX)
    .optional()
    .describe(`page size, 1 to ${ORGANISATIONS_LIMIT_MAX}, default ${ORGANISATIONS_LIMIT_DEFAULT}`),
  cursor: z.string().min(1).max(1024).optional().describe('the nextCursor of the previous page, unchanged'),
});
export type ListOrganisationsQuery = z.infer<typeof ListOrganisationsQuery>;

export const OrganisationListResponse = z.object({
  items: z.array(OrganisationView),
  nextCursor: z.string().nullable(),
});
export type OrganisationListResponse = z.infer<typeof OrganisationListResponse>;

export const OrganisationPathParams = z.strictObject({
  kind: OrganisationKind,
  organisationId: OrganisationId,
});

/** Verifying needs no reason; the body may be left out. */
export const VerifyOrganisationBody = z.strictObject({ reason: StatusReason.optional() }).optional();
export type VerifyOrganisationBody = z.infer<typeof VerifyOrganisationBody>;

export const SuspendOrganisationBody = z.strictObject({ reason: StatusReason });
export type SuspendOrganisationBody = z.infer<typeof SuspendOrganisationBody>;
