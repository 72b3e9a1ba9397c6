/**
 * Starts one DynamoDB Local for the whole test run (in memory, on a free port)
 * and stops it, Java process included, when the run ends.
 */
import { startDynamoDbLocal } from '@shifa/local/dynamodb-local';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal({ port: 0 });
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}
