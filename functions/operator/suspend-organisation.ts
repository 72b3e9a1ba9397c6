/**
 * POST /operator/organisations/{kind}/{organisationId}/suspend: stops a verified
 * organisation (its packages vanish from search) or rejects a pending one.
 */
import { OrganisationPathParams, SuspendOrganisationBody } from '@shifa/contracts';
import { changeOrganisationStatus } from '@shifa/domain';
import { httpHandler, ok, parseBody, parsePath } from '@shifa/http';
import { organisationStore } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(route('suspendOrganisation'), async ({ event, principal }) => {
  const { kind, organisationId } = parsePath(OrganisationPathParams, event);
  const { reason } = parseBody(SuspendOrganisationBody, event);
  const organisation = await changeOrganisationStatus(organisationStore, kind, organisationId, {
    action: 'suspend',
    reason,
    at: new Date().toISOString(),
    by: principal.userId,
  });
  return ok(organisation);
});
