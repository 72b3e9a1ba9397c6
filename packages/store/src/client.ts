/** The DynamoDB document client, created once per process and shared by every repository. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { storeConfig } from './config';

export const dynamoDb = new DynamoDBClient(
  storeConfig.DYNAMODB_ENDPOINT === undefined ? {} : { endpoint: storeConfig.DYNAMODB_ENDPOINT },
);

export const documentClient = DynamoDBDocumentClient.from(dynamoDb, {
  marshallOptions: { removeUndefinedValues: true },
});

export const tableName = storeConfig.TABLE_NAME;
