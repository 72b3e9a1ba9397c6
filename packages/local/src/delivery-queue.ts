/**
 * The local stand-in for the SQS delivery queue: each attempt is a timer in
 * this process, due when the message says. The retry schedule is the one AWS
 * follows, run faster by `timeScale` (LOCAL_RETRY_SCALE, e.g. 0.001 makes the
 * 24 hours of retries last about 90 seconds) so retries can be watched.
 * Dead letters are kept in memory and reported; the table remembers the rest.
 */
import type { DeliveryMessage, DeliveryQueue } from '@shifa/hospital-delivery/queue';

export type DeadLetter = { message: DeliveryMessage; reason: string; at: string };

export type LocalDeliveryQueue = DeliveryQueue & {
  readonly deadLetters: readonly DeadLetter[];
  /** Resolves once no attempt is waiting or running: for tests, instead of sleeping. */
  idle(): Promise<void>;
  stop(): void;
};

export type LocalQueueOptions = {
  timeScale: number;
  /** Makes the attempt (processMessage with the local dependencies). */
  run: (message: DeliveryMessage) => Promise<unknown>;
  onDeadLetter?: (letter: DeadLetter) => void;
  onError?: (message: DeliveryMessage, error: unknown) => void;
  now?: () => Date;
};

export function createLocalDeliveryQueue(options: LocalQueueOptions): LocalDeliveryQueue {
  if (!(options.timeScale > 0 && options.timeScale <= 1)) {
    throw new RangeError('LOCAL_RETRY_SCALE must be more than 0 and at most 1');
  }
  const now = options.now ?? (() => new Date());
  const timers = new Set<NodeJS.Timeout>();
  const deadLetters: DeadLetter[] = [];
  let busy = 0;
  let waiters: (() => void)[] = [];
  let stopped = false;

  const settle = () => {
    if (busy > 0 || timers.size > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };

  return {
    timeScale: options.timeScale,
    deadLetters,
    async schedule(message) {
      if (stopped) return;
      const delay = Math.max(0, Date.parse(message.dueAt) - now().getTime());
      const timer = setTimeout(() => {
        timers.delete(timer);
        busy += 1;
        options
          .run(message)
          .catch((error: unknown) => options.onError?.(message, error))
          .finally(() => {
            busy -= 1;
            settle();
          });
      }, delay);
      timer.unref();
      timers.add(timer);
    },
    async deadLetter(message, reason) {
      const letter = { message, reason, at: now().toISOString() };
      deadLetters.push(letter);
      options.onDeadLetter?.(letter);
    },
    idle() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      });
    },
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      settle();
    },
  };
}
