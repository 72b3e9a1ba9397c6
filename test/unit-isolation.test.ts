/**
 * Deployment units run locally as they do on AWS: each invocation sees its own unit's settings and
 * nothing of another unit's secrets, and may do to the tables only what its unit is granted. A
 * handler that uses what its unit is not given fails here, before it fails on AWS.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { fallbackRoute, routes } from '@shifa/functions/routes';
import { CAPABILITY_VARIABLES, needsOf, type UnitId, units } from '@shifa/functions/units';
import { lambdaContext } from '@shifa/local/api-server';
import { invokeUnit, runAs } from '@shifa/local/units';
import { paymentsSettings } from '@shifa/payments';
import { recordsSettings } from '@shifa/records/settings';
import { currentEnvironment, SettingsError } from '@shifa/runtime';
import { healthNotesCipher, webhookSecretsSealer } from '@shifa/sealing';
import { documentClient, tableName } from '@shifa/store';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useApi } from './support/api';
import { useTable } from './support/table';

useTable();
const api = useApi();

beforeAll(() => {
  // Every secret set in this process, as `npm start` sets them all: only the units' own may show.
  vi.stubEnv('STRIPE_SECRET_KEY', 'sk_test_isolation');
  vi.stubEnv('STRIPE_WEBHOOK_SECRET', 'whsec_isolation');
  vi.stubEnv('RECORDS_BUCKET', 'records-isolation');
  vi.stubEnv('S3_ENDPOINT', 'http://127.0.0.1:9');
  return () => vi.unstubAllEnvs();
});

const SECRET_VARIABLES = [...new Set(Object.values(CAPABILITY_VARIABLES).flat())];

const environmentOf = (unit: UnitId) => runAs(unit, needsOf(unit), async () => currentEnvironment());

describe('settings per unit', () => {
  it.each(units.map((unit) => ({ unit: unit.id })))(
    'gives $unit the settings of its own capabilities and of no other',
    async ({ unit }) => {
      const environment = await environmentOf(unit);

      const given = SECRET_VARIABLES.filter((name) => environment[name] !== undefined);

      const expected = needsOf(unit)
        .uses.flatMap((capability) => [...CAPABILITY_VARIABLES[capability]])
        .filter((name) => process.env[name] !== undefined);
      expect(given.sort()).toEqual([...new Set(expected)].sort());
      expect(environment.TABLE_NAME).toBe(tableName);
    },
  );

  it('has units with and without each secret, so the check above checks something', async () => {
    const catalog = await environmentOf('catalog');
    const payments = await environmentOf('payments');

    expect(catalog.STRIPE_SECRET_KEY).toBeUndefined();
    expect(catalog.HEALTH_DATA_KEYS).toBeUndefined();
    expect(payments.STRIPE_SECRET_KEY).toBe(process.env.STRIPE_SECRET_KEY);
    expect(payments.HEALTH_DATA_KEYS).toBe(process.env.HEALTH_DATA_KEYS);
  });

  it('refuses the payment settings, the health-data key and the records bucket to a unit not given them, naming what is missing', async () => {
    const read = (unit: UnitId, use: () => unknown) => runAs(unit, needsOf(unit), async () => use());

    await expect(read('catalog', () => paymentsSettings())).rejects.toThrow(SettingsError);
    await expect(read('catalog', () => paymentsSettings())).rejects.toThrow(/STRIPE_SECRET_KEY/);
    await expect(read('agency', () => healthNotesCipher())).rejects.toThrow(/HEALTH_DATA_KEYS/);
    await expect(read('operator', () => webhookSecretsSealer())).rejects.toThrow(/HEALTH_DATA_KEYS/);
    await expect(read('hospital', () => recordsSettings())).rejects.toThrow(/RECORDS_BUCKET/);
    await expect(read('records', () => recordsSettings().RECORDS_BUCKET)).resolves.toBe('records-isolation');
    await expect(read('payments', () => paymentsSettings().STRIPE_SECRET_KEY)).resolves.toBe(
      process.env.STRIPE_SECRET_KEY,
    );
  });
});

describe('table grants per unit', () => {
  const put = () =>
    documentClient.send(
      new PutCommand({ TableName: tableName, Item: { PK: `ISOLATION#${randomUUID()}`, SK: 'ITEM' } }),
    );
  const get = () =>
    documentClient.send(new GetCommand({ TableName: tableName, Key: { PK: 'NONE', SK: 'NONE' } }));

  it('lets a unit granted reads read, and refuses it a write as IAM would', async () => {
    expect(needsOf('catalog').table).toBe('read');

    await expect(runAs('catalog', needsOf('catalog'), get)).resolves.toBeDefined();
    await expect(runAs('catalog', needsOf('catalog'), put)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('dynamodb:PutItem'),
    });
  });

  it('refuses every table call to a unit without table access', async () => {
    expect(needsOf('platform').table).toBe('none');

    await expect(runAs('platform', needsOf('platform'), get)).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });

  it('lets a unit granted writes write', async () => {
    await expect(runAs('agency', needsOf('agency'), put)).resolves.toBeDefined();
  });

  it('refuses the idempotency table to a unit without an idempotent route', async () => {
    const idempotencyTable = process.env.IDEMPOTENCY_TABLE_NAME ?? '';
    const getRecord = () =>
      documentClient.send(new GetCommand({ TableName: idempotencyTable, Key: { id: 'none' } }));

    await expect(runAs('agency', needsOf('agency'), getRecord)).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    await expect(runAs('payments', needsOf('payments'), getRecord)).resolves.toBeDefined();
  });
});

describe('dispatch inside a unit', () => {
  it('answers a route key the unit does not serve with 404 in the API error shape', async () => {
    const other = routes.find((route) => route.unit !== 'catalog');
    if (other === undefined) throw new Error('every route is the catalog’s');
    const event = {
      version: '2.0',
      routeKey: `${other.method} ${other.path}`,
      rawPath: other.path,
      rawQueryString: '',
      headers: {},
      isBase64Encoded: false,
      requestContext: { requestId: 'isolation', http: { method: other.method, path: other.path } },
    };

    const response = (await invokeUnit('catalog', event, lambdaContext({ id: 'catalog' }, 'isolation'))) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };

    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'route_not_found' } });
  });

  it('serves $default from the platform unit: 404, or 405 naming the methods a path takes', async () => {
    expect(fallbackRoute.unit).toBe('platform');

    const missing = await api.get('/no/such/route');
    const wrongMethod = await api.request('DELETE', '/packages');

    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'route_not_found' } });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('runs no job a schedule unit does not declare, so the run is retried and dead-lettered', async () => {
    await expect(
      invokeUnit('sweeps', { job: 'noSuchJob' }, lambdaContext({ id: 'sweeps' }, 'isolation')),
    ).rejects.toThrow(/no job "noSuchJob"/);
  });
});
