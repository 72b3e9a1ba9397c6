/** The records unit: travellers' medical records, their upload forms, reading, listing and deleting. */
import { apiUnit } from '../dispatch';
import { handler as createRecord } from '../records/create-record';
import { handler as deleteRecord } from '../records/delete-record';
import { handler as getRecord } from '../records/get-record';
import { handler as listRecords } from '../records/list-records';

export const handler = apiUnit('records', { createRecord, listRecords, getRecord, deleteRecord });
