/**
 * The local stand-in for API Gateway (HTTP API, payload format 2.0). It turns
 * each HTTP request into the event API Gateway would send, invokes the very
 * unit module the CDK app deploys for that route's deployment unit (as that
 * unit: its settings, its grants), and writes its result back as API Gateway
 * would. Requests no route matches go to the `$default` route's unit, as on AWS.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  routes as declaredRoutes,
  fallbackRoute,
  type RouteDeclaration,
  routeKeyOf,
  throttleOf,
} from '@shifa/functions/routes';
import { matchRoute } from '@shifa/http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { LocalIssuer } from './issuer';
import type { LocalEndpoints } from './local-endpoints';
import { LOCAL_PREFIX } from './local-web-api';
import { serveStatic } from './static-files';
import { invokeUnit } from './units';

/** A function as Lambda names it in its context: the unit's, or an event target's id. */
type Invocable = { readonly id: string };

/** API Gateway refuses payloads over 10 MB. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/**
 * A unit's timeout on AWS (ShifaFunction's default), which its handler's context counts down from.
 * LOCAL_FUNCTION_TIMEOUT_MS overrides it: the tests set it longer, because a machine running many
 * test files at once is slow for reasons no deployed function meets, and no test times a handler.
 */
const functionTimeoutMs = (): number => {
  const configured = Number(process.env.LOCAL_FUNCTION_TIMEOUT_MS);
  return Number.isInteger(configured) && configured > 0 ? configured : 10_000;
};

const TEXT_TYPES = [
  /^text\//,
  /^application\/(.+\+)?json\b/,
  /^application\/(.+\+)?xml\b/,
  /^application\/x-www-form-urlencoded\b/,
  /^application\/javascript\b/,
];

const isText = (contentType: string | undefined) =>
  contentType === undefined || TEXT_TYPES.some((pattern) => pattern.test(contentType.toLowerCase()));

/** API Gateway's request time format: 23/Nov/2026:13:20:49 +0000. */
function requestTime(now: Date): string {
  const month = now.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(now.getUTCDate())}/${month}/${now.getUTCFullYear()}:${pad(now.getUTCHours())}:${pad(
    now.getUTCMinutes(),
  )}:${pad(now.getUTCSeconds())} +0000`;
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return 'too_large';
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function toApiGatewayEvent(input: {
  request: IncomingMessage;
  body: Buffer;
  routeKey: string;
  pathParameters: Record<string, string> | undefined;
  requestId: string;
  now: Date;
}): APIGatewayProxyEventV2 {
  const { request, body, now } = input;
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  }
  const cookies = request.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .filter(Boolean);
  const method = request.method ?? 'GET';
  const contentType = headers['content-type'];
  const text = isText(contentType);
  return {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookies === undefined || cookies.length === 0 ? {} : { cookies }),
    headers,
    ...(Object.keys(query).length === 0 ? {} : { queryStringParameters: query }),
    ...(input.pathParameters === undefined || Object.keys(input.pathParameters).length === 0
      ? {}
      : { pathParameters: input.pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: input.requestId,
      routeKey: input.routeKey,
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(body.length === 0 ? {} : { body: text ? body.toString('utf8') : body.toString('base64') }),
    isBase64Encoded: body.length > 0 && !text,
  };
}

export function lambdaContext(route: Invocable, requestId: string): Context {
  const deadline = Date.now() + functionTimeoutMs();
  const unsupported = () => {
    throw new Error('callback-style completion is not supported; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: `shifa-${route.id}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:shifa-${route.id}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/shifa-${route.id}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

function send(response: ServerResponse, requestId: string, result: APIGatewayProxyResultV2): void {
  // A bare string or object result is what API Gateway treats as a 200 JSON body.
  if (typeof result === 'string' || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    response.writeHead(200, { 'content-type': 'application/json', 'apigw-requestid': requestId });
    response.end(body);
    return;
  }
  const headers: Record<string, string | string[]> = { 'apigw-requestid': requestId };
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.cookies !== undefined && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  const body =
    result.body === undefined
      ? Buffer.alloc(0)
      : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body);
}

function gatewayError(response: ServerResponse, requestId: string, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'apigw-requestid': requestId });
  response.end(JSON.stringify({ message }));
}

/** The local issuer's public keys; on AWS, Cognito publishes its own. */
export const JWKS_PATH = '/.well-known/jwks.json';

/** The authorizer takes the token from Authorization, with or without the Bearer prefix. */
async function verifyBearer(
  issuer: LocalIssuer,
  header: string | undefined,
): Promise<Record<string, string> | undefined> {
  const token = header?.replace(/^Bearer\s+/i, '').trim();
  if (token === undefined || token === '') return undefined;
  return issuer.verify(token);
}

export type ApiServerOptions = {
  /** Verifies bearer tokens on every route that is not public, as the JWT authorizer does on AWS. */
  issuer: LocalIssuer;
  routes?: readonly RouteDeclaration[];
  /** Called once per request after it is answered; for the start script's console. */
  onRequest?: (line: { method: string; path: string; status: number; ms: number }) => void;
  /**
   * Checks each response a handler gives (not API Gateway's own) before it is sent; a returned
   * problem is answered as a 500 naming it instead. Tests use it to hold every response to the API's
   * documented schemas; `npm start` does not.
   */
  checkResponse?: (response: HandlerResponse) => string | undefined;
  /**
   * `npm start` only: a folder (the built web app) served for GET requests that no API route matches,
   * outside /_local/; browsers navigating to any other unknown path get its index.html.
   */
  staticDir?: string;
  /** `npm start` only, never on AWS: /config.json and the endpoints under /_local/ (demo sign-in). */
  localEndpoints?: LocalEndpoints;
  /**
   * Throttle each route as API Gateway's stage does (routes.ts THROTTLE_CLASSES), answering 429.
   * `npm start` does; the tests and the bench, which measure the handlers, do not unless asked.
   */
  throttle?: boolean;
};

