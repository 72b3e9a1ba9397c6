/**
 * Every log line carries the correlation keys of the part of the invocation it is logged in, and
 * invocations that run at once in one process never lend each other theirs.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { correlate, runInvocation, runWithKeys } from './invocation';
import { logger } from './logger';

let lines: Record<string, unknown>[] = [];

beforeEach(() => {
  lines = [];
  logger.setLogLevel('INFO');
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  logger.setLogLevel('SILENT');
});

const tick = () => new Promise((resolve) => setImmediate(resolve));

it('adds the invocation’s keys to each line, and a line’s own attributes win', async () => {
  await runInvocation({ requestId: 'req-1' }, async () => {
    logger.info('before the booking is known');
    correlate({ bookingId: 'bk-1' });
    logger.info('after', { eventId: 'e-1' });
    logger.info('own', { bookingId: 'bk-other' });
  });
  logger.info('outside');

  expect(
    lines.map(({ message, requestId, bookingId, eventId }) => ({ message, requestId, bookingId, eventId })),
  ).toEqual([
    { message: 'before the booking is known', requestId: 'req-1', bookingId: undefined, eventId: undefined },
    { message: 'after', requestId: 'req-1', bookingId: 'bk-1', eventId: 'e-1' },
    { message: 'own', requestId: 'req-1', bookingId: 'bk-other', eventId: undefined },
    { message: 'outside', requestId: undefined, bookingId: undefined, eventId: undefined },
  ]);
  expect(lines[0]).toMatchObject({ level: 'INFO', service: 'shifa' });
});

it('keeps the keys of invocations and of a batch’s records apart while they interleave', async () => {
  const invocation = (id: string) =>
    runInvocation({ requestId: id }, async () => {
      await tick();
      correlate({ bookingId: `bk-${id}` });
      await tick();
      await Promise.all(
        ['a', 'b'].map((record) =>
          runWithKeys({ eventId: `${id}-${record}` }, async () => {
            await tick();
            logger.info('record');
          }),
        ),
      );
      logger.info('done');
    });

  await Promise.all([invocation('one'), invocation('two')]);

  const seen = lines.map(
    ({ message, requestId, bookingId, eventId }) => `${message} ${requestId} ${bookingId} ${eventId ?? '-'}`,
  );
  expect(seen.sort()).toEqual(
    [
      'record one bk-one one-a',
      'record one bk-one one-b',
      'done one bk-one -',
      'record two bk-two two-a',
      'record two bk-two two-b',
      'done two bk-two -',
    ].sort(),
  );
});
