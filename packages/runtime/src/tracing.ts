/**
 * X-Ray traces on AWS, through Powertools Tracer: the AWS SDK clients' calls and the Stripe calls as
 * subsegments of each invocation, under one named for the route it served. Off locally and in tests
 * (nothing there to send traces to), as Powertools itself decides: only in a Lambda execution
 * environment, unless POWERTOOLS_TRACE_ENABLED=false.
 *
 * The tracer brings the X-Ray SDK (about 135 kB minified, more than half a lean function's bundle),
 * so it is loaded only where tracing is on: the bundles leave it external and the CDK app ships it
 * beside each one (infra/lib/bundling.ts). Off, nothing of it is loaded, and every helper here runs
 * the traced code as it is.
 */
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { SERVICE_NAME } from './metric-names';

const tracingOn =
  process.env.AWS_EXECUTION_ENV !== undefined &&
  process.env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== 'false';

/** The tracer, where tracing is on; undefined elsewhere. Loaded before any client is made with it. */
export const tracer: Tracer | undefined = tracingOn
  ? new (await import('@aws-lambda-powertools/tracer')).Tracer({ serviceName: SERVICE_NAME })
  : undefined;

/** The client, with each of its calls traced as a subsegment where tracing is on. */
export const captureClient = <C>(client: C): C =>
  tracer === undefined ? client : tracer.captureAWSv3Client(client);

/**
 * Runs `run` as a subsegment `name` of the current segment, with `annotations` (searchable in X-Ray;
 * ids only, never personal data); an error is recorded on it and thrown on. `handler` marks a
 * function's own work (a route), which also notes the cold start and the service, as Powertools'
 * handler middleware does.
 */
export async function traced<T>(
  name: string,
  run: () => Promise<T>,
  options: { annotations?: Readonly<Record<string, string>>; handler?: boolean } = {},
): Promise<T> {
  const parent = tracer?.getSegment();
  if (tracer === undefined || parent === undefined) return run();
  const segment = parent.addNewSubsegment(name);
  tracer.setSegment(segment);
  if (options.handler === true) {
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
  }
  for (const [key, value] of Object.entries(options.annotations ?? {})) tracer.putAnnotation(key, value);
  try {
    return await run();
  } catch (error) {
    tracer.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    segment.close();
    tracer.setSegment(parent);
  }
}
