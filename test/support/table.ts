/** Creates this test file's table before its tests and deletes it after. */

import { dynamoDb, tableName } from '@shifa/store';
import { createIdempotencyTableInput, deleteTable, ensureTable } from '@shifa/store/admin';
import { afterAll, beforeAll } from 'vitest';

export function useTable(): void {
  const idempotencyTable = process.env.IDEMPOTENCY_TABLE_NAME ?? 'missing';
  beforeAll(async () => {
    await ensureTable(dynamoDb, tableName);
    await ensureTable(dynamoDb, idempotencyTable, createIdempotencyTableInput(idempotencyTable));
  });
  afterAll(async () => {
    await deleteTable(dynamoDb, tableName);
    await deleteTable(dynamoDb, idempotencyTable);
  });
}
