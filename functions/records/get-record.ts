/** GET /records/{recordId}: one of the tourist's records, with a short-lived download link once it is checked. */
import { RecordPathParams } from '@shifa/contracts';
import { httpHandler, ok, parsePath } from '@shifa/http';
import { myRecord } from '@shifa/records';
import { route } from '../routes';

export const handler = httpHandler(route('getRecord'), async ({ event, principal }) => {
  const { recordId } = parsePath(RecordPathParams, event);
  return ok(await myRecord(principal.userId, recordId, new Date()));
});
