/**
 * Hospitals' daily capacity for international patients. A day with no item
 * has no capacity: hospitals open days explicitly.
 */
import { CapacityDay } from '@shifa/contracts';
import { queryAll } from './items';
import { ENTITY, keys } from './keys';
import { TABLE } from './table';

export const capacityItem = (day: CapacityDay): Record<string, unknown> => ({
  ...keys.capacity(day.hospitalId, day.date),
  entity: ENTITY.capacity,
  ...day,
});

/** Capacity days of one hospital from `from` to `to` inclusive, by date; days never set are absent. */
export async function capacityBetween(hospitalId: string, from: string, to: string): Promise<CapacityDay[]> {
  const items = await queryAll({
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#sk': TABLE.sortKey },
    ExpressionAttributeValues: {
      ':pk': keys.capacity(hospitalId, from).PK,
      ':from': keys.capacity(hospitalId, from).SK,
      ':to': keys.capacity(hospitalId, to).SK,
    },
    ConsistentRead: true,
  });
  return items.map((item) => CapacityDay.parse(item));
}
