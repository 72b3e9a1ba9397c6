/**
 * `npm start`: the whole marketplace on one machine. DynamoDB Local keeps its
 * data under .local-data/, the table is created from the same definition the
 * CDK app deploys, demo data is loaded, and the HTTP API serves the same
 * handlers as Lambda. Ctrl-C stops everything, Java included.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import type { Server } from 'node:http';
import { type DynamoDbLocal, LOCAL_AWS_ENV, startDynamoDbLocal } from './dynamodb-local';
import { persistentIssuer } from './issuer';
import { localConfig } from './local-config';
import { DATA_DIR, DYNAMODB_DIR, ISSUER_KEY_FILE, LOCK_FILE } from './paths';

type Lock = { pid: number; apiUrl: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock atomically; returns the running instance's lock if another one holds it. */
function takeLock(lock: Lock): Lock | undefined {
  mkdirSync(DATA_DIR, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(LOCK_FILE, 'wx');
      writeSync(fd, JSON.stringify(lock));
      closeSync(fd);
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: Lock | undefined;
      try {
        holder = JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as Lock;
      } catch {
        holder = undefined;
      }
      if (holder !== undefined && isAlive(holder.pid)) return holder;
      rmSync(LOCK_FILE, { force: true }); // left behind by a run that was killed
    }
  }
  throw new Error(`could not take ${LOCK_FILE}`);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
}

async function main(): Promise<void> {
  const config = localConfig(process.env);
  const apiUrl = `http://localhost:${config.port}`;
  const holder = takeLock({ pid: process.pid, apiUrl });
  if (holder !== undefined) {
    console.error(
      `Shifa is already running (pid ${holder.pid}) at ${holder.apiUrl}.\n` +
        `Use that one, or stop it (Ctrl-C in its terminal, or kill ${holder.pid}) before starting again.`,
    );
    process.exit(1);
  }

  let dynamo: DynamoDbLocal | undefined;
  let server: Server | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Shifa…');
    await new Promise<void>((done) => (server === undefined ? done() : server.close(() => done())));
    server?.closeAllConnections();
    await dynamo?.stop();
    rmSync(LOCK_FILE, { force: true });
    console.log('Stopped: HTTP API, DynamoDB Local.');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // Last resort if the process dies another way: never leave Java running.
  process.on('exit', () => {
    if (dynamo?.pid !== undefined && isAlive(dynamo.pid)) process.kill(dynamo.pid, 'SIGKILL');
    if (!stopping) rmSync(LOCK_FILE, { force: true });
  });

  try {
    console.log('Starting DynamoDB Local…');
    dynamo = await startDynamoDbLocal({ port: config.dynamoDbPort, dataDir: DYNAMODB_DIR });
    Object.assign(process.env, LOCAL_AWS_ENV, {
      TABLE_NAME: config.tableName,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      POWERTOOLS_LOG_LEVEL: config.logLevel,
    });

    // Imported only now: storage reads its configuration from the environment set above.
    const [{ ensureTable }, { dynamoDb }, { loadDemoData }, { createApiServer }] = await Promise.all([
      import('@shifa/store/admin'),
      import('@shifa/store'),
      import('./demo/load'),
      import('./api-server'),
    ]);
    const created = await ensureTable(dynamoDb, config.tableName);
    const demo = await loadDemoData(new Date().toISOString().slice(0, 10));

    const issuer = await persistentIssuer(ISSUER_KEY_FILE);
    server = createApiServer({
      issuer,
      onRequest: ({ method, path, status, ms }) => console.log(`${method} ${path} → ${status} (${ms} ms)`),
    });
    await listen(server, config.port);

    console.log(
      [
        '',
        'Shifa is running.',
        `  HTTP API         ${apiUrl}   (try ${apiUrl}/packages)`,
        `  DynamoDB Local   ${dynamo.endpoint}   table "${config.tableName}" ${created ? 'created' : 'reused'}, data in .local-data/dynamodb`,
        `  Demo data        ${demo.packages} packages, ${demo.departures} departures (${demo.written} items new, ${demo.present} already there)`,
        `  Sign-in          local issuer; demo users: npm run token -- --list; a token: npm run token -- aigerim@example.kz`,
        '',
        'Press Ctrl-C to stop everything.',
      ].join('\n'),
    );
  } catch (error) {
    const message =
      (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? `port ${config.port} is taken by another program; set PORT to a free port, e.g. PORT=3001 npm start`
        : error instanceof Error
          ? error.message
          : String(error);
    console.error(`Shifa could not start: ${message}`);
    await stop(1);
  }
}

await main();
