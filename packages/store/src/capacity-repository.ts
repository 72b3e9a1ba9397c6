/**
 * Hospitals' daily capacity for international patients. A day with no item
 * has no capacity: hospitals open days explicitly.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CapacityDay } from '@shifa/contracts';
import { documentClient, tableName } from './client';
import { ENTITY, keys } from './keys';
import { TABLE } from './table';

export const capacityItem = (day: CapacityDay): Record<string, unknown> => ({
  ...keys.capacity(day.hospitalId, day.date),
  entity: ENTITY.capacity,
  ...day,
});

/** Capacity days of one hospital from `from` to `to` inclusive, by date; days never set are absent. */
export async function capacityBetween(hospitalId: string, from: string, to: string): Promise<CapacityDay[]> {
  const days: CapacityDay[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#sk': TABLE.sortKey },
        ExpressionAttributeValues: {
          ':pk': keys.capacity(hospitalId, from).PK,
          ':from': keys.capacity(hospitalId, from).SK,
          ':to': keys.capacity(hospitalId, to).SK,
        },
        ConsistentRead: true,
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    days.push(...(result.Items ?? []).map((item) => CapacityDay.parse(item)));
    startKey = result.LastEvaluatedKey;
  } while (startKey !== undefined);
  return days;
}
