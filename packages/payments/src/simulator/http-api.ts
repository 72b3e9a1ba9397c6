/**
 * The simulator's HTTP face. `/v1/*` speaks Stripe's API as stripe-node and
 * Stripe.js send it (form-encoded bodies, Bearer keys, Idempotency-Key,
 * Stripe-Version) and answers in Stripe's JSON; `/_simulator/*` lets people and
 * browser tests drive what only Stripe could do (the clock, 3-D Secure, webhooks).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import type { Access, AuthenticationOutcome, RequestContext, StripeEngine } from './engine';
import { ApiError, apiErrors, type StripeErrorBody } from './errors';
import { type Fault, FaultInputError, type FaultSet, faultError } from './faults';
import { FormError, type FormObject, parseForm } from './form';
import { type Json, newId } from './objects';
import type { DeliverySettings, WebhookSender } from './webhook-sender';

export type RecordedRequest = {
  requestId: string;
  method: string;
  path: string;
  idempotencyKey: string | null;
  stripeVersion: string | null;
  access: Access | null;
  params: FormObject;
  status: number;
  replayed: boolean;
  /** The fault the request met, if any; with drop, `status` is the answer that was never sent. */
  fault: Pick<Fault, 'id' | 'status' | 'delayMs' | 'drop'> | null;
  /** Unix milliseconds, real time. */
  at: number;
};

export type SimulatorKeys = { secretKey: string; publishableKey: string };

/** An answer; `drop` resets the connection instead of sending it. */
type Reply = { status: number; body: string; headers: Record<string, string>; drop?: true };

type Handler = (params: FormObject, access: Access, context: RequestContext, id: string) => Json;
type Route = { method: 'GET' | 'POST'; pattern: RegExp; publishable: boolean; handler: Handler };

const MAX_BODY_BYTES = 1_048_576;
const IDEMPOTENCY_LIMIT = 10_000;
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export const DeliverySettingsInput = z.strictObject({
  delayMs: z.number().int().min(0).max(60_000).optional(),
  duplicates: z.boolean().optional(),
  failFirstDeliveries: z.number().int().min(0).max(50).optional(),
  reorder: z.boolean().optional(),
});
export type DeliverySettingsInput = z.infer<typeof DeliverySettingsInput>;

const ClockInput = z.strictObject({
  advanceSeconds: z
    .number()
    .int()
    .min(0)
    .max(10 * 365 * 86_400),
});
const TargetInput = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).nullable(),
  enabledEvents: z.array(z.string().min(1).max(100)).max(100).optional(),
});
const AuthenticateInput = z.strictObject({ outcome: z.enum(['succeed', 'fail']) });
const RefundFailureInput = z.strictObject({
  failureReason: z.enum(['expired_or_canceled_card', 'lost_or_stolen_card', 'unknown']).optional(),
});

type StoredResult = {
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
  createdAt: number;
};

export class SimulatorHttpApi {
  readonly requests: RecordedRequest[] = [];
  private readonly idempotent = new Map<string, StoredResult>();
  /** Keys whose first request is still running (it can take a while when a fault delays it). */
  private readonly inProgress = new Set<string>();
  private readonly routes: Route[];

