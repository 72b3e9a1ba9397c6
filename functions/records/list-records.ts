/** GET /records: the signed-in tourist's medical records, newest first. */
import { ListRecordsQuery, RECORDS_LIMIT_DEFAULT } from '@shifa/contracts';
import { httpHandler, ok } from '@shifa/http';
import { myRecords } from '@shifa/records';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('listRecords'), query: ListRecordsQuery },
  async ({ principal, query }) =>
    ok(
      await myRecords(principal.userId, {
        limit: query.limit ?? RECORDS_LIMIT_DEFAULT,
        cursor: query.cursor,
      }),
    ),
);
