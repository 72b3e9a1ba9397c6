/** GET /operator/organisations: agencies and hospitals by kind and status, for the operator. */
import { ListOrganisationsQuery, ORGANISATIONS_LIMIT_DEFAULT } from '@shifa/contracts';
import { httpHandler, ok } from '@shifa/http';
import { listOrganisations } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('listOrganisations'), query: ListOrganisationsQuery },
  async ({ event, query }) => {
    const page = await listOrganisations({
      kind: query.kind,
      status: query.status,
      limit: query.limit ?? ORGANISATIONS_LIMIT_DEFAULT,
      cursor: query.cursor,
    });
    return ok(page);
  },
);
