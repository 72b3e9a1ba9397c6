/**
 * Deployment units: one Lambda function per bounded context. Each route (routes.ts) and each
 * scheduled job (schedules.ts) names the unit that serves it; the unit's module under units/
 * maps its route or job ids to the handler modules, and the function dispatches on the route key
 * API Gateway sends (or the job the schedule names). What a unit may use is the union of what
 * its routes and jobs declare, derived here and nowhere else: the CDK app grants and configures
 * exactly that, and the local runtime runs each unit with exactly that.
 */
import { join } from 'node:path';
import {
  type Capability,
  FUNCTIONS_DIR,
  fallbackRoute,
  type RouteDeclaration,
  routes,
  type TableAccess,
} from './routes';
import { type ScheduleDeclaration, schedules } from './schedules';

export const units = [
  { id: 'catalog', kind: 'api', summary: 'The public catalog: search, and a package with its departures' },
  {
    id: 'bookings',
    kind: 'api',
    summary: "Reading bookings: a tourist's own, one booking for whoever may see it, an agency's sales",
  },
  {
    id: 'payments',
    kind: 'api',
    summary:
      "Every route that calls Stripe: holds, payment, cancellation, and the hospital's accept and decline",
  },
  { id: 'stripe-webhook', kind: 'api', summary: "Stripe's signed payment events" },
  {
    id: 'agency',
    kind: 'api',
    summary: "Agencies' hotels, excursions, packages and departures, and the hospitals they build on",
  },
  { id: 'hospital', kind: 'api', summary: "Hospitals' profile, programmes, capacity and booking inbox" },
  {
    id: 'hospital-delivery',
    kind: 'api',
    summary:
      "Hospitals' webhook endpoint and secrets, the delivery log, redeliveries and the operator's replays",
  },
  { id: 'operator', kind: 'api', summary: 'The operator verifying and suspending agencies and hospitals' },
  {
    id: 'platform',
    kind: 'api',
    summary: "The API's own description, and the answer to requests no route serves",
  },
  {
    id: 'records',
    kind: 'api',
    summary: "Travellers' medical records: upload forms, reading, listing and deleting their own",
  },
  {
    id: 'sweeps',
    kind: 'schedule',
    summary: 'The booking sweeps on a clock: unpaid holds, hospital deadlines, ended trips',
  },
] as const satisfies readonly { id: string; kind: 'api' | 'schedule'; summary: string }[];

export type Unit = (typeof units)[number];
export type UnitId = Unit['id'];
export type ApiUnitId = Extract<Unit, { kind: 'api' }>['id'];
export type ScheduleUnitId = Extract<Unit, { kind: 'schedule' }>['id'];

/** What a unit's function may use: the union of its routes' or jobs' declarations. */
export type Needs = { readonly table: TableAccess; readonly uses: readonly Capability[] };

const TABLE_ORDER: readonly TableAccess[] = ['none', 'read', 'write'];
const CAPABILITY_ORDER: readonly Capability[] = [
  'idempotency',
  'payments',
  'seal-health-notes',
  'health-notes',
  'webhook-secrets',
  'records',
];

/** The least that covers every declaration: the widest table access, every capability any of them uses. */
export function union(declarations: readonly Pick<RouteDeclaration, 'table' | 'uses'>[]): Needs {
  const table = declarations.reduce<TableAccess>(
    (widest, declaration) =>
      TABLE_ORDER.indexOf(declaration.table) > TABLE_ORDER.indexOf(widest) ? declaration.table : widest,
    'none',
  );
  const used = new Set(declarations.flatMap((declaration) => declaration.uses ?? []));
  return { table, uses: CAPABILITY_ORDER.filter((capability) => used.has(capability)) };
}

/** The routes a unit serves, in declaration order; the platform unit also answers `$default`. */
export const routesOf = (unit: UnitId): readonly RouteDeclaration[] =>
  routes.filter((route: RouteDeclaration) => route.unit === unit);

export const schedulesOf = (unit: UnitId): readonly ScheduleDeclaration[] =>
  schedules.filter((schedule: ScheduleDeclaration) => schedule.unit === unit);

/** The declarations a stack serves: the declared lists, unless a test brings its own. */
export type Served = {
  readonly routes?: readonly RouteDeclaration[];
  readonly schedules?: readonly ScheduleDeclaration[];
};

/** Everything a unit serves, with what each declares. */
export const declarationsOf = (
  unit: UnitId,
  served: Served = {},
): readonly Pick<RouteDeclaration, 'id' | 'table' | 'uses'>[] => [
  ...(served.routes ?? routes).filter((route) => route.unit === unit),
  ...(fallbackRoute.unit === unit ? [fallbackRoute] : []),
  ...(served.schedules ?? schedules).filter((schedule) => schedule.unit === unit),
];

export const needsOf = (unit: UnitId, served: Served = {}): Needs => union(declarationsOf(unit, served));

/** Whether the unit calls Stripe: its function then gets time for a Stripe call with its retries. */
export const callsStripe = (unit: UnitId): boolean => needsOf(unit).uses.includes('payments');

/** The unit's module, which exports its function's `handler`. */
export const unitFile = (unit: UnitId): string => join(FUNCTIONS_DIR, 'units', `${unit}.ts`);

export const unitById = (id: string): Unit => {
  const found = units.find((unit) => unit.id === id);
  if (found === undefined) throw new Error(`no deployment unit ${id}`);
  return found;
};

/** The health-data keys: a KMS key's ARN on AWS, local keys otherwise (@shifa/sealing's settings). */
const SEALING_VARIABLES = ['HEALTH_DATA_KMS_KEY_ARN', 'HEALTH_DATA_KEYS'] as const;

/**
 * The settings each capability brings into a function's environment. A function without the
 * capability gets none of them: on AWS the CDK app leaves them out, locally the runtime strips them.
 * Both sealing capabilities name the same keys; on AWS, IAM lets each use them only for its own
 * purpose (infra/lib/sealing.ts).
 */
export const CAPABILITY_VARIABLES = {
  idempotency: ['IDEMPOTENCY_TABLE_NAME'],
  payments: ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_URL'],
  'seal-health-notes': SEALING_VARIABLES,
  'health-notes': SEALING_VARIABLES,
  'webhook-secrets': SEALING_VARIABLES,
  // The records bucket, and off AWS the S3 endpoint that stands in for it (@shifa/records' settings).
  records: ['RECORDS_BUCKET', 'S3_ENDPOINT'],
} as const satisfies Record<Capability, readonly string[]>;

/** `environment` without the variables that only capabilities `needs` lacks bring. */
export function environmentFor(
  needs: Needs,
  environment: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const given = new Set<string>(needs.uses.flatMap((capability) => CAPABILITY_VARIABLES[capability]));
  const withheld = new Set<string>(
    CAPABILITY_ORDER.flatMap((capability) => CAPABILITY_VARIABLES[capability]).filter(
      (name) => !given.has(name),
    ),
  );
  return Object.fromEntries(Object.entries(environment).filter(([name]) => !withheld.has(name)));
}
