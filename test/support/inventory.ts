/**
 * Reading inventory straight from the table, to check the invariant every
 * booking test ends with: for every departure and every hospital day,
 * capacity = free + held + confirmed, and nothing is negative.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, keys, tableName } from '@shifa/store';
import { expect } from 'vitest';

type Counters = { total: number; free: number; held: number; confirmed: number };

async function item(key: Record<string, string>): Promise<Record<string, unknown>> {
  const result = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  if (result.Item === undefined) throw new Error(`no item ${JSON.stringify(key)}`);
  return result.Item;
}

const num = (value: unknown) => (typeof value === 'number' ? value : 0);

export async function departureCounters(packageId: string, departureId: string): Promise<Counters> {
  const d = await item(keys.departure(packageId, departureId));
  return { total: num(d.seatsTotal), free: num(d.seatsLeft), held: num(d.held), confirmed: num(d.confirmed) };
}

export async function hospitalDayCounters(hospitalId: string, date: string): Promise<Counters> {
  const d = await item(keys.capacity(hospitalId, date));
  return { total: num(d.capacity), free: num(d.available), held: num(d.held), confirmed: num(d.confirmed) };
}

export function expectBalanced(counters: Counters, label: string): void {
  expect(counters.free, `${label}: free`).toBeGreaterThanOrEqual(0);
  expect(counters.held, `${label}: held`).toBeGreaterThanOrEqual(0);
  expect(counters.confirmed, `${label}: confirmed`).toBeGreaterThanOrEqual(0);
  expect(
    counters.free + counters.held + counters.confirmed,
    `${label}: capacity = free + held + confirmed`,
  ).toBe(counters.total);
}

/** Checks the invariant on every departure of the package, every capacity day of the hospital and every hotel night of the agency. */
export async function expectInventoryBalanced(
  packageId: string,
  hospitalId: string,
  agencyId?: string,
): Promise<void> {
  if (agencyId !== undefined) {
    const nights = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :night)',
        ExpressionAttributeValues: { ':pk': `AGENCY#${agencyId}`, ':night': 'HOTELNIGHT#' },
        ConsistentRead: true,
      }),
    );
    for (const n of nights.Items ?? []) {
      expectBalanced(
        { total: num(n.capacity), free: num(n.available), held: num(n.held), confirmed: num(n.confirmed) },
        `hotel ${String(n.hotelId)} on ${String(n.date)}`,
      );
    }
  }
  const departures = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :dep)',
      ExpressionAttributeValues: { ':pk': `PKG#${packageId}`, ':dep': 'DEP#' },
      ConsistentRead: true,
    }),
  );
  for (const d of departures.Items ?? []) {
    expectBalanced(
      { total: num(d.seatsTotal), free: num(d.seatsLeft), held: num(d.held), confirmed: num(d.confirmed) },
      `departure ${String(d.departureId)}`,
    );
  }
  const days = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :cap)',
      ExpressionAttributeValues: { ':pk': `HOSP#${hospitalId}`, ':cap': 'CAP#' },
      ConsistentRead: true,
    }),
  );
  for (const d of days.Items ?? []) {
    expectBalanced(
      { total: num(d.capacity), free: num(d.available), held: num(d.held), confirmed: num(d.confirmed) },
      `${hospitalId} on ${String(d.date)}`,
    );
  }
}

/** Moves a booking's hold expiry into the past, as if its minutes had run out. */
export async function expireHoldNow(bookingId: string): Promise<void> {
  const past = new Date(Date.now() - 60_000).toISOString();
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { PK: `BOOKING#${bookingId}`, SK: 'BOOKING' },
      UpdateExpression: 'SET holdExpiresAt = :past, GSI1SK = :sk',
      ExpressionAttributeValues: { ':past': past, ':sk': `${past}#${bookingId}` },
    }),
  );
}
