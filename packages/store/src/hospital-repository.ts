/**
 * A hospital's own items: its profile, treatment programmes and capacity days,
 * all in the hospital's partition (HOSP#{hospitalId}), and the directory of
 * hospitals agencies read. Edits are conditional writes on the version read
 * (409 version_conflict); capacity writes are transactions conditional on each
 * day as it was read, so a booking taking a bed at the same time is never lost.
 */
import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type CreateProgrammeBody,
  HospitalProfile,
  HospitalProgramme,
  type UpdateHospitalProfileBody,
  type UpdateProgrammeBody,
} from '@shifa/contracts';
import {
  type CapacityChange,
  type CapacityStore,
  ConflictError,
  type HospitalDirectoryReader,
  NotFoundError,
  programmeIdFor,
} from '@shifa/domain';
import * as z from 'zod';
import { capacityBetween, capacityItem } from './capacity-repository';
import { catalogItems, readSuspensions } from './catalog-repository';
import { documentClient, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { getParsed, queryAll } from './items';
import { keys, ownerKeys } from './keys';
import { TABLE } from './table';
import { transactGuarded } from './transact';

type Item = Record<string, unknown>;

const hospitalNotFound = (hospitalId: string) =>
  new NotFoundError('hospital_not_found', `no hospital has the id ${hospitalId}`);

const programmeNotFound = (programmeId: string) =>
  new NotFoundError('programme_not_found', `your hospital has no programme with the id ${programmeId}`);

const versionConflict = (what: string, read: number) =>
  new ConflictError(
    'version_conflict',
    `the ${what} has changed since you read version ${read}; read it again and reapply your change`,
    [{ path: 'version', message: 'not the current version' }],
  );

/** Names `#version`; a version of 0 also matches an item written before versions existed. */
function versionCondition(expected: number): { expression: string; values: Item } {
  const expression =
    expected === 0 ? '(attribute_not_exists(#version) OR #version = :expected)' : '#version = :expected';
  return { expression: `attribute_exists(#pk) AND ${expression}`, values: { ':expected': expected } };
}

/**
 * A SET of every field given and a REMOVE of every optional field left out,
 * so a PUT replaces the editable fields and leaves the others (status, city) alone.
 */
function replaceFields(fields: Item, optional: readonly string[]) {
  const names: Record<string, string> = {};
  const values: Item = {};
  const sets: string[] = [];
  const removes: string[] = [];
  for (const [index, [name, value]] of Object.entries(fields).entries()) {
    names[`#f${index}`] = name;
    if (value === undefined) {
      if (optional.includes(name)) removes.push(`#f${index}`);
      continue;
    }
    values[`:f${index}`] = value;
    sets.push(`#f${index} = :f${index}`);
  }
  const expression = `SET ${sets.join(', ')}${removes.length === 0 ? '' : ` REMOVE ${removes.join(', ')}`}`;
  return { expression, names, values };
}

/**
 * Updates one versioned item to `fields` and the next version, if it exists and is at `expected`.
 * Returns the new item, or undefined when the item does not exist; throws on a version mismatch.
 */
async function updateVersioned(
  key: { PK: string; SK: string },
  fields: Item,
  optional: readonly string[],
  expected: number,
  what: string,
): Promise<Item | undefined> {
  const update = replaceFields({ ...fields, version: expected + 1 }, optional);
  const condition = versionCondition(expected);
  try {
    const result = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: update.expression,
        ConditionExpression: condition.expression,
        ExpressionAttributeNames: { ...update.names, '#pk': TABLE.partitionKey, '#version': 'version' },
        ExpressionAttributeValues: { ...update.values, ...condition.values },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const current = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    if (current.Item === undefined) return undefined;
    throw versionConflict(what, expected);
  }
}

export const findHospitalProfile = (hospitalId: string): Promise<HospitalProfile | undefined> =>
  getParsed(keys.hospital(hospitalId), HospitalProfile);

export async function getHospitalProfile(hospitalId: string): Promise<HospitalProfile> {
  const profile = await findHospitalProfile(hospitalId);
  if (profile === undefined) throw hospitalNotFound(hospitalId);
  return profile;
}

export async function updateHospitalProfile(
  hospitalId: string,
  body: UpdateHospitalProfileBody,
): Promise<HospitalProfile> {
  const fields = {
    name: body.name,
    languages: body.languages,
    departments: body.departments,
    accreditation: body.accreditation,
    internationalOffice: body.internationalOffice,
  };
  const updated = await updateVersioned(
    keys.hospital(hospitalId),
    fields,
    ['accreditation', 'internationalOffice'],
    body.version,
    'profile',
  );
  if (updated === undefined) throw hospitalNotFound(hospitalId);
  return HospitalProfile.parse(updated);
}

/** Every item under one partition whose sort key starts with `prefix`, following pages. */
const queryPrefix = (pk: string, prefix: string): Promise<Item[]> =>
  queryAll({
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#sk': TABLE.sortKey },
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ConsistentRead: true,
  });

const PROGRAMME_PREFIX = keys.programme('', '').SK;

export async function listHospitalProgrammes(hospitalId: string): Promise<HospitalProgramme[]> {
  const items = await queryPrefix(keys.hospital(hospitalId).PK, PROGRAMME_PREFIX);
  return items.map((item) => HospitalProgramme.parse(item));
}

/** One of the hospital's programmes; another hospital's programme is not found, as if it did not exist. */
export async function getHospitalProgramme(
  hospitalId: string,
  programmeId: string,
): Promise<HospitalProgramme> {
  const result = await documentClient.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.programme(hospitalId, programmeId),
      ConsistentRead: true,
    }),
  );
  if (result.Item === undefined) throw programmeNotFound(programmeId);
  return HospitalProgramme.parse(result.Item);
}

