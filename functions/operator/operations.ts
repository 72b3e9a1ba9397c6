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
  listPayments: {
    summary: "List bookings whose money needs a person's attention, or every money step in flight",
    query: ListPaymentsQuery,
    responses: { 200: PaymentListResponse },
  },
  listOrganisations: {
    summary: 'List agencies and hospitals, optionally by kind and status',
    query: ListOrganisationsQuery,
    responses: { 200: OrganisationListResponse },
  },
  verifyOrganisation: {
    summary: 'Verify an agency or hospital so it may sell or treat',
    path: OrganisationPathParams,
    body: VerifyOrganisationBody,
    responses: { 200: OrganisationDetail },
    errors: statusErrors,
  },
  suspendOrganisation: {
    summary: 'Suspend an agency or hospital, hiding its packages, or reject its application',
    path: OrganisationPathParams,
    body: SuspendOrganisationBody,
    responses: { 200: OrganisationDetail },
    errors: statusErrors,
  },
} satisfies Operations;
