/**
 * The middy stack every HTTP function uses: Lambda context in the logs, one
 * access-log line per request, and errors turned into responses in one place.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { errorResponse } from './errors';
import { logger } from './logger';
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

export function httpHandler(handle: (event: HttpEvent, context: Context) => Promise<HttpResponse>) {
  return middy<HttpEvent, HttpResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(accessLog())
    .handler(handle);
}
