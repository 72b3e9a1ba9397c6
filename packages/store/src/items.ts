/**
 * Reading items: one item parsed with its schema (never cast), and every item a
 * Query matches, following DynamoDB's pages. Repositories build on these.
 */
import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { documentClient, tableName } from './client';

type Item = Record<string, unknown>;

/** The item under this key, parsed; undefined if there is none. Strongly consistent. */
export async function getParsed<T extends z.ZodType>(
  key: Record<string, string>,
  schema: T,
): Promise<z.infer<T> | undefined> {
  const result = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  return result.Item === undefined ? undefined : schema.parse(result.Item);
}

/** Every item the query matches, in key order, reading page after page. */
export async function queryAll(
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const result = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        ...input,
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}
