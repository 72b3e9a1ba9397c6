/** The catalog's DynamoDB calls, checked with aws-sdk-client-mock: Query only, right keys, safe cursors. */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '@shifa/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { catalogReader } from './catalog-repository';
import { encodeCursor } from './cursor';

const dynamo = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  dynamo.reset();
  dynamo.on(QueryCommand).resolves({ Items: [] });
});

describe('catalogReader.listing', () => {
  it('queries the listing index, never scans', async () => {
    await catalogReader.listing({ treatment: undefined, after: undefined, maxEntries: 100 });

    const calls = dynamo.commandCalls(QueryCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toMatchObject({
      TableName: 'unit-tests',
      IndexName: 'GSI1',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeValues: { ':pk': 'LISTING' },
      Limit: 100,
    });
    expect(dynamo.commandCalls(ScanCommand)).toHaveLength(0);
  });

  it('narrows to a treatment kind with a key condition', async () => {
    await catalogReader.listing({ treatment: 'massage', after: undefined, maxEntries: 10 });

    const input = dynamo.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input?.KeyConditionExpression).toBe('#pk = :pk AND begins_with(#sk, :kindPrefix)');
    expect(input?.ExpressionAttributeValues).toEqual({ ':pk': 'LISTING', ':kindPrefix': 'massage#' });
  });

  it('resumes after the position of a cursor it gave out', async () => {
    const key = { PK: 'PKG#a', SK: 'DEP#d1', GSI1PK: 'LISTING', GSI1SK: 'massage#a#DEP#2027-01-05#d1' };
    dynamo.on(QueryCommand).resolves({ Items: [], LastEvaluatedKey: key });

    const page = await catalogReader.listing({
      treatment: undefined,
      after: encodeCursor(key),
      maxEntries: 10,
    });

    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input.ExclusiveStartKey).toEqual(key);
    expect(page.next).toBe(encodeCursor(key));
  });

  it.each([
    ['not base64 json', 'x'],
    ['another partition', encodeCursor({ PK: 'a', SK: 'b', GSI1PK: 'BOOKING', GSI1SK: 'c' })],
    ['missing keys', encodeCursor({ PK: 'a' })],
  ])('refuses a cursor that is %s before calling DynamoDB', async (_, cursor) => {
    await expect(
      catalogReader.listing({ treatment: undefined, after: cursor, maxEntries: 10 }),
    ).rejects.toThrow(ValidationError);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('parses items: an item that breaks its schema is an error, not a cast', async () => {
    dynamo.on(QueryCommand).resolves({
      Items: [
        { PK: 'PKG#a', SK: 'PACKAGE', GSI1PK: 'LISTING', GSI1SK: 'massage#a', entity: 'Package', title: 3 },
      ],
    });

    await expect(
      catalogReader.listing({ treatment: undefined, after: undefined, maxEntries: 10 }),
    ).rejects.toThrow();
  });
});

describe('catalogReader.packageWithDepartures', () => {
  it('reads the package partition consistently, following pages', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [], LastEvaluatedKey: { PK: 'PKG#a', SK: 'DEP#1' } })
      .resolvesOnce({ Items: [] });

    const found = await catalogReader.packageWithDepartures('a');

    const calls = dynamo.commandCalls(QueryCommand);
    expect(found).toBeUndefined();
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args[0].input).toMatchObject({
      ConsistentRead: true,
      ExpressionAttributeValues: { ':pk': 'PKG#a' },
    });
    expect(calls[1]?.args[0].input.ExclusiveStartKey).toEqual({ PK: 'PKG#a', SK: 'DEP#1' });
  });
});
