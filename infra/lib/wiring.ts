/**
 * Turns a declaration (a deployment unit, an event target, the stream publisher) into a configured
 * function: its environment and grants follow from what it needs (functions/units.ts) and from
 * nothing else, so every function is wired by the same rules.
 */

import { handlerFile, type RouteDeclaration } from '@shifa/functions/routes';
import {
  type Needs,
  needsOf,
  type Served,
  type UnitId,
  union,
  unitById,
  unitFile,
} from '@shifa/functions/units';
import { STRIPE_CALL_BUDGET_MS } from '@shifa/payments/client';
import { SERVICE_NAME } from '@shifa/runtime/metric-names';
import { Duration } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { Data } from './data';
import { ShifaFunction } from './function';
import type { RecordsStorage } from './records';
import type { HealthDataKey } from './sealing';
import type { Secrets } from './secrets';
import type { LogSettings } from './stage';

/** A function that is not a unit: it names its handler module and declares what it needs, as a route does. */
export type FunctionDeclaration = Pick<RouteDeclaration, 'id' | 'table' | 'uses'> & {
  readonly summary: string;
  readonly handler: string;
};

/** Booking rules' settings (packages/booking/src/config.ts), the same for every function. */
export interface BookingSettings {
  readonly holdMinutes: number;
  readonly maxUnpaidHolds: number;
  readonly hospitalDecisionHours: number;
  readonly healthNotesDaysAfterTrip: number;
}

export interface WiringProps {
  /** The routes and jobs the stack serves, whose declarations make each unit's needs. */
  readonly served: Served;
  readonly data: Data;
  readonly secrets: Secrets;
  readonly healthDataKey: HealthDataKey;
  /** The medical records' bucket, for the functions that declare the `records` capability. */
  readonly records: RecordsStorage;
  readonly booking: BookingSettings;
  readonly logs: LogSettings;
}

/** Enough for a DynamoDB transaction or two and a hospital's webhook; no handler without Stripe waits longer. */
export const DEFAULT_TIMEOUT = Duration.seconds(10);

/**
 * Units that call Stripe: one Stripe call with stripe-node's own timeout, retries and backoff
 * (25.5 s), plus the table around it, inside API Gateway's 30-second integration limit, so API
 * Gateway never gives up on a call that is still going to succeed.
 */
export const STRIPE_TIMEOUT = Duration.seconds(29);
export const API_GATEWAY_LIMIT = Duration.seconds(30);
if (
  STRIPE_CALL_BUDGET_MS >= STRIPE_TIMEOUT.toMilliseconds() ||
  STRIPE_TIMEOUT.toSeconds() >= API_GATEWAY_LIMIT.toSeconds()
) {
  throw new Error('the Stripe units must outlast one Stripe call and end before API Gateway gives up');
}

export interface WiredFunction {
  /** The unit's id, or the declaration's for a function that is not a unit. */
  readonly id: string;
  readonly needs: Needs;
  /** Set for units. */
  readonly unit?: UnitId;
  /** Set for the functions that are not units. */
  readonly declaration?: FunctionDeclaration;
  readonly fn: ShifaFunction;
}

export class FunctionWiring {
  private readonly wired: WiredFunction[] = [];

  constructor(private readonly props: WiringProps) {}

  /** Every function made so far, in order: alarms and tests read it. */
  get functions(): readonly WiredFunction[] {
    return this.wired;
  }

  /** The function of a deployment unit, made once. */
  unit(scope: Construct, unit: UnitId): ShifaFunction {
    const existing = this.wired.find((wired) => wired.unit === unit);
    if (existing !== undefined) return existing.fn;
    const needs = needsOf(unit, this.props.served);
    const fn = this.make(scope, `${camel(unit)}Unit`, {
      entry: unitFile(unit),
      description: `Unit ${unit}: ${unitById(unit).summary}`,
      needs,
      timeout: needs.uses.includes('payments') ? STRIPE_TIMEOUT : DEFAULT_TIMEOUT,
    });
    this.wired.push({ id: unit, unit, needs, fn });
    return fn;
  }

  /** A function that is not a unit: an event rule's target, the stream publisher, the delivery worker. */
  create(scope: Construct, declaration: FunctionDeclaration, description: string): ShifaFunction {
    const needs = union([declaration]);
    const fn = this.make(scope, declaration.id, {
      entry: handlerFile(declaration),
      description,
      needs,
      timeout: needs.uses.includes('payments') ? STRIPE_TIMEOUT : DEFAULT_TIMEOUT,
    });
    this.wired.push({ id: declaration.id, declaration, needs, fn });
    return fn;
  }

  private make(
    scope: Construct,
    id: string,
    options: { entry: string; description: string; needs: Needs; timeout: Duration },
  ): ShifaFunction {
    const { data, secrets, healthDataKey, records, booking } = this.props;
    const { needs } = options;
    const fn = new ShifaFunction(scope, id, {
      entry: options.entry,
      description: options.description,
      timeout: options.timeout,
      environment: {
        TABLE_NAME: data.table.tableName,
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        HOLD_MINUTES: String(booking.holdMinutes),
        MAX_UNPAID_HOLDS: String(booking.maxUnpaidHolds),
        HOSPITAL_DECISION_HOURS: String(booking.hospitalDecisionHours),
        HEALTH_NOTES_DAYS_AFTER_TRIP: String(booking.healthNotesDaysAfterTrip),
        ...(needs.uses.includes('idempotency')
          ? { IDEMPOTENCY_TABLE_NAME: data.idempotencyTable.tableName }
          : {}),
        ...secrets.environmentFor(needs.uses),
        ...healthDataKey.environmentFor(needs.uses),
        ...records.environmentFor(needs.uses),
      },
      logs: this.props.logs,
    });
    data.grantAccess(fn.function, needs.table);
    if (needs.uses.includes('idempotency')) data.grantIdempotency(fn.function);
    healthDataKey.grantSealing(fn.function, needs.uses);
    records.grantRecords(fn.function, needs.uses);
    return fn;
  }
}

/** `hospital-delivery` → `hospitalDelivery`: construct ids in the style of the route ids. */
export const camel = (id: string): string => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