/** Draws of a fresh id before giving up; with 36^6 suffixes per kind and length, one almost always does. */
const ID_ATTEMPTS = 3;

const randomSuffix = (): string =>
  Array.from(randomBytes(6), (byte) => '0123456789abcdefghijklmnopqrstuvwxyz'[byte % 36]).join('');

export async function createHospitalProgramme(
  hospitalId: string,
  body: CreateProgrammeBody,
): Promise<HospitalProgramme> {
  if ((await findHospitalProfile(hospitalId)) === undefined) throw hospitalNotFound(hospitalId);
  for (let attempt = 1; ; attempt += 1) {
    const programme: HospitalProgramme = {
      programmeId: programmeIdFor(body.kind, body.days, randomSuffix()),
      hospitalId,
      ...body,
      version: 1,
    };
    try {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: catalogItems.programme(programme),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
        }),
      );
      return programme;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || attempt >= ID_ATTEMPTS) throw error;
    }
  }
}

export async function updateHospitalProgramme(
  hospitalId: string,
  programmeId: string,
  body: UpdateProgrammeBody,
): Promise<HospitalProgramme> {
  const { version, programmeId: _id, hospitalId: _hospital, ...fields } = body;
  const updated = await updateVersioned(
    keys.programme(hospitalId, programmeId),
    fields,
    [],
    version,
    'programme',
  );
  if (updated === undefined) throw programmeNotFound(programmeId);
  return HospitalProgramme.parse(updated);
}

function capacityWrite(hospitalId: string, change: CapacityChange) {
  if (change.kind === 'open') {
    return {
      Put: {
        TableName: tableName,
        Item: capacityItem({
          hospitalId,
          date: change.date,
          capacity: change.capacity,
          available: change.capacity,
        }),
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
      },
    };
  }
  // Relative to what bookings have left, so a bed taken since the read stays taken.
  return {
    Update: {
      TableName: tableName,
      Key: keys.capacity(hospitalId, change.date),
      UpdateExpression: 'SET #capacity = :capacity, #available = #available + :delta',
      ConditionExpression: '#capacity = :previous AND #available >= :minAvailable',
      ExpressionAttributeNames: { '#capacity': 'capacity', '#available': 'available' },
      ExpressionAttributeValues: {
        ':capacity': change.capacity,
        ':delta': change.delta,
        ':previous': change.previous,
        ':minAvailable': change.minAvailable,
      },
    },
  };
}

export const capacityStore: CapacityStore = {
  daysBetween: capacityBetween,
  hospitalExists: async (hospitalId) => (await findHospitalProfile(hospitalId)) !== undefined,
  async apply(hospitalId, changes) {
    // A day changed since it was read, or the items stayed busy: the caller reads again and retries.
    const changed = () => new ConflictError('capacity_changed', 'a day changed meanwhile; read it again');
    try {
      await transactGuarded(
        changes.map((change) => ({
          item: capacityWrite(hospitalId, change),
          failed: changed,
          busy: changed,
        })),
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'capacity_changed') return false;
      throw error;
    }
  },
};

const byOwner = TABLE.indexes.byOwner;
const HOSPITALS_PARTITION = ownerKeys.organisation('hospital', '').GSI2PK;

const DirectoryPosition = z.object({
  PK: z.string(),
  SK: z.string(),
  GSI2PK: z.literal(HOSPITALS_PARTITION),
  GSI2SK: z.string(),
});

export const hospitalDirectory: HospitalDirectoryReader = {
  async hospitals({ limit, cursor }) {
    const result = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: byOwner.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': byOwner.partitionKey },
        ExpressionAttributeValues: { ':pk': HOSPITALS_PARTITION },
        Limit: limit,
        ...(cursor === undefined ? {} : { ExclusiveStartKey: decodeCursor(cursor, DirectoryPosition) }),
      }),
    );
    const last = result.LastEvaluatedKey;
    return {
      hospitals: (result.Items ?? []).map((item) => HospitalProfile.parse(item)),
      next: last === undefined ? undefined : encodeCursor(DirectoryPosition.parse(last)),
    };
  },
  hospital: findHospitalProfile,
  programmes: listHospitalProgrammes,
  suspended: readSuspensions,
};
