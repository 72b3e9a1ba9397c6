/** DELETE /records/{recordId}: the tourist deletes one of their records, its file (every version) first. */
import { RecordPathParams } from '@shifa/contracts';
import { httpHandler, noContent, parsePath } from '@shifa/http';
import { deleteMyRecord } from '@shifa/records';
import { route } from '../routes';

export const handler = httpHandler(route('deleteRecord'), async ({ event, principal }) => {
  const { recordId } = parsePath(RecordPathParams, event);
  await deleteMyRecord(principal.userId, recordId);
  return noContent();
});
