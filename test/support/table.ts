/** Creates this test file's table before its tests and deletes it after. */

import { dynamoDb, tableName } from '@shifa/store';
import { deleteTable, ensureTable } from '@shifa/store/admin';
import { afterAll, beforeAll } from 'vitest';

export function useTable(): void {
  beforeAll(async () => {
    await ensureTable(dynamoDb, tableName);
  });
  afterAll(async () => {
    await deleteTable(dynamoDb, tableName);
  });
}
