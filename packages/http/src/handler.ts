/**
 * The middy stack every HTTP function uses: Lambda context in the logs, one
 * access-log line and one set of request metrics per response (the 500s the
 * error handler makes included: to Lambda those are successes, so only these
 * metrics see them), and errors turned into responses in one place. Each request
 * is an invocation (@shifa/runtime): its log lines carry API Gateway's request id,
 * and the booking id when the path names one; its metrics are published as it ends.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import { BookingId, NoQuery, type Principal, type RequestHeader } from '@shifa/contracts';
import { checkSettingsAtColdStart, logger, recordRequest, runInvocation, traced } from '@shifa/runtime';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { authorize, type RouteAuth } from './auth';
import { errorResponse } from './errors';
import { checkHeaders } from './headers';
import { parseQuery } from './parse';
import type { HttpResponse } from './responses';

export type HttpEvent = APIGatewayProxyEventV2;

const requestTimes = new WeakMap<object, number>();

/** Logs route, status and duration, nothing from the request's content, and records the request's metrics. */
function accessLog(route: HandlerRoute): MiddlewareObj<HttpEvent, HttpResponse> {
  const done = (request: { event: HttpEvent; response: HttpResponse | null | undefined }) => {
    const started = requestTimes.get(request.event);
    const durationMs = started === undefined ? undefined : Math.round(performance.now() - started);
    const status = request.response?.statusCode ?? 500;
    logger.info('request', { route: request.event.routeKey, status, durationMs });
    recordRequest({ unit: route.unit, route: route.id, status, latencyMs: durationMs ?? 0 });
  };
  return {
    before: (request) => {
      requestTimes.set(request.event, performance.now());
    },
    after: done,
    onError: (request) => {
      request.response = errorResponse(request.error, request.event.requestContext?.requestId);
      done(request);
    },
  };
}

/**
 * What a handler needs to know of its route: who may call it, the names its metrics go by, the
 * headers it reads (routes.ts), and the query it takes, if any: the schema the OpenAPI document
 * also lists, given as `{ ...route('id'), query: Schema }`.
 */
export type HandlerRoute = {
  readonly id: string;
  readonly unit: string;
  readonly auth: RouteAuth;
  readonly uses?: readonly string[];
  readonly headers?: readonly RequestHeader[];
  readonly query?: z.ZodType;
};

type QueryFor<R extends HandlerRoute> = R['query'] extends z.ZodType ? z.infer<R['query']> : undefined;

export type HttpRequest<P, Q = undefined> = { event: HttpEvent; context: Context; principal: P; query: Q };

type PrincipalFor<R extends HandlerRoute> = R['auth'] extends 'public' ? Principal | undefined : Principal;

/**
 * Wraps a handler: the caller is authorised against the route's declared roles, its headers and
 * query are checked (a route that declares no query refuses every query parameter, so a misspelt
 * one never goes unnoticed), and only then does `handle` run.
 */
export function httpHandler<R extends HandlerRoute>(
  route: R,
  handle: (request: HttpRequest<PrincipalFor<R>, QueryFor<R>>) => Promise<HttpResponse>,
) {
  const chain = middy<HttpEvent, HttpResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(accessLog(route))
    .handler(async (event, context) => {
      const principal = authorize(event, route.auth) as PrincipalFor<R>;
      checkHeaders(event, route);
      const query = parseQuery(route.query ?? NoQuery, event);
      return handle({
        event,
        context,
        principal,
        query: (route.query === undefined ? undefined : query) as QueryFor<R>,
      });
    });
  const annotations = { route: route.id, unit: route.unit };
  return (event: HttpEvent, context: Context): Promise<HttpResponse> =>
    runInvocation(requestKeys(event), () =>
      traced(`## ${route.id}`, () => chain(event, context), { annotations, handler: true }),
    );
}

/** API Gateway's request id (the one error bodies name), and the booking a path like /bookings/{bookingId} names. */
function requestKeys(event: HttpEvent): { requestId?: string; bookingId?: string } {
  const bookingId = BookingId.safeParse(event.pathParameters?.bookingId);
  return {
    ...(event.requestContext?.requestId === undefined ? {} : { requestId: event.requestContext.requestId }),
    ...(bookingId.success ? { bookingId: bookingId.data } : {}),
  };
}

/**
 * The wrapper for functions not behind the API (stream, queue, rule and schedule
 * targets): each invocation logs with its own Lambda context (function name,
 * request id, cold start) and none of the previous invocation's keys, and
 * publishes its metrics as it ends. The story's keys are the handler's to give:
 * an event's consumer correlates with the request whose change caused the event,
 * and a scheduled run is its own origin (jobDispatcher).
 */
export function lambdaHandler<E, R>(handle: (event: E) => Promise<R>) {
  checkSettingsAtColdStart();
  return async (event: E, context?: Context): Promise<R> =>
    runInvocation({}, async () => {
      logger.resetKeys();
      if (context !== undefined) logger.addContext(context);
      return handle(event);
    });
}