/**
 * API Gateway's throttle, per route over all callers: a token bucket of `burstLimit` tokens refilled
 * at `rateLimit` a second. Returns the seconds to wait when the bucket is empty.
 */
export function routeThrottle(now: () => number = performance.now.bind(performance)) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (route: RouteDeclaration): number | undefined => {
    const { rateLimit, burstLimit } = throttleOf(route);
    const key = routeKeyOf(route);
    const at = now();
    const bucket = buckets.get(key) ?? { tokens: burstLimit, at };
    bucket.tokens = Math.min(burstLimit, bucket.tokens + ((at - bucket.at) / 1000) * rateLimit);
    bucket.at = at;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rateLimit));
  };
}

export type HandlerResponse = {
  routeId: string;
  method: string;
  path: string;
  status: number;
  contentType: string | undefined;
  /** The body as text; empty when there is none. */
  body: string;
};

/** A handler's result as API Gateway reads it: a bare string or object is a 200 JSON body. */
function responseOf(result: APIGatewayProxyResultV2): Omit<HandlerResponse, 'routeId' | 'method' | 'path'> {
  if (typeof result === 'string' || !('statusCode' in result)) {
    return {
      status: 200,
      contentType: 'application/json',
      body: typeof result === 'string' ? result : JSON.stringify(result),
    };
  }
  const header = Object.entries(result.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type');
  const body =
    result.body === undefined
      ? ''
      : result.isBase64Encoded
        ? Buffer.from(result.body, 'base64').toString('utf8')
        : result.body;
  return {
    status: result.statusCode ?? 200,
    contentType: header === undefined ? undefined : String(header[1]),
    body,
  };
}

export function createApiServer(options: ApiServerOptions): Server {
  const routes = options.routes ?? declaredRoutes;
  const throttled = options.throttle === true ? routeThrottle() : () => undefined;
  return createServer(async (request, response) => {
    const started = performance.now();
    const requestId = randomUUID();
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    try {
      const body = await readBody(request);
      if (body === 'too_large') {
        gatewayError(response, requestId, 413, 'Request Entity Too Large');
        return;
      }
      if (method === 'GET' && path === JWKS_PATH) {
        response.writeHead(200, { 'content-type': 'application/json', 'apigw-requestid': requestId });
        response.end(JSON.stringify(options.issuer.jwks));
        return;
      }
      if (options.localEndpoints?.handles(path) === true) {
        const reply = await options.localEndpoints.handle({
          method,
          path,
          query: url.searchParams,
          contentType: request.headers['content-type'],
          body,
          remoteAddress: request.socket.remoteAddress,
        });
        response.writeHead(reply.status, {
          ...(reply.body === undefined ? {} : { 'content-type': 'application/json' }),
          'cache-control': 'no-store',
          'apigw-requestid': requestId,
          ...reply.headers,
        });
        response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
        return;
      }
      const match = matchRoute(routes, method, path);
      if (
        options.staticDir !== undefined &&
        match.kind === 'no_route' &&
        (method === 'GET' || method === 'HEAD') &&
        !path.startsWith(LOCAL_PREFIX) &&
        (await serveStatic(options.staticDir, request, response, path))
      ) {
        return;
      }
      const wait = match.kind === 'match' ? throttled(match.route) : undefined;
      if (wait !== undefined) {
        response.writeHead(429, {
          'content-type': 'application/json',
          'retry-after': String(wait),
          'apigw-requestid': requestId,
        });
        response.end(JSON.stringify({ message: 'Too Many Requests' }));
        return;
      }
      let claims: Record<string, string> | undefined;
      if (match.kind === 'match' && match.route.auth !== 'public') {
        claims = await verifyBearer(options.issuer, request.headers.authorization);
        if (claims === undefined) {
          // API Gateway's own answer when its JWT authorizer refuses a request.
          response.writeHead(401, {
            'content-type': 'application/json',
            'www-authenticate': 'Bearer',
            'apigw-requestid': requestId,
          });
          response.end(JSON.stringify({ message: 'Unauthorized' }));
          return;
        }
      }
      const unit = match.kind === 'match' ? match.route.unit : fallbackRoute.unit;
      const routeKey = match.kind === 'match' ? routeKeyOf(match.route) : '$default';
      const event = toApiGatewayEvent({
        request,
        body,
        routeKey,
        pathParameters: match.kind === 'match' ? match.pathParameters : undefined,
        requestId,
        now: new Date(),
      });
      if (claims !== undefined) {
        (event.requestContext as { authorizer?: unknown }).authorizer = { jwt: { claims, scopes: null } };
      }
      const result = (await invokeUnit(
        unit,
        event,
        lambdaContext({ id: unit }, requestId),
      )) as APIGatewayProxyResultV2;
      const routeId = match.kind === 'match' ? match.route.id : fallbackRoute.id;
      const problem = options.checkResponse?.({ routeId, method, path, ...responseOf(result) });
      if (problem !== undefined) {
        console.error(`[api] ${method} ${path}: ${problem}`);
        gatewayError(response, requestId, 500, problem);
        return;
      }
      send(response, requestId, result);
    } catch (error) {
      // What API Gateway answers when the function itself fails.
      console.error(`[api] ${method} ${path} failed:`, error);
      if (!response.headersSent) gatewayError(response, requestId, 500, 'Internal Server Error');
      else response.end();
    } finally {
      options.onRequest?.({
        method,
        path,
        status: response.statusCode,
        ms: Math.round(performance.now() - started),
      });
    }
  });
}
