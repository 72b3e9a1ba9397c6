/** The operator's operations, for the OpenAPI document. */
import {
  ListOrganisationsQuery,
  ListPaymentsQuery,
  OrganisationDetail,
  OrganisationListResponse,
  OrganisationPathParams,
  PaymentListResponse,
  SuspendOrganisationBody,
  VerifyOrganisationBody,
} from '@shifa/contracts';
import type { Operations } from '../operations';

const statusErrors = {
  404: 'organisation_not_found',
  409: 'invalid_status_transition (the current status does not allow it), status_changed (someone else changed it first)',
} as const;

export const operatorOperations = {
  listPayments: { query: ListPaymentsQuery, responses: { 200: PaymentListResponse } },
  listOrganisations: { query: ListOrganisationsQuery, responses: { 200: OrganisationListResponse } },
  verifyOrganisation: {
    path: OrganisationPathParams,
    body: VerifyOrganisationBody,
    responses: { 200: OrganisationDetail },
    errors: statusErrors,
  },
  suspendOrganisation: {
    path: OrganisationPathParams,
    body: SuspendOrganisationBody,
    responses: { 200: OrganisationDetail },
    errors: statusErrors,
  },
} satisfies Operations;
