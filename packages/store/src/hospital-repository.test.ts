/** The hospital repository's DynamoDB calls, checked with aws-sdk-client-mock: conditions, and how failures map. */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '@shifa/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { capacityStore, updateHospitalProfile } from './hospital-repository';
import { TRANSACTION_ATTEMPTS } from './transact';

const dynamo = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  dynamo.reset();
});

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const conditionFailed = () => new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });

describe('capacityStore.apply', () => {
  it('opens a day only if absent and resizes one only if its capacity is as read and enough beds are free', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const applied = await capacityStore.apply('xj-tcm-hospital', [
      { kind: 'open', date: '2027-03-01', capacity: 5 },
      { kind: 'resize', date: '2027-03-02', previous: 10, capacity: 6, delta: -4, minAvailable: 4 },
    ]);

    // Assess
    expect(applied).toBe(true);
    const [open, resize] = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(open?.Put).toMatchObject({
      Item: { PK: 'HOSP#xj-tcm-hospital', SK: 'CAP#2027-03-01', capacity: 5, available: 5 },
      ConditionExpression: 'attribute_not_exists(#pk)',
    });
    expect(resize?.Update).toMatchObject({
      Key: { PK: 'HOSP#xj-tcm-hospital', SK: 'CAP#2027-03-02' },
      UpdateExpression: 'SET #capacity = :capacity, #available = #available + :delta',
      ConditionExpression: '#capacity = :previous AND #available >= :minAvailable',
      ExpressionAttributeValues: { ':capacity': 6, ':delta': -4, ':previous': 10, ':minAvailable': 4 },
    });
  });

  it('answers false when a condition failed, so the caller re-reads', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('ConditionalCheckFailed'));
    const change = { kind: 'open', date: '2027-03-01', capacity: 5 } as const;

    // Act / Assess
    expect(await capacityStore.apply('h', [change])).toBe(false);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('tries again while another transaction holds a day, and answers false only when it keeps holding it', async () => {
    // Prepare
    const change = { kind: 'open', date: '2027-03-01', capacity: 5 } as const;
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('TransactionConflict')).resolves({});

    // Act
    const once = await capacityStore.apply('h', [change]);
    dynamo.reset();
    dynamo.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    const always = await capacityStore.apply('h', [change]);

    // Assess
    expect(once).toBe(true);
    expect(always).toBe(false);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(TRANSACTION_ATTEMPTS);
  });

  it('lets any other cancellation through as an error', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('ValidationError'));

    // Act / Assess
    await expect(
      capacityStore.apply('h', [{ kind: 'open', date: '2027-03-01', capacity: 5 }]),
    ).rejects.toThrow(TransactionCanceledException);
  });
});

describe('updateHospitalProfile', () => {
  const body = { version: 0, name: { en: 'Hospital' }, languages: ['zh' as const], departments: [] };

  it('at version 0 also matches a profile stored before versions existed, and removes optional fields left out', async () => {
    // Prepare
    dynamo.on(UpdateCommand).resolves({
      Attributes: { hospitalId: 'h-1', status: 'verified', city: 'urumqi', ...body, version: 1 },
    });

    // Act
    await updateHospitalProfile('h-1', body);

    // Assess
    const input = dynamo.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe(
      'attribute_exists(#pk) AND (attribute_not_exists(#version) OR #version = :expected)',
    );
    expect(input?.UpdateExpression).toMatch(/ REMOVE #f3, #f4$/);
    expect(input?.ExpressionAttributeNames).toMatchObject({
      '#f3': 'accreditation',
      '#f4': 'internationalOffice',
    });
    expect(Object.values(input?.ExpressionAttributeValues ?? {})).toContain(1);
  });

  it('names a later version exactly, and answers a failed condition on an existing profile with version_conflict', async () => {
    // Prepare
    dynamo.on(UpdateCommand).rejects(conditionFailed());
    dynamo.on(GetCommand).resolves({ Item: { PK: 'HOSP#h-1', SK: 'PROFILE' } });

    // Act
    const update = updateHospitalProfile('h-1', { ...body, version: 3 });

    // Assess
    await expect(update).rejects.toThrow(ConflictError);
    await expect(update).rejects.toMatchObject({ code: 'version_conflict' });
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ConditionExpression).toBe(
      'attribute_exists(#pk) AND #version = :expected',
    );
  });

  it('answers a failed condition on a missing profile with hospital_not_found', async () => {
    // Prepare
    dynamo.on(UpdateCommand).rejects(conditionFailed());
    dynamo.on(GetCommand).resolves({});

    // Act / Assess
    await expect(updateHospitalProfile('h-1', body)).rejects.toThrow(NotFoundError);
  });
});
