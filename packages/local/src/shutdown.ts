/**
 * Stopping the local services in order, none left running because one before it
 * failed to stop, and none left running when a start fails part way.
 */

/** Runs every step in turn, even after one fails; then throws what failed, together. */
export async function stopInTurn(steps: readonly (() => Promise<unknown> | undefined)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1)
    throw new AggregateError(failures, `${failures.length} services did not stop cleanly`);
}

/**
 * After a start failed part way: stops what had started, then throws the error that stopped the
 * start, with the one from stopping beside it if stopping failed too.
 */
export async function stopAfterFailedStart(error: unknown, stop: () => Promise<void>): Promise<never> {
  try {
    await stop();
  } catch (stopError) {
    const text = error instanceof Error ? error.message : String(error);
    throw new AggregateError([error, stopError], `${text} (and what had started did not stop cleanly)`);
  }
  throw error;
}
