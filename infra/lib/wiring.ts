/**
 * Turns a declaration (a route, a scheduled job) into a configured function: the
 * environment and the grants follow from its `table` access and its `uses`, and from
 * nothing else, so API routes and jobs are wired by the same rules.
 */
import { readFileSync } from 'node:fs';
import { handlerFile, type RouteDeclaration } from '@shifa/functions/routes';
import type { RemovalPolicy } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { Data } from './data';
import { ShifaFunction } from './function';
import type { Secrets } from './secrets';

/** What a function needs from a declaration; the `$default` fallback has no method or path, jobs neither. */
export type FunctionDeclaration = Pick<RouteDeclaration, 'id' | 'handler' | 'table' | 'summary' | 'uses'>;

/** Booking rules' settings (packages/booking/src/config.ts), the same for every function that applies them. */
export interface BookingSettings {
  readonly holdMinutes: number;
  readonly hospitalDecisionHours: number;
}

export interface WiringProps {
  readonly data: Data;
  readonly secrets: Secrets;
  readonly booking: BookingSettings;
  readonly logRemovalPolicy: RemovalPolicy;
}

const BOOKING_IMPORT = /from\s+['"]@shifa\/booking(?:\/[^'"]*)?['"]/;

/**
 * Whether a handler applies the booking rules: it imports @shifa/booking, whose settings
 * it then reads at load. Taken from the handler itself, so no function can hold seats for
 * 15 minutes while another, missing the setting, assumes a different number.
 */
export const runsBookingRules = (declaration: Pick<FunctionDeclaration, 'handler'>): boolean =>
  BOOKING_IMPORT.test(readFileSync(handlerFile(declaration), 'utf8'));

export interface WiredFunction {
  readonly declaration: FunctionDeclaration;
  readonly fn: ShifaFunction;
}

export class FunctionWiring {
  private readonly wired: WiredFunction[] = [];

  constructor(private readonly props: WiringProps) {}

  /** Every function made so far, in order: alarms and tests read it. */
  get functions(): readonly WiredFunction[] {
    return this.wired;
  }

  create(scope: Construct, declaration: FunctionDeclaration, description: string): ShifaFunction {
    const { data, secrets, booking } = this.props;
    const uses = declaration.uses ?? [];
    const fn = new ShifaFunction(scope, declaration.id, {
      entry: handlerFile(declaration),
      description,
      environment: {
        TABLE_NAME: data.table.tableName,
        POWERTOOLS_SERVICE_NAME: 'shifa',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...(uses.includes('idempotency') ? { IDEMPOTENCY_TABLE_NAME: data.idempotencyTable.tableName } : {}),
        ...(runsBookingRules(declaration)
          ? {
              HOLD_MINUTES: String(booking.holdMinutes),
              HOSPITAL_DECISION_HOURS: String(booking.hospitalDecisionHours),
            }
          : {}),
        ...secrets.environmentFor(uses),
      },
      logRemovalPolicy: this.props.logRemovalPolicy,
    });
    data.grantAccess(fn.function, declaration.table);
    if (uses.includes('idempotency')) data.grantIdempotency(fn.function);
    this.wired.push({ declaration, fn });
    return fn;
  }
}
