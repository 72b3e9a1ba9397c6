/**
 * One Lambda function, several handlers: a deployment unit's function dispatches on the route key
 * API Gateway puts in each event (`POST /bookings`, `$default`), or on the job a schedule names.
 * The maps are built from the route list, so the dispatcher is a lookup, not a router.
 */
import { NotFoundError } from '@shifa/domain';
import { checkSettingsAtColdStart, logger, runInvocation } from '@shifa/runtime';
import type { Context } from 'aws-lambda';
import { errorResponse } from './errors';
import type { HttpEvent } from './handler';
import type { HttpResponse } from './responses';

export type HttpFunction = (event: HttpEvent, context: Context) => Promise<HttpResponse>;

/**
 * Serves the routes in `handlers` (by route key). API Gateway sends a unit only its own routes, so
 * another key means a wiring mistake; it is answered 404 in the API's error shape, and logged.
 */
export function routeDispatcher(unit: string, handlers: ReadonlyMap<string, HttpFunction>): HttpFunction {
  checkSettingsAtColdStart();
  return async (event, context) => {
    const handle = handlers.get(event.routeKey);
    if (handle !== undefined) return handle(event, context);
    logger.warn('route key not served by this unit', { unit, routeKey: event.routeKey });
    return errorResponse(
      new NotFoundError('route_not_found', `no route answers ${event.routeKey}`),
      event.requestContext?.requestId,
    );
  };
}

/** What a schedule sends its unit: the job to run (EventBridge Scheduler's target input). */
export type JobEvent = { readonly job: string };

export type JobFunction = (event: JobEvent, context?: Context) => Promise<unknown>;

/**
 * Runs the job the event names. An unknown job throws, so the run is retried, then dead-lettered and alarmed.
 * A scheduled run starts the changes it makes: its invocation's request id is the story's request id, which
 * the bookings it changes keep and the events they cause carry.
 */
export function jobDispatcher(unit: string, jobs: ReadonlyMap<string, JobFunction>) {
  checkSettingsAtColdStart();
  return async (event: unknown, context?: Context): Promise<unknown> =>
    runInvocation(context === undefined ? {} : { requestId: context.awsRequestId }, async () => {
      const job = (event as Partial<JobEvent> | null | undefined)?.job;
      const run = typeof job === 'string' ? jobs.get(job) : undefined;
      if (run === undefined) throw new Error(`unit ${unit} runs no job ${JSON.stringify(job)}`);
      return run({ job: job as string }, context);
    });
}
