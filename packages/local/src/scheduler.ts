/**
 * The local stand-in for EventBridge Scheduler: invokes each declared schedule's
 * unit with `{"job": id}` on a timer, never two runs of one schedule at once, and
 * reports failures without stopping the timer (as a failed scheduled invocation would).
 */
import { randomUUID } from 'node:crypto';
import { schedules as declared, type ScheduleDeclaration } from '@shifa/functions/schedules';
import type { JobEvent } from '@shifa/http';
import { lambdaContext } from './api-server';
import { invokeUnit } from './units';

type Job = () => Promise<unknown>;

export type LocalScheduler = { runNow(id: string): Promise<unknown>; stop(): void };

export function startScheduler(
  options: {
    schedules?: readonly ScheduleDeclaration[];
    onError?: (id: string, error: unknown) => void;
  } = {},
): LocalScheduler {
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<unknown>>();
  const jobs = new Map<string, Job>();
  for (const schedule of options.schedules ?? declared) {
    const event: JobEvent = { job: schedule.id };
    const job: Job = () =>
      invokeUnit(schedule.unit, event, lambdaContext({ id: schedule.unit }, randomUUID()));
    jobs.set(schedule.id, job);
    const tick = () => {
      if (running.has(schedule.id)) return;
      const run = job()
        .catch((error: unknown) => options.onError?.(schedule.id, error))
        .finally(() => running.delete(schedule.id));
      running.set(schedule.id, run);
    };
    const timer = setInterval(tick, schedule.everyMinutes * 60_000);
    timer.unref();
    timers.push(timer);
  }
  return {
    async runNow(id) {
      const job = jobs.get(id);
      if (job === undefined) throw new Error(`no schedule ${id}`);
      return job();
    },
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
