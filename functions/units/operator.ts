/** The operator unit: verifying and suspending agencies and hospitals. */
import { apiUnit } from '../dispatch';
import { handler as listOrganisations } from '../operator/list-organisations';
import { handler as listPayments } from '../operator/list-payments';
import { handler as suspendOrganisation } from '../operator/suspend-organisation';
import { handler as verifyOrganisation } from '../operator/verify-organisation';

export const handler = apiUnit('operator', {
  listOrganisations,
  listPayments,
  verifyOrganisation,
  suspendOrganisation,
});
