/**
 * A unit module's handler, typed against the route list: the map must name a handler for every
 * route (or job) whose declaration names the unit, and for nothing else, or the unit fails to
 * compile. The map is keyed by route id; the function dispatches on the route key.
 */
import { type HttpFunction, type JobFunction, jobDispatcher, routeDispatcher } from '@shifa/http';
import { fallbackRoute, type Route, routeKeyOf } from './routes';
import type { Schedule } from './schedules';
import { type ApiUnitId, routesOf, type ScheduleUnitId, schedulesOf } from './units';

type ServedBy<U extends ApiUnitId> =
  | Extract<Route, { unit: U }>['id']
  | (U extends typeof fallbackRoute.unit ? typeof fallbackRoute.id : never);

export function apiUnit<U extends ApiUnitId>(
  unit: U,
  handlers: { readonly [I in ServedBy<U>]: HttpFunction },
): HttpFunction {
  const byId = handlers as Readonly<Record<string, HttpFunction>>;
  const byKey = new Map<string, HttpFunction>();
  for (const route of routesOf(unit)) {
    const handle = byId[route.id];
    if (handle === undefined) throw new Error(`unit ${unit} has no handler for ${route.id}`);
    byKey.set(routeKeyOf(route), handle);
  }
  const fallback = byId[fallbackRoute.id];
  if (fallbackRoute.unit === unit && fallback !== undefined) byKey.set('$default', fallback);
  return routeDispatcher(unit, byKey);
}

export function scheduleUnit<U extends ScheduleUnitId>(
  unit: U,
  jobs: { readonly [I in Extract<Schedule, { unit: U }>['id']]: JobFunction },
) {
  const byId = jobs as Readonly<Record<string, JobFunction>>;
  const byJob = new Map<string, JobFunction>();
  for (const schedule of schedulesOf(unit)) {
    const run = byId[schedule.id];
    if (run === undefined) throw new Error(`unit ${unit} has no handler for job ${schedule.id}`);
    byJob.set(schedule.id, run);
  }
  return jobDispatcher(unit, byJob);
}
