/** The package write's one transaction, checked with aws-sdk-client-mock: its items, conditions and error mapping. */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Departure, Package } from '@shifa/contracts';
import type { PackageWrite } from '@shifa/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { savePackage } from './package-repository';

const dynamo = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  dynamo.reset();
  dynamo.on(TransactWriteCommand).resolves({});
});

const pkg = Package.parse({
  packageId: 'urumqi-acupuncture-ab12cd',
  agencyId: 'silk-road-travel',
  agency: { name: { en: 'Silk Road Travel' } },
  hospital: { hospitalId: 'xj-tcm', name: { en: 'TCM Hospital' }, city: 'urumqi', languages: ['zh'] },
  status: 'published',
  title: { en: 'Acupuncture' },
  description: { en: 'A course' },
  city: 'urumqi',
  durationDays: 13,
  treatment: {
    hospitalId: 'xj-tcm',
    programmeId: 'acupuncture-10',
    kind: 'acupuncture',
    title: { en: 'Acupuncture' },
    startDay: 2,
    days: 10,
    sessions: 10,
    includes: [],
  },
  accommodation: {
    hotelId: 'tianshan',
    name: { en: 'Tianshan' },
    nights: 12,
    room: { en: 'Twin' },
    meals: 'none',
  },
  sightseeing: [],
  services: [],
  serviceLanguages: ['ru'],
  cancellationPolicy: { tiers: [{ daysBeforeDeparture: 0, refundPercent: 0 }] },
  version: 4,
});

const departure: Departure = {
  departureId: '2026-03-05-x1y2z3',
  packageId: pkg.packageId,
  startDate: '2026-03-05',
  endDate: '2026-03-17',
  seatsTotal: 10,
  seatsLeft: 7,
  prices: [{ currency: 'KZT', lines: { treatment: 1, accommodation: 1, sightseeing: 1, services: 1 } }],
};

const write = (overrides: Partial<PackageWrite> = {}): PackageWrite => ({
  pkg,
  expectedVersion: 3,
  departures: [{ op: 'relist', departure, lockedPaths: [] }],
  agencyMust: 'be_verified',
  hospitalMustBeVerified: true,
  ...overrides,
});

const itemsSent = () => dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];

const cancelled = (codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe('savePackage', () => {
  it('publishes in one transaction: standing checks, the package at its next version, every departure listed', async () => {
    await savePackage(write());

    const [agency, hospital, put, relist] = itemsSent();
    expect(agency?.ConditionCheck).toMatchObject({
      Key: { PK: 'AGENCY#silk-road-travel', SK: 'PROFILE' },
      ConditionExpression: '#status = :status',
      ExpressionAttributeValues: { ':status': 'verified' },
    });
    expect(hospital?.ConditionCheck).toMatchObject({ Key: { PK: 'HOSP#xj-tcm', SK: 'PROFILE' } });
    expect(put?.Put).toMatchObject({
      Item: { PK: 'PKG#urumqi-acupuncture-ab12cd', SK: 'PACKAGE', GSI1PK: 'LISTING', version: 4 },
      ConditionExpression: '#agencyId = :agencyId AND #version = :expected',
      ExpressionAttributeValues: { ':agencyId': 'silk-road-travel', ':expected': 3 },
    });
    expect(relist?.Update).toMatchObject({
      Key: { PK: 'PKG#urumqi-acupuncture-ab12cd', SK: 'DEP#2026-03-05-x1y2z3' },
      UpdateExpression: 'SET #endDate = :endDate, #gpk = :gpk, #gsk = :gsk',
      ExpressionAttributeValues: {
        ':gsk': 'acupuncture#urumqi-acupuncture-ab12cd#DEP#2026-03-05#2026-03-05-x1y2z3',
      },
    });
  });

  it('unpublishing removes the listing keys of the package and of each departure', async () => {
    const unpublished = { ...pkg, status: 'unpublished' as const };

    await savePackage(
      write({ pkg: unpublished, agencyMust: 'not_be_suspended', hospitalMustBeVerified: false }),
    );

    const [agency, put, relist] = itemsSent();
    expect(agency?.ConditionCheck?.ConditionExpression).toBe('attribute_exists(#pk) AND #status <> :status');
    expect(put?.Put?.Item).not.toHaveProperty('GSI1PK');
    expect(relist?.Update?.UpdateExpression).toBe('SET #endDate = :endDate REMOVE #gpk, #gsk');
  });

  it('changes seats as a delta, conditional on the seats total read and on enough seats left', async () => {
    await savePackage(
      write({
        departures: [
          {
            op: 'change',
            departure: { ...departure, seatsTotal: 6, seatsLeft: 3 },
            seatsDelta: -4,
            seatsTotalRead: 10,
          },
        ],
        agencyMust: 'not_be_suspended',
        hospitalMustBeVerified: false,
      }),
    );

    const change = itemsSent()[2]?.Update;
    expect(change).toMatchObject({
      UpdateExpression: 'SET #total = :total, #prices = :prices, #left = #left + :delta',
      ConditionExpression: 'attribute_exists(#pk) AND #total = :totalRead AND #left >= :leftNeeded',
      ExpressionAttributeValues: { ':total': 6, ':delta': -4, ':totalRead': 10, ':leftNeeded': 4 },
    });
  });

  it.each([
    [0, 'agency_not_verified'],
    [1, 'version_conflict'],
    [2, 'seats_below_sold'],
  ])('answers a failed condition on item %i with %s', async (failing, code) => {
    const change = write({
      departures: [{ op: 'change', departure, seatsDelta: -9, seatsTotalRead: 10 }],
      hospitalMustBeVerified: false,
    });
    const reasons = ['None', 'None', 'None'].map((reason, index) =>
      index === failing ? 'ConditionalCheckFailed' : reason,
    );
    dynamo.on(TransactWriteCommand).rejects(cancelled(reasons));

    await expect(savePackage(change)).rejects.toMatchObject({ code });
  });

  it.each([
    [3, 'concurrent_update'],
    [4, 'version_conflict'],
  ])(
    'when another transaction holds the package, reads its version (%i) to tell a booking (%s if unchanged) from an edit',
    async (version, code) => {
      const plain = write({ departures: [], agencyMust: 'not_be_suspended', hospitalMustBeVerified: false });
      dynamo.on(TransactWriteCommand).rejects(cancelled(['None', 'TransactionConflict']));
      dynamo.on(GetCommand).resolves({ Item: { version } });

      await expect(savePackage(plain)).rejects.toMatchObject({ code });
    },
  );

  it('refuses to build a transaction of more than a hundred items', async () => {
    const many = Array.from({ length: 98 }, (_, i) => ({
      op: 'relist' as const,
      departure: { ...departure, departureId: `d-${i}` },
      lockedPaths: [],
    }));

    await expect(savePackage(write({ departures: many }))).rejects.toThrow(RangeError);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
