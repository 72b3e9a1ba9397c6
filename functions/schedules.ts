/**
 * Jobs that run on a clock, declared once as data: an EventBridge Scheduler schedule on AWS that
 * invokes the job's deployment unit with `{"job": id}`, a timer in the local runtime that does the
 * same, the same unit module in both.
 */
import type { Capability, TableAccess } from './routes';
import type { ScheduleUnitId } from './units';

export type ScheduleDeclaration = {
  readonly id: string;
  /** The deployment unit whose function runs the job; its module under units/ names the handler. */
  readonly unit: ScheduleUnitId;
  readonly everyMinutes: number;
  readonly table: TableAccess;
  readonly uses?: readonly Capability[];
  readonly summary: string;
};

export const schedules = [
  {
    id: 'expireHolds',
    unit: 'sweeps',
    everyMinutes: 1,
    table: 'write',
    uses: ['payments'],
    summary: 'Release holds that were not paid in time',
  },
  {
    id: 'sweepDecisions',
    unit: 'sweeps',
    everyMinutes: 5,
    table: 'write',
    summary:
      'Decline bookings whose hospital did not answer in time, recording the release of their authorisation',
  },
  {
    id: 'reconcileMoney',
    unit: 'sweeps',
    everyMinutes: 1,
    table: 'write',
    uses: ['payments'],
    summary: 'Drive every money step that is due again (capture, release, refund) against the provider',
  },
  {
    id: 'completeTrips',
    unit: 'sweeps',
    everyMinutes: 60,
    table: 'write',
    summary: 'Mark confirmed bookings whose trip has ended as completed',
  },
  {
    id: 'deleteExpiredNotes',
    unit: 'sweeps',
    everyMinutes: 60,
    table: 'write',
    summary: 'Delete the health notes of trips that ended longer ago than the retention setting',
  },
] as const satisfies readonly ScheduleDeclaration[];

export type Schedule = (typeof schedules)[number];
