/**
 * A throw-away Shifa for the browser tests (and for trying the web app while
 * `npm start` is busy elsewhere): DynamoDB Local in memory on a free port, the
 * Stripe simulator, the demo data, and the local HTTP server with the built web
 * app and its /_local/ endpoints, as `npm start` wires them, but sharing no
 * files with it. `npx tsx web/e2e/stack.ts` runs one until Ctrl-C.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_USERS } from '@shifa/local/demo/users';
import { LOCAL_AWS_ENV, startDynamoDbLocal } from '@shifa/local/dynamodb-local';
import { ephemeralIssuer } from '@shifa/local/issuer';
import { createLocalEndpoints } from '@shifa/local/local-endpoints';
import { createStripeSimulator } from '@shifa/payments/simulator';

export type Stack = {
  url: string;
  /** Where the browser confirms card payments, as the web app is told. */
  payments: { apiUrl: string; publishableKey: string };
  /** An ID token for a demo user, from the issuer the server trusts: for tests that prepare data through the API. */
  idToken(userId: string): Promise<string>;
  stop(): Promise<void>;
};

export async function startStack(options: { port?: number; staticDir: string }): Promise<Stack> {
  const dynamo = await startDynamoDbLocal({ port: 0 });
  const simulator = await createStripeSimulator({ port: 0 });
  let server: Server | undefined;
  // Last resort if the test process dies without running its teardown: never leave Java behind.
  const killJava = () => {
    if (dynamo.pid === undefined) return;
    try {
      process.kill(dynamo.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killJava);
  const stop = async () => {
    server?.closeAllConnections();
    await new Promise((done) => (server === undefined ? done(undefined) : server.close(done)));
    await simulator.close();
    await dynamo.stop();
    process.off('exit', killJava);
  };
  try {
    Object.assign(process.env, LOCAL_AWS_ENV, {
      TABLE_NAME: `web-e2e-${randomUUID()}`,
      IDEMPOTENCY_TABLE_NAME: `web-e2e-idem-${randomUUID()}`,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      HEALTH_NOTES_KEY: randomBytes(32).toString('base64'),
      POWERTOOLS_LOG_LEVEL: process.env.LOG_LEVEL ?? 'SILENT',
      STRIPE_SECRET_KEY: simulator.secretKey,
      STRIPE_WEBHOOK_SECRET: simulator.webhookSecret,
      STRIPE_API_URL: simulator.url,
    });
    // Imported only now: storage and handlers read their settings from the environment at load.
    const [{ ensureTable, createIdempotencyTableInput }, { dynamoDb, tableName }, { loadDemoData }, api] =
      await Promise.all([
        import('@shifa/store/admin'),
        import('@shifa/store'),
        import('@shifa/local/demo'),
        import('@shifa/local/api-server'),
      ]);
    const idempotencyTable = process.env.IDEMPOTENCY_TABLE_NAME ?? '';
    await ensureTable(dynamoDb, tableName);
    await ensureTable(dynamoDb, idempotencyTable, createIdempotencyTableInput(idempotencyTable));
    await loadDemoData(new Date().toISOString().slice(0, 10));

    const issuer = await ephemeralIssuer();
    server = api.createApiServer({
      issuer,
      staticDir: options.staticDir,
      localEndpoints: createLocalEndpoints({
        issuer,
        payments: { provider: 'simulator', apiUrl: simulator.url, publishableKey: simulator.publishableKey },
      }),
    });
    server.listen(options.port ?? 0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    simulator.setWebhookTarget(`${url}/payments/stripe/webhook`);
    const idToken = async (userId: string) => {
      const user = DEMO_USERS.find((candidate) => candidate.id === userId);
      if (user === undefined) throw new Error(`no demo user "${userId}"`);
      return issuer.sign(user);
    };
    return {
      url,
      payments: { apiUrl: simulator.url, publishableKey: simulator.publishableKey },
      idToken,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { WEB_DIST, ensureWebApp } = await import('@shifa/local/web-app');
  await ensureWebApp((line) => console.log(line));
  const stack = await startStack({ port: Number(process.env.PORT ?? 3100), staticDir: WEB_DIST });
  console.log(`Shifa (throw-away) at ${stack.url}/ — Ctrl-C stops it`);
  const stop = () => void stack.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
