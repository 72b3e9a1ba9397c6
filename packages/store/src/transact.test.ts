/** The one mapper of DynamoDB transaction failures, checked with aws-sdk-client-mock. */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '@shifa/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { type GuardedItem, TRANSACTION_ATTEMPTS, transactGuarded, transactionFailure } from './transact';

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

const put = (pk: string) => ({ Put: { TableName: 't', Item: { PK: pk, SK: 'X' } } });

const items: GuardedItem[] = [
  { item: put('A'), failed: () => new NotFoundError('a_missing', 'no A') },
  { item: put('B'), failed: () => new ConflictError('b_taken', 'B is taken') },
];

describe('transactionFailure', () => {
  it('names the first item whose condition failed, else the first item another transaction held', () => {
    expect(transactionFailure(cancelled('None', 'ConditionalCheckFailed', 'TransactionConflict'))).toEqual({
      kind: 'condition_failed',
      index: 1,
    });
    expect(transactionFailure(cancelled('None', 'TransactionConflict'))).toEqual({
      kind: 'conflict',
      index: 1,
    });
    expect(transactionFailure(cancelled('ValidationError'))).toBeUndefined();
    expect(transactionFailure(new Error('boom'))).toBeUndefined();
  });
});

describe('transactGuarded', () => {
  it("answers a failed condition with that item's own error, without trying again", async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));

    await expect(transactGuarded(items)).rejects.toMatchObject({ code: 'b_taken' });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('tries again when another transaction held an item, and succeeds once it is free', async () => {
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('TransactionConflict')).resolves({});

    await expect(transactGuarded(items)).resolves.toBeUndefined();
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('answers a conflict that outlasts its attempts with 409 transaction_conflict and a second to wait, never a 500', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None'));

    const error = await transactGuarded(items).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'transaction_conflict', retryAfterSeconds: 1 });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(TRANSACTION_ATTEMPTS);
  });

  it("answers a lasting conflict with the busy item's own error when it has one", async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));

    await expect(
      transactGuarded([{ item: put('A'), busy: () => new ConflictError('a_busy', 'A is busy') }], {
        attempts: 2,
      }),
    ).rejects.toMatchObject({ code: 'a_busy' });
  });

  it('lets any other failure through as it is', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('ValidationError'));

    await expect(transactGuarded(items)).rejects.toBeInstanceOf(TransactionCanceledException);
  });

  it('refuses more items than one transaction takes, before calling DynamoDB', async () => {
    const many = Array.from({ length: 101 }, (_, index) => ({ item: put(`P${index}`) }));

    await expect(transactGuarded(many)).rejects.toThrow(RangeError);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
