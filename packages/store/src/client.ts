/**
 * The DynamoDB document client, created once per process and shared by every repository. Every
 * unit reaches the same table, so its name and endpoint are read at load.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { captureClient } from '@shifa/runtime';
import { storeSettings } from './config';

const { TABLE_NAME, DYNAMODB_ENDPOINT } = storeSettings();

/** Traced on AWS (@shifa/runtime): each call a subsegment of the invocation's trace. */
export const dynamoDb = captureClient(
  new DynamoDBClient(DYNAMODB_ENDPOINT === undefined ? {} : { endpoint: DYNAMODB_ENDPOINT }),
);

export const documentClient = DynamoDBDocumentClient.from(dynamoDb, {
  marshallOptions: { removeUndefinedValues: true },
});

export const tableName = TABLE_NAME;
