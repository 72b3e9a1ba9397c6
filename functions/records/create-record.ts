/** POST /records: a tourist declares a medical record and gets the form to upload its file with. */
import { CreateRecordBody } from '@shifa/contracts';
import { created, httpHandler, parseBody } from '@shifa/http';
import { idempotent } from '@shifa/http/idempotency';
import { declareRecord } from '@shifa/records';
import { route } from '../routes';

export const handler = httpHandler(route('createRecord'), async ({ event, context, principal }) =>
  idempotent(event, context, async () => {
    const body = parseBody(CreateRecordBody, event);
    return created(await declareRecord(principal.userId, body, new Date()));
  }),
);
