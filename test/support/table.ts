/**
 * Creates this test file's tables before its tests and deletes them after, having first scanned
 * every item of both for the plaintext of every health note the file sent: a hit fails the file.
 */

import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, dynamoDb, tableName } from '@shifa/store';
import { createIdempotencyTableInput, deleteTable, ensureTable } from '@shifa/store/admin';
import { afterAll, beforeAll } from 'vitest';
import { writtenNotes } from './written-notes';

/** Each item of the table that holds one of the notes in plain text, named by its key. */
export async function itemsHoldingNotes(table: string, notes: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const text = JSON.stringify(item);
      if (notes.some((note) => text.includes(note))) {
        hits.push(`${table}: ${String(item.PK ?? item.id)} ${String(item.SK ?? '')}`);
      }
    }
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return hits;
}

export function useTable(): void {
  const idempotencyTable = process.env.IDEMPOTENCY_TABLE_NAME ?? 'missing';
  beforeAll(async () => {
    await ensureTable(dynamoDb, tableName);
    await ensureTable(dynamoDb, idempotencyTable, createIdempotencyTableInput(idempotencyTable));
  });
  afterAll(async () => {
    const notes = writtenNotes();
    const hits =
      notes.length === 0
        ? []
        : [
            ...(await itemsHoldingNotes(tableName, notes)),
            ...(await itemsHoldingNotes(idempotencyTable, notes)),
          ];
    await deleteTable(dynamoDb, tableName);
    await deleteTable(dynamoDb, idempotencyTable);
    if (hits.length > 0) {
      throw new Error(`health notes stored in plain text (${notes.length} notes sent):\n${hits.join('\n')}`);
    }
  });
}
