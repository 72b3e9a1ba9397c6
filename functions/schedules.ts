/**
 * Jobs that run on a clock, declared once as data: an EventBridge Scheduler
 * schedule on AWS, a timer in the local runtime, the same handler in both.
 */
import type { Capability, TableAccess } from './routes';

export type ScheduleDeclaration = {
  readonly id: string;
  /** Module under functions/, without extension, exporting `handler`. */
  readonly handler: string;
  readonly everyMinutes: number;
  readonly table: TableAccess;
  readonly uses?: readonly Capability[];
  readonly summary: string;
};

export const schedules = [
  {
    id: 'expireHolds',
    handler: 'booking/expire-holds',
    everyMinutes: 1,
    table: 'write',
    uses: ['payments'],
    summary: 'Release holds that were not paid in time',
  },
] as const satisfies readonly ScheduleDeclaration[];
