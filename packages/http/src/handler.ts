/**
 * The middy stack every HTTP function uses: Lambda context in the logs, one
 * access-log line per request, and errors turned into responses in one place.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Principal } from '@shifa/contracts';
import { checkSettingsAtColdStart, logger } from '@shifa/runtime';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { authorize, type RouteAuth } from './auth';
import { errorResponse } from './errors';
import type { HttpResponse } from './responses';

export type HttpEvent = APIGatewayProxyEventV2;

const requestTimes = new WeakMap<object, number>();

/** Logs route, status and duration: nothing from the request's content. */
function accessLog(): MiddlewareObj<HttpEvent, HttpResponse> {
  const done = (request: { event: HttpEvent; response: HttpResponse | null | undefined }) => {
    const started = requestTimes.get(request.event);
    logger.info('request', {
      route: request.event.routeKey,
      status: request.response?.statusCode,
      durationMs: started === undefined ? undefined : Math.round(performance.now() - started),
    });
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

/** What a handler needs to know of its route: who may call it. */
export type HandlerRoute = { readonly id: string; readonly auth: RouteAuth };

export type HttpRequest<P> = { event: HttpEvent; context: Context; principal: P };

type PrincipalFor<R extends HandlerRoute> = R['auth'] extends 'public' ? Principal | undefined : Principal;

/**
 * Wraps a handler: the caller is authorised against the route's declared
 * roles before `handle` runs, and `handle` receives them.
 */
export function httpHandler<R extends HandlerRoute>(
  route: R,
  handle: (request: HttpRequest<PrincipalFor<R>>) => Promise<HttpResponse>,
) {
  return middy<HttpEvent, HttpResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(accessLog())
    .handler(async (event, context) => {
      const principal = authorize(event, route.auth) as PrincipalFor<R>;
      return handle({ event, context, principal });
    });
}

/**
 * The wrapper for functions not behind the API (stream, queue, rule and schedule
 * targets): each invocation logs with its own Lambda context (function name,
 * request id, cold start) and none of the previous invocation's keys.
 */
export function lambdaHandler<E, R>(handle: (event: E) => Promise<R>) {
  checkSettingsAtColdStart();
  return async (event: E, context?: Context): Promise<R> => {
    logger.resetKeys();
    if (context !== undefined) logger.addContext(context);
    return handle(event);
  };
}
