/**
 * A demo hospital system that receives Shifa's webhooks, as a hospital would
 * build one: it checks the signature with the snippet in
 * docs/hospital-webhooks.md, answers 200 at once, and handles each event id
 * once. It logs only the booking id and event type: never names or health
 * notes. It can be told to fail or to answer slowly, to watch retries:
 *   POST /_receiver/mode {"mode":"fail","times":3} | {"mode":"slow"} | {"mode":"ok"}
 *   GET  /_receiver/events   what it accepted, oldest first
 * Webhooks go to POST /hospitals/{hospitalId}/webhook.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// ---- the verification snippet of docs/hospital-webhooks.md, typed ----
export function verifyShifaSignature(
  header: string,
  rawBody: string,
  secret: string,
  toleranceSeconds = 300,
): boolean {
  const parts = header.split(',').map((part) => part.split('='));
  const t = Number(parts.find(([key]) => key === 't')?.[1]);
  const signatures = parts.filter(([key]) => key === 'v1').map(([, value]) => value ?? '');
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  return signatures.some((hex) => {
    const given = Buffer.from(hex, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
// ----

export type ReceiverMode = 'ok' | 'fail' | 'slow';

export type ReceivedEvent = {
  hospitalId: string;
  eventId: string;
  type: string;
  bookingId: string;
  at: string;
};

export type ReceiverRequest = {
  hospitalId: string;
  eventId: string | undefined;
  status: number;
  outcome: 'accepted' | 'duplicate' | 'failed_on_purpose' | 'bad_signature' | 'bad_request';
};

export type HospitalReceiver = {
  readonly url: string;
  urlFor(hospitalId: string): string;
  setMode(mode: ReceiverMode, options?: { times?: number }): void;
  /** Events accepted, each once, oldest first. */
  readonly received: readonly ReceivedEvent[];
  /** Every webhook request and how it was answered. */
  readonly requests: readonly ReceiverRequest[];
  close(): Promise<void>;
};

export type ReceiverOptions = {
  port?: number;
  /** The signing secrets the hospital's system holds (the demo reads them from the store). */
  secretsFor: (hospitalId: string) => Promise<readonly string[]>;
  /** How long a "slow" answer takes: longer than Shifa waits, so the attempt fails and is retried. */
  slowMs?: number;
  log?: (line: string) => void;
  /** Tests only: each accepted event with its headers, to check what a hospital receives. */
  onAccepted?: (event: { headers: IncomingMessage['headers']; body: unknown }) => void;
};

const MAX_BODY = 1024 * 1024;

async function readRaw(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

export async function startHospitalReceiver(options: ReceiverOptions): Promise<HospitalReceiver> {
  const log = options.log ?? (() => undefined);
  const slowMs = options.slowMs ?? 15_000;
  const received: ReceivedEvent[] = [];
  const requests: ReceiverRequest[] = [];
  const seen = new Set<string>();
  let mode: ReceiverMode = 'ok';
  let remaining = Number.POSITIVE_INFINITY;
  const sleeping = new Set<NodeJS.Timeout>();

  const takeMode = (): ReceiverMode => {
    if (mode === 'ok') return mode;
    const current = mode;
    remaining -= 1;
    if (remaining <= 0) mode = 'ok';
    return current;
  };

  const webhook = async (hospitalId: string, request: IncomingMessage, response: ServerResponse) => {
    const eventId = request.headers['shifa-event-id'];
    const id = typeof eventId === 'string' ? eventId : undefined;
    const record = (status: number, outcome: ReceiverRequest['outcome'], body: unknown) => {
      requests.push({ hospitalId, eventId: id, status, outcome });
      reply(response, status, body);
    };
    const raw = await readRaw(request);
    const current = takeMode();
    if (current === 'fail') {
      log(`[receiver] ${hospitalId}: failing on purpose (503)`);
      return record(503, 'failed_on_purpose', { error: 'this receiver is set to fail' });
    }
    if (current === 'slow') {
      await new Promise<void>((done) => {
        const timer = setTimeout(() => {
          sleeping.delete(timer);
          done();
        }, slowMs);
        sleeping.add(timer);
      });
    }
    const header = request.headers['shifa-signature'];
    const secrets = await options.secretsFor(hospitalId);
    if (
      raw === undefined ||
      typeof header !== 'string' ||
      !secrets.some((secret) => verifyShifaSignature(header, raw, secret))
    ) {
      log(`[receiver] ${hospitalId}: refused a request with a bad signature`);
      return record(400, 'bad_signature', { error: 'bad signature' });
    }
    let event: { id?: unknown; type?: unknown; data?: { bookingId?: unknown } };
    try {
      event = JSON.parse(raw) as typeof event;
    } catch {
      return record(400, 'bad_request', { error: 'not JSON' });
    }
    if (id === undefined || event.id !== id)
      return record(400, 'bad_request', { error: 'event id mismatch' });
    const key = `${hospitalId}\n${id}`;
    if (seen.has(key)) {
      log(
        `[receiver] ${hospitalId}: ${String(event.type)} for booking ${String(event.data?.bookingId)} again: already handled`,
      );
      return record(200, 'duplicate', { received: true, duplicate: true });
    }
    seen.add(key);
    received.push({
      hospitalId,
      eventId: id,
      type: String(event.type),
      bookingId: String(event.data?.bookingId),
      at: new Date().toISOString(),
    });
    log(`[receiver] ${hospitalId}: ${String(event.type)} for booking ${String(event.data?.bookingId)}`);
    options.onAccepted?.({ headers: request.headers, body: event });
    return record(200, 'accepted', { received: true });
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://receiver');
    const match = /^\/hospitals\/([a-z0-9-]{3,64})\/webhook$/.exec(url.pathname);
    const handle = async () => {
      if (request.method === 'POST' && match?.[1] !== undefined) return webhook(match[1], request, response);
      if (request.method === 'POST' && url.pathname === '/_receiver/mode') {
        const body = JSON.parse((await readRaw(request)) ?? '{}') as { mode?: unknown; times?: unknown };
        if (body.mode !== 'ok' && body.mode !== 'fail' && body.mode !== 'slow') {
          return reply(response, 400, { error: 'mode is one of ok, fail, slow' });
        }
        const times = typeof body.times === 'number' && body.times > 0 ? body.times : undefined;
        receiver.setMode(body.mode, times === undefined ? {} : { times });
        return reply(response, 200, { mode: body.mode, times: times ?? null });
      }
      if (request.method === 'GET' && url.pathname === '/_receiver/events')
        return reply(response, 200, received);
      return reply(response, 404, { error: 'no such route' });
    };
    handle().catch((error: unknown) => reply(response, 500, { error: String(error) }));
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const receiver: HospitalReceiver = {
    url,
    urlFor: (hospitalId) => `${url}/hospitals/${hospitalId}/webhook`,
    setMode(next, modeOptions = {}) {
      mode = next;
      remaining = modeOptions.times ?? Number.POSITIVE_INFINITY;
      log(
        `[receiver] mode ${next}${modeOptions.times === undefined ? '' : ` for the next ${modeOptions.times} requests`}`,
      );
    },
    received,
    requests,
    async close() {
      for (const timer of sleeping) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
  return receiver;
}
