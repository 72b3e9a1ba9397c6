/**
 * The one place DynamoDB transactions are written and their failures read. Each item says what
 * its failed condition means (DynamoDB gives a reason per item, in order), so a cancelled
 * transaction answers with the clear 4xx of the first condition that failed: list items in the
 * order their failures should be told. A transaction cancelled only because another one held one
 * of its items at that instant (TransactionConflict) changed nothing, so it is tried again, a few
 * times with jittered backoff; still busy, it answers the item's `busy` error, by default a 409
 * the client may retry after a second. Never a 500.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, type DomainError } from '@shifa/domain';
import { documentClient } from './client';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export type GuardedItem = {
  item: TransactItem;
  /** The error when this item's condition is not met; items without a condition need none. */
  failed?: () => DomainError | Promise<DomainError>;
  /** The error when another transaction still holds this item after the retries (it may read it again to tell). */
  busy?: () => DomainError | Promise<DomainError>;
};

/** Most items DynamoDB takes in one transaction. */
export const TRANSACTION_ITEMS_MAX = 100;

/** Tries of a transaction that other transactions keep cancelling, before it is answered as busy. */
export const TRANSACTION_ATTEMPTS = 4;

/** What a cancelled transaction says: which item's condition failed, or which item another transaction held. */
export type TransactionFailure = { kind: 'condition_failed' | 'conflict'; index: number };

export function transactionFailure(error: unknown): TransactionFailure | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
  if (failed >= 0) return { kind: 'condition_failed', index: failed };
  const busy = reasons.findIndex((reason) => reason.Code === 'TransactionConflict');
  if (busy >= 0) return { kind: 'conflict', index: busy };
  return undefined;
}

/** Another change to the same items kept winning: nothing was written, and the same request may succeed. */
export const transactionConflict = (): ConflictError =>
  new ConflictError(
    'transaction_conflict',
    'another change to the same items was being made at the same moment; nothing was changed, try again',
    undefined,
    { retryAfterSeconds: 1 },
  );

const pause = (attempt: number) =>
  new Promise((resume) => setTimeout(resume, 15 * 2 ** attempt + Math.random() * 25));

export async function transactGuarded(
  items: readonly GuardedItem[],
  options: { attempts?: number } = {},
): Promise<void> {
  if (items.length > TRANSACTION_ITEMS_MAX) {
    throw new RangeError(`a transaction takes at most ${TRANSACTION_ITEMS_MAX} items, not ${items.length}`);
  }
  const attempts = options.attempts ?? TRANSACTION_ATTEMPTS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await documentClient.send(
        new TransactWriteCommand({ TransactItems: items.map((entry) => entry.item) }),
      );
      return;
    } catch (error) {
      const failure = transactionFailure(error);
      if (failure === undefined) throw error;
      const guard = items[failure.index];
      if (failure.kind === 'condition_failed') {
        if (guard?.failed === undefined) throw error;
        throw await guard.failed();
      }
      if (attempt >= attempts) throw guard?.busy === undefined ? transactionConflict() : await guard.busy();
      await pause(attempt);
    }
  }
}
