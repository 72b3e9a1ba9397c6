/**
 * One TransactWriteItems whose every item says which error its failed
 * condition means, so a cancelled transaction answers with the clear 4xx of
 * the condition that failed (DynamoDB reports a reason per item, in order).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DomainError } from '@shifa/domain';
import { documentClient } from './client';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export type GuardedItem = {
  item: TransactItem;
  /** The error when this item's condition is not met. */
  failed: () => DomainError;
  /** The error when another transaction held this item at that instant (it may read the item again to tell). */
  busy: () => DomainError | Promise<DomainError>;
};

/** Most items DynamoDB takes in one transaction. */
export const TRANSACTION_ITEMS_MAX = 100;

export async function transactGuarded(items: readonly GuardedItem[]): Promise<void> {
  if (items.length > TRANSACTION_ITEMS_MAX) {
    throw new RangeError(`a transaction takes at most ${TRANSACTION_ITEMS_MAX} items, not ${items.length}`);
  }
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: items.map((entry) => entry.item) }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
    const guardFailed = items[failed];
    if (guardFailed !== undefined) throw guardFailed.failed();
    const busy = reasons.findIndex((reason) => reason.Code === 'TransactionConflict');
    const guardBusy = items[busy];
    if (guardBusy !== undefined) throw await guardBusy.busy();
    throw error;
  }
}
