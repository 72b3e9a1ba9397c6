/**
 * Tracing is on only in a Lambda execution environment: elsewhere the tracer (and the X-Ray SDK
 * with it) is never loaded, clients stay as they are, and traced code simply runs, so nothing tries
 * to reach an X-Ray daemon. Each case loads the module afresh under the environment it names.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, expect, it, vi } from 'vitest';

const load = async () => {
  vi.resetModules();
  return import('./tracing');
};

afterEach(() => {
  vi.unstubAllEnvs();
});

const middlewareOf = (client: SQSClient): string[] => client.middlewareStack.identify();

it('is off outside Lambda: no tracer, clients untouched, traced code runs as it is', async () => {
  vi.stubEnv('AWS_EXECUTION_ENV', undefined);
  const { tracer, captureClient, traced } = await load();
  const client = new SQSClient({ region: 'eu-central-1' });

  expect(tracer).toBeUndefined();
  expect(captureClient(client)).toBe(client);
  expect(middlewareOf(client).some((name) => name.includes('XRay'))).toBe(false);
  await expect(traced('Stripe authorize', async () => 'done')).resolves.toBe('done');
  await expect(
    traced('Stripe capture', async () => {
      throw new Error('declined');
    }),
  ).rejects.toThrow('declined');
});

it('is off on Lambda when POWERTOOLS_TRACE_ENABLED=false', async () => {
  vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
  vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'false');

  const { tracer } = await load();

  expect(tracer).toBeUndefined();
});

it("is on in a Lambda environment: the tracer is loaded and captures an AWS client's calls", async () => {
  vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
  // Outside Lambda there is no facade segment; the X-Ray SDK would say so on the console.
  vi.stubEnv('AWS_XRAY_CONTEXT_MISSING', 'IGNORE_ERROR');
  const { tracer, captureClient, traced } = await load();
  const client = captureClient(new SQSClient({ region: 'eu-central-1' }));

  expect(tracer?.isTracingEnabled()).toBe(true);
  expect(middlewareOf(client)).toContainEqual(expect.stringContaining('XRaySDKInstrumentation'));
  // No segment outside an invocation (Lambda makes the facade segment): the code still runs.
  await expect(traced('Stripe authorize', async () => 42)).resolves.toBe(42);
});
