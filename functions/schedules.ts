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
  {
    id: 'sweepDecisions',
    handler: 'booking/sweep-decisions',
    everyMinutes: 5,
    table: 'write',
    uses: ['payments'],
    summary: 'Decline bookings whose hospital did not answer in time; finish interrupted acceptances',
  },
  {
    id: 'completeTrips',
    handler: 'booking/complete-trips',
    everyMinutes: 60,
    table: 'write',
    summary: 'Mark confirmed bookings whose trip has ended as completed',
  },
] as const satisfies readonly ScheduleDeclaration[];
