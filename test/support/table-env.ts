/**
 * Runs before each integration test file: points storage at the shared
 * DynamoDB Local and gives the file a table of its own, so files run in
 * parallel without sharing state.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { LOCAL_AWS_ENV } from '@shifa/local/dynamodb-local';
import { inject } from 'vitest';

Object.assign(process.env, LOCAL_AWS_ENV, {
  DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
  TABLE_NAME: `test-${randomUUID()}`,
  IDEMPOTENCY_TABLE_NAME: `test-idem-${randomUUID()}`,
  // A local key as @shifa/sealing reads them (name:base64), made here: importing that package
  // would make the shared logger before its level below is set.
  HEALTH_DATA_KEYS: `test-1:${randomBytes(32).toString('base64')}`,
  // Most files hold many bookings for one demo tourist; the limit's own test sets it back to 3.
  MAX_UNPAID_HOLDS: '100',
  // Handlers count down from a minute, not the deployed 10 s: with two files running on a shared
  // two-core machine, a 366-day capacity write can take longer than it ever does on AWS.
  LOCAL_FUNCTION_TIMEOUT_MS: '60000',
  // TEST_LOG_LEVEL=ERROR shows what a failing handler logged.
  POWERTOOLS_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'SILENT',
});