  constructor(
    private readonly engine: StripeEngine,
    private readonly sender: WebhookSender,
    private readonly keys: SimulatorKeys,
    private readonly apiVersion: string,
    private readonly logLimit: number,
    private readonly applySettings: (input: DeliverySettingsInput) => DeliverySettings,
    private readonly setTarget: (url: string | null, enabledEvents?: string[]) => void,
    private readonly faults: FaultSet,
  ) {
    const e = this.engine;
    this.routes = [
      {
        method: 'POST',
        pattern: /^\/v1\/payment_intents$/,
        publishable: false,
        handler: (p, _a, c) => e.createPaymentIntent(p, c),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/payment_intents\/([^/]+)$/,
        publishable: true,
        handler: (p, a, _c, id) => e.retrievePaymentIntent(id, p, a),
      },
      {
        method: 'POST',
        pattern: /^\/v1\/payment_intents\/([^/]+)\/confirm$/,
        publishable: true,
        handler: (p, a, c, id) => e.confirmPaymentIntent(id, p, a, c),
      },
      {
        method: 'POST',
        pattern: /^\/v1\/payment_intents\/([^/]+)\/capture$/,
        publishable: false,
        handler: (p, _a, c, id) => e.capturePaymentIntent(id, p, c),
      },
      {
        method: 'POST',
        pattern: /^\/v1\/payment_intents\/([^/]+)\/cancel$/,
        publishable: false,
        handler: (p, _a, c, id) => e.cancelPaymentIntent(id, p, c),
      },
      {
        method: 'POST',
        pattern: /^\/v1\/refunds$/,
        publishable: false,
        handler: (p, _a, c) => e.createRefund(p, c),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/refunds$/,
        publishable: false,
        handler: (p) => e.listRefunds(p),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/refunds\/([^/]+)$/,
        publishable: false,
        handler: (p, _a, _c, id) => e.retrieveRefund(id, p),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/charges\/([^/]+)$/,
        publishable: false,
        handler: (p, _a, _c, id) => e.retrieveCharge(id, p),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/payment_methods\/([^/]+)$/,
        publishable: false,
        handler: (p, _a, _c, id) => e.retrievePaymentMethod(id, p),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/events\/([^/]+)$/,
        publishable: false,
        handler: (p, _a, _c, id) => e.retrieveEvent(id, p),
      },
    ];
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      const url = new URL(request.url ?? '/', 'http://simulator.invalid');
      const method = request.method ?? 'GET';
      if (method === 'OPTIONS') {
        reply = { status: 204, body: '', headers: {} };
      } else {
        const body = await readBody(request);
        if (url.pathname.startsWith('/v1/')) reply = await this.api(method, url, body, request);
        else if (url.pathname === '/_simulator' || url.pathname.startsWith('/_simulator/')) {
          reply = this.control(method, url, body, request.headers['content-type']);
        } else reply = json(404, { error: { type: 'invalid_request_error', message: 'Not found' } });
      }
    } catch (error) {
      reply =
        error instanceof BodyTooLarge
          ? errorReply(
              new ApiError(413, { type: 'invalid_request_error', message: 'Request body too large.' }),
            )
          : errorReply(
              new ApiError(500, { type: 'api_error', message: `Simulator error: ${String(error)}` }),
            );
    }
    if (reply.drop === true) {
      // As when the answer is lost on the way back: the client sees the connection reset (ECONNRESET).
      request.socket.resetAndDestroy();
      return;
    }
    response.writeHead(reply.status, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers':
        'Authorization, Content-Type, Idempotency-Key, Stripe-Version, Stripe-Account',
      'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
      'Access-Control-Expose-Headers':
        'Request-Id, Stripe-Version, Idempotency-Key, Idempotent-Replayed, Original-Request',
      'Cache-Control': 'no-cache, no-store',
      ...reply.headers,
    });
    response.end(reply.body);
  }

  // ---- /v1: Stripe's API ----------------------------------------------------

  private async api(method: string, url: URL, body: string, request: IncomingMessage): Promise<Reply> {
    const requestId = newId('req');
    const idempotencyKey = method === 'POST' ? (header(request, 'idempotency-key') ?? null) : null;
    const stripeVersion = header(request, 'stripe-version') ?? null;
    const fault = this.faults.take(method, url.pathname);
    const record: RecordedRequest = {
      requestId,
      method,
      path: url.pathname,
      idempotencyKey,
      stripeVersion,
      access: null,
      params: {},
      status: 0,
      replayed: false,
      fault:
        fault === undefined
          ? null
          : { id: fault.id, status: fault.status, delayMs: fault.delayMs, drop: fault.drop },
      at: Date.now(),
    };
    const finish = (reply: Reply): Reply => {
      record.status = reply.status;
      this.remember(record);
      reply.headers['Request-Id'] = requestId;
      reply.headers['Stripe-Version'] = stripeVersion ?? this.apiVersion;
      if (idempotencyKey !== null) reply.headers['Idempotency-Key'] = idempotencyKey;
      // Stripe tells its libraries not to repeat a request it refused; a 409 (the key is busy) is worth repeating.
      if (reply.status >= 400 && reply.status < 500 && reply.status !== 409 && fault?.status == null) {
        reply.headers['Stripe-Should-Retry'] = 'false';
      }
      return reply;
    };

    if (fault !== undefined && fault.status !== null) {
      if (fault.delayMs !== null && !(await this.faults.sleep(fault.delayMs))) return CLOSED;
      // An outage in front of the API: the endpoint never began, so nothing is applied and no
      // idempotent result is saved, and a retry with the same key runs the request afresh. Stripe saves a
      // key's result "only after the execution of an endpoint begins" (https://docs.stripe.com/idempotency),
      // and replays a 500 that happened after that; these faults model the failures before it.
      return finish(errorReply(new ApiError(fault.status, faultError({ ...fault, status: fault.status }))));
    }

    const decision = this.decide(method, url, body, request, record, idempotencyKey, requestId);
    const locked = typeof decision === 'function' && idempotencyKey !== null;
    if (locked) this.inProgress.add(idempotencyKey);
    let reply: Reply;
    try {
      if (fault?.delayMs != null && !(await this.faults.sleep(fault.delayMs))) return CLOSED;
      reply = typeof decision === 'function' ? decision() : decision;
    } finally {
      if (locked) this.inProgress.delete(idempotencyKey);
    }
    reply = finish(reply);
    // The request was carried out (and its idempotent result saved); only the answer is lost.
    if (fault?.drop === true) reply.drop = true;
    return reply;
  }

  /** Either the answer without running the endpoint (a refusal, a replay), or the run of the endpoint. */
  private decide(
    method: string,
    url: URL,
    body: string,
    request: IncomingMessage,
    record: RecordedRequest,
    idempotencyKey: string | null,
    requestId: string,
  ): Reply | (() => Reply) {
    let params: FormObject;
    try {
      params = parseForm(method === 'POST' ? body : url.search.slice(1));
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      return errorReply(
        new ApiError(400, { type: 'invalid_request_error', message: `Invalid request: ${error.message}` }),
      );
    }
    const credential = this.credential(request, params);
    record.params = params;
    const stripeVersion = record.stripeVersion;
    if (stripeVersion !== null && !/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(stripeVersion)) {
      return errorReply(
        new ApiError(400, {
          type: 'invalid_request_error',
          message: `Invalid Stripe API version: ${stripeVersion.slice(0, 40)}`,
        }),
      );
    }

    const route = this.routes.find(
      (candidate) => candidate.method === method && candidate.pattern.test(url.pathname),
    );
    const access = this.authenticate(credential);
    if (typeof access !== 'string') return access;
    record.access = access;
    if (route === undefined) return errorReply(apiErrors.unrecognizedUrl(method, url.pathname));
    if (access === 'publishable' && !route.publishable) {
      return errorReply(
        new ApiError(401, {
          type: 'invalid_request_error',
          message: 'This API call cannot be made with a publishable API key. Please use a secret API key.',
        }),
      );
    }
    const id = decodeURIComponent(route.pattern.exec(url.pathname)?.[1] ?? '');

    const fingerprint = `${method} ${url.pathname} ${stableJson(params)}`;
    if (idempotencyKey !== null) {
      if (idempotencyKey.length > 255) {
        return errorReply(
          new ApiError(400, {
            type: 'invalid_request_error',
            message: 'Invalid Idempotency-Key: it must be at most 255 characters long.',
          }),
        );
      }
      const stored = this.storedResult(idempotencyKey);
      if (stored !== undefined) {
        if (stored.fingerprint !== fingerprint) {
          return errorReply(
            new ApiError(400, {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey.slice(0, 80)}' if you meant to execute a different request.`,
            }),
          );
        }
        record.replayed = true;
        return {
          status: stored.status,
          body: stored.body,
          headers: {
            'Content-Type': 'application/json',
            'Idempotent-Replayed': 'true',
            'Original-Request': stored.requestId,
          },
        };
      }
      if (this.inProgress.has(idempotencyKey)) {
        // The first request with this key is still running: nothing is saved for this one, which may be
        // retried (https://docs.stripe.com/idempotency: a request that "conflicts with another that's
        // executing concurrently" saves no result). stripe-node retries a 409 by itself.
        return errorReply(
          new ApiError(409, {
            type: 'invalid_request_error',
            code: 'idempotency_key_in_use',
            message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${idempotencyKey.slice(0, 80)}. Please try again later.`,
          }),
        );
      }
    }

    return () => {
      const context: RequestContext = { requestId, idempotencyKey };
      let reply: Reply;
      let save = true;
      try {
        reply = json(
          200,
          this.engineCall(() => route.handler(params, access, context, id)),
        );
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        reply = errorReply(error);
        save = error.saveForIdempotency;
      }
      // Stripe saves the status and body of the first request with a key once its endpoint has begun,
      // errors included, and answers every later request with the same key and parameters from it for
      // at least 24 hours (https://docs.stripe.com/idempotency).
      if (idempotencyKey !== null && save) {
        this.idempotent.set(idempotencyKey, {
          fingerprint,
          status: reply.status,
          body: reply.body,
          requestId,
          createdAt: this.engine.now(),
        });
        if (this.idempotent.size > IDEMPOTENCY_LIMIT) {
          const oldest = this.idempotent.keys().next();
          if (oldest.done !== true) this.idempotent.delete(oldest.value);
        }
      }
      return reply;
    };
  }

  private engineCall(call: () => Json): Json {
    // Authorisations lapse and refunds settle with time, whether or not anyone asks: catch up first.
    this.engine.catchUp();
    return call();
  }

  private storedResult(key: string): StoredResult | undefined {
    const stored = this.idempotent.get(key);
    if (stored === undefined) return undefined;
    if (stored.createdAt + IDEMPOTENCY_TTL_SECONDS <= this.engine.now()) {
      this.idempotent.delete(key);
      return undefined;
    }
    return stored;
  }

  /** The key from `Authorization: Bearer …` (stripe-node), Basic auth (curl -u), or a `key` parameter (Stripe.js). */
  private credential(request: IncomingMessage, params: FormObject): string | undefined {
    const authorization = header(request, 'authorization');
    const fromBody = params.key;
    delete params.key;
    if (authorization !== undefined) {
      const [scheme, value = ''] = authorization.split(' ', 2);
      if (scheme?.toLowerCase() === 'bearer') return value.trim();
      if (scheme?.toLowerCase() === 'basic')
        return Buffer.from(value, 'base64').toString('utf8').split(':')[0] ?? '';
      return '';
    }
    return typeof fromBody === 'string' ? fromBody : undefined;
  }

  private authenticate(key: string | undefined): Access | Reply {
    if (key === this.keys.secretKey) return 'secret';
    if (key === this.keys.publishableKey) return 'publishable';
    const message =
      key === undefined || key === ''
        ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/."
        : `Invalid API Key provided: ${redact(key)}`;
    const reply = errorReply(new ApiError(401, { type: 'invalid_request_error', message }));
    reply.headers['WWW-Authenticate'] = 'Bearer realm="Stripe"';
    return reply;
  }

  private remember(record: RecordedRequest): void {
    this.requests.push(record);
    if (this.requests.length > this.logLimit) this.requests.splice(0, this.requests.length - this.logLimit);
  }

  // ---- /_simulator: what only Stripe could do ---------------------------------

  private control(method: string, url: URL, body: string, contentType: string | undefined): Reply {
    const path = url.pathname.replace(/\/$/, '');
    const input = (): unknown => readControlBody(body, contentType);
    try {
      if (method === 'GET' && path === '/_simulator') {
        return json(200, {
          publishableKey: this.keys.publishableKey,
          apiVersion: this.apiVersion,
          now: this.engine.now(),
          webhookTarget: this.sender.target?.url ?? null,
          settings: this.sender.settings,
        });
      }
      if (path === '/_simulator/config') {
        if (method === 'POST')
          return json(200, this.applySettings(parseInput(DeliverySettingsInput, input())));
        if (method === 'GET') return json(200, this.sender.settings);
      }
      if (path === '/_simulator/clock') {
        if (method === 'POST') {
          const { advanceSeconds } = parseInput(ClockInput, input());
          return json(200, { now: this.engine.advanceClock(advanceSeconds) });
        }
        if (method === 'GET') return json(200, { now: this.engine.now() });
      }
      if (path === '/_simulator/webhook-target' && method === 'POST') {
        const { url: target, enabledEvents } = parseInput(TargetInput, input());
        this.setTarget(target, enabledEvents);
        return json(200, { url: target });
      }
      if (path === '/_simulator/faults') {
        if (method === 'POST') return json(201, this.faults.add(input()));
        if (method === 'GET') return json(200, { data: this.faults.list() });
        if (method === 'DELETE') return json(200, { deleted: this.faults.clear() });
      }
      if (method === 'GET' && path === '/_simulator/deliveries') return json(200, { data: this.sender.log });
      if (method === 'GET' && path === '/_simulator/requests') return json(200, { data: this.requests });
      if (method === 'GET' && path === '/_simulator/events') return json(200, { data: this.engine.events });
      const threeDs = /^\/_simulator\/3ds\/([^/]+)$/.exec(path);
      if (method === 'GET' && threeDs !== null)
        return html(200, challengePage(decodeURIComponent(threeDs[1] ?? '')));
      if (method === 'POST' && path === '/_simulator/refunds/settle') {
        return json(200, { settled: this.engine.settleRefunds(true) });
      }
      const failRefund = /^\/_simulator\/payment_intents\/([^/]+)\/fail_next_refund$/.exec(path);
      if (method === 'POST' && failRefund !== null) {
        const id = decodeURIComponent(failRefund[1] ?? '');
        const { failureReason = 'expired_or_canceled_card' } = parseInput(RefundFailureInput, input());
        this.engine.failNextRefund(id, failureReason);
        return json(200, { paymentIntent: id, failureReason });
      }
      const authenticate = /^\/_simulator\/payment_intents\/([^/]+)\/authenticate$/.exec(path);
      if (method === 'POST' && authenticate !== null) {
        const id = decodeURIComponent(authenticate[1] ?? '');
        const { outcome } = parseInput(AuthenticateInput, input());
        return this.authenticate3ds(id, outcome, contentType);
      }
      return json(404, { error: { message: `No simulator control at ${method} ${path}` } });
    } catch (error) {
      if (error instanceof ControlInputError || error instanceof FaultInputError) {
        return json(400, { error: { message: error.message } });
      }
      if (error instanceof ApiError) return errorReply(error);
      throw error;
    }
  }

  private authenticate3ds(
    id: string,
    outcome: AuthenticationOutcome,
    contentType: string | undefined,
  ): Reply {
    const intent = this.engineCall(() =>
      this.engine.authenticate(id, outcome, { requestId: null, idempotencyKey: null }),
    );
    const returnUrl = this.engine.returnUrlAfterAuthentication(id);
    const fromPage = (contentType ?? '').startsWith('application/x-www-form-urlencoded');
    if (!fromPage) return json(200, intent);
    if (returnUrl === undefined)
      return html(200, '<!doctype html><title>3-D Secure</title><p>Authentication finished.</p>');
    const back = new URL(returnUrl);
    const secret =
      typeof intent === 'object' && intent !== null && !Array.isArray(intent) ? intent.client_secret : null;
    back.searchParams.set('payment_intent', id);
    if (typeof secret === 'string') back.searchParams.set('payment_intent_client_secret', secret);
    back.searchParams.set('redirect_status', outcome === 'succeed' ? 'succeeded' : 'failed');
    return { status: 303, body: '', headers: { Location: back.toString() } };
  }
}

/** The simulator closed while a request waited: the connection goes without an answer. */
const CLOSED: Reply = { status: 0, body: '', headers: {}, drop: true };

class BodyTooLarge extends Error {}
class ControlInputError extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function readControlBody(body: string, contentType: string | undefined): unknown {
  if (body.trim() === '') return {};
  // `curl -d '{…}'` labels JSON as a form: a body that opens with a brace is read as the JSON it is.
  const form = (contentType ?? '').startsWith('application/x-www-form-urlencoded');
  if (form && !body.trimStart().startsWith('{')) {
    try {
      return parseForm(body);
    } catch (error) {
      throw new ControlInputError(error instanceof Error ? error.message : 'unreadable form');
    }
  }
  try {
    return JSON.parse(body);
  } catch {
    throw new ControlInputError('send a JSON body');
  }
}

function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ControlInputError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; '),
    );
  }
  return parsed.data;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function json(status: number, body: unknown): Reply {
  return { status, body: JSON.stringify(body, null, 2), headers: { 'Content-Type': 'application/json' } };
}

function html(status: number, body: string): Reply {
  return { status, body, headers: { 'Content-Type': 'text/html; charset=utf-8' } };
}

function errorReply(error: ApiError): Reply {
  const body: { error: StripeErrorBody } = { error: error.body };
  return json(error.status, body);
}

/** Stripe shows the first characters and the last four of a key it refuses. */
function redact(key: string): string {
  const shown = key.slice(0, Math.min(8, key.length));
  return key.length <= 12
    ? `${shown}****`
    : `${shown}${'*'.repeat(Math.min(key.length - 12, 24))}${key.slice(-4)}`;
}

/** Parameters in a canonical order, so a replay matches whatever order the client sent them in. */
function stableJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page a cardholder's bank would show; its buttons answer the challenge. */
function challengePage(id: string): string {
  const action = `/_simulator/payment_intents/${encodeURIComponent(id)}/authenticate`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>3-D Secure test page</title></head>
<body>
<h1>3-D Secure 2 test page</h1>
<p>Payment <code>${escapeHtml(id)}</code> asks the cardholder to authenticate.</p>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="outcome" value="succeed"><button id="complete" type="submit">Complete authentication</button></form>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="outcome" value="fail"><button id="fail" type="submit">Fail authentication</button></form>
</body></html>`;
}
