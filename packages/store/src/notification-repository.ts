/**
 * Which booking events the tourist has already been told about: one marker item
 * per event id, claimed before sending and given back if sending fails, so a
 * redelivered event never sends the same message twice and a failed send is retried.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client';
import { bookingKeys, ENTITY } from './keys';
import { TABLE } from './table';

/** EventBridge and Lambda stop redelivering an event long before this. */
const MARKER_DAYS = 30;

/** Claims the event for notifying; false if it was already claimed. */
export async function claimNotification(eventId: string, bookingId: string, at: string): Promise<boolean> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...bookingKeys.processedEvent('NOTIFY', eventId),
          entity: ENTITY.processedEvent,
          bookingId,
          processedAt: at,
          [TABLE.ttlAttribute]: Math.floor(Date.parse(at) / 1000) + MARKER_DAYS * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Gives a claim back after a failed send, so the event's retry sends again. */
export async function releaseNotification(eventId: string): Promise<void> {
  await documentClient.send(
    new DeleteCommand({ TableName: tableName, Key: bookingKeys.processedEvent('NOTIFY', eventId) }),
  );
}
