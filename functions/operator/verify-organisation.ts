/**
 * POST /operator/organisations/{kind}/{organisationId}/verify: lets a pending or
 * suspended organisation sell (agency) or treat (hospital). Verifying a verified
 * one answers 200 and changes nothing.
 */
import { OrganisationPathParams, VerifyOrganisationBody } from '@shifa/contracts';
import { changeOrganisationStatus } from '@shifa/domain';
import { httpHandler, ok, parseBody, parsePath } from '@shifa/http';
import { organisationStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('verifyOrganisation'), async ({ event, principal }) => {
  const { kind, organisationId } = parsePath(OrganisationPathParams, event);
  // No reason is needed to verify, so a request without a body is complete.
  const body = event.body === undefined ? undefined : parseBody(VerifyOrganisationBody, event);
  const organisation = await changeOrganisationStatus(organisationStore, kind, organisationId, {
    action: 'verify',
    reason: body?.reason,
    at: new Date().toISOString(),
    by: principal.userId,
  });
  return ok(organisation);
});
