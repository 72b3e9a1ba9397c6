/** The operator's DynamoDB calls, checked with aws-sdk-client-mock: one transaction per change, index queries for lists. */
import { ScanCommand, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { OrganisationDetail } from '@shifa/contracts';
import { ValidationError } from '@shifa/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeCursor } from './cursor';
import { listOrganisations, organisationStore } from './organisation-repository';

const dynamo = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  dynamo.reset();
});

const verified: OrganisationDetail = {
  kind: 'hospital',
  id: 'xj-tcm-hospital',
  name: { en: 'Xinjiang TCM Hospital' },
  city: 'urumqi',
  status: 'verified',
  statusReason: null,
  statusChangedAt: null,
  history: [],
};
const suspended: OrganisationDetail = {
  ...verified,
  status: 'suspended',
  statusReason: 'inspection',
  statusChangedAt: '2027-03-01T10:00:00.000Z',
  history: [
    { from: 'verified', to: 'suspended', reason: 'inspection', at: '2027-03-01T10:00:00.000Z', by: 'op' },
  ],
};

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe('organisationStore.saveStatusChange', () => {
  it('writes the profile and the suspension list in one transaction, conditioned on the status read', async () => {
    dynamo.on(TransactWriteCommand).resolves({});

    const saved = await organisationStore.saveStatusChange(verified, suspended);

    expect(saved).toBe(true);
    const items = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(2);
    expect(items[0]?.Update).toMatchObject({
      Key: { PK: 'HOSP#xj-tcm-hospital', SK: 'PROFILE' },
      ConditionExpression:
        'attribute_exists(#pk) AND #status = :statusBefore AND attribute_not_exists(#changedAt)',
      ExpressionAttributeValues: {
        ':statusBefore': 'verified',
        ':status': 'suspended',
        ':history': suspended.history,
      },
    });
    expect(items[1]?.Update).toMatchObject({
      Key: { PK: 'PLATFORM', SK: 'SUSPENSIONS' },
      UpdateExpression: 'SET #entity = :entity ADD #set :id',
      ExpressionAttributeNames: { '#set': 'hospitals' },
      ExpressionAttributeValues: { ':id': new Set(['xj-tcm-hospital']) },
    });
  });

  it('takes the id off the suspension list when verifying, conditioned on the time of the last change', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const reverified = {
      ...suspended,
      status: 'verified' as const,
      statusChangedAt: '2027-03-02T10:00:00.000Z',
    };

    await organisationStore.saveStatusChange(suspended, reverified);

    const items = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[0]?.Update?.ConditionExpression).toContain('#changedAt = :changedAtBefore');
    expect(items[0]?.Update?.ExpressionAttributeValues?.[':changedAtBefore']).toBe(suspended.statusChangedAt);
    expect(items[1]?.Update?.UpdateExpression).toBe('SET #entity = :entity DELETE #set :id');
  });

  it('answers false, without retrying, when the status changed since it was read', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));

    expect(await organisationStore.saveStatusChange(verified, suspended)).toBe(false);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('tries again when another transaction held the shared suspension list', async () => {
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'TransactionConflict')).resolvesOnce({});

    expect(await organisationStore.saveStatusChange(verified, suspended)).toBe(true);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });
});

describe('listOrganisations', () => {
  const agencyItem = (id: string, status: string) => ({
    PK: `AGENCY#${id}`,
    SK: 'PROFILE',
    GSI2PK: 'ORGS#agency',
    GSI2SK: id,
    agencyId: id,
    status,
    name: { en: id },
    city: 'Almaty',
  });

  it('queries the byOwner index by kind, never scans, and keeps only the status asked for', async () => {
    dynamo
      .on(QueryCommand)
      .resolves({ Items: [agencyItem('a-one', 'pending'), agencyItem('a-two', 'verified')] });

    const page = await listOrganisations({ kind: 'agency', status: 'pending', limit: 10, cursor: undefined });

    expect(page).toEqual({
      items: [
        {
          kind: 'agency',
          id: 'a-one',
          name: { en: 'a-one' },
          city: 'Almaty',
          status: 'pending',
          statusReason: null,
          statusChangedAt: null,
        },
      ],
      nextCursor: null,
    });
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      IndexName: 'GSI2',
      ExpressionAttributeValues: { ':pk': 'ORGS#agency' },
    });
    expect(dynamo.commandCalls(ScanCommand)).toHaveLength(0);
  });

  it('stops after its read budget with a cursor where the last read left off', async () => {
    const last = { PK: 'AGENCY#x', SK: 'PROFILE', GSI2PK: 'ORGS#agency', GSI2SK: 'x' };
    dynamo.on(QueryCommand).resolves({ Items: [agencyItem('a-one', 'verified')], LastEvaluatedKey: last });

    const page = await listOrganisations({
      kind: 'agency',
      status: 'suspended',
      limit: 10,
      cursor: undefined,
    });

    expect(page).toEqual({ items: [], nextCursor: encodeCursor(last) });
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(5);
  });

  it('refuses a cursor of another kind before calling DynamoDB', async () => {
    const cursor = encodeCursor({ PK: 'HOSP#h', SK: 'PROFILE', GSI2PK: 'ORGS#hospital', GSI2SK: 'h' });

    await expect(listOrganisations({ kind: 'agency', status: undefined, limit: 10, cursor })).rejects.toThrow(
      ValidationError,
    );
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
  });
});
