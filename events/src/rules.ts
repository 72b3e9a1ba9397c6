/**
 * Who reacts to which events, declared once as data: the CDK app makes one
 * EventBridge rule per entry (its pattern, a Lambda target with retries and a
 * dead-letter queue), and the local bus applies the very same patterns with
 * the matcher in ./pattern and invokes the same handler modules. Targets name
 * handler modules under functions/, as routes do.
 */
import type { Capability, TableAccess } from '@shifa/functions/routes';
import { type DetailType, EVENT_SOURCE } from './events';
import type { EventPattern } from './pattern';

export type RuleTarget = {
  readonly kind: 'function';
  /** Module under functions/, without extension, exporting `handler` (an EventBridge event handler). */
  readonly handler: string;
  /** What the target's function may do to the table; IAM grants follow from it, as for routes. */
  readonly table: TableAccess;
  readonly uses?: readonly Capability[];
};

export type EventRule = {
  /** Stable name: the rule's and its function's logical ids derive from it. */
  readonly id: string;
  readonly description: string;
  readonly pattern: EventPattern;
  readonly target: RuleTarget;
};

const onBookingEvents = (types: readonly DetailType[]): EventPattern => ({
  source: [EVENT_SOURCE],
  'detail-type': [...types],
});

export const rules = [
  {
    id: 'deliver-to-hospital',
    description:
      "Queue a signed webhook to the booking's hospital: a new request to decide, or one that ended",
    pattern: onBookingEvents(['BookingRequested', 'BookingCancelled', 'BookingExpired']),
    target: { kind: 'function', handler: 'hospital-delivery/enqueue', table: 'write' },
  },
  {
    id: 'notify-tourist',
    description: 'Tell the tourist what happened to their booking, in their language',
    pattern: onBookingEvents([
      'BookingRequested',
      'BookingAccepted',
      'BookingDeclined',
      'BookingExpired',
      'BookingCancelled',
      'PaymentRefunded',
    ]),
    // write: a processed marker per event id, so a redelivered event is not told twice
    target: { kind: 'function', handler: 'notifications/notify-tourist', table: 'write' },
  },
  {
    id: 'drive-money',
    description:
      "Drive a booking's recorded money step (capture, release, refund) against the payment provider",
    pattern: onBookingEvents(['PaymentStepRequested']),
    target: {
      kind: 'function',
      handler: 'payments/drive-money',
      table: 'write',
      uses: ['payments'],
    },
  },
] as const satisfies readonly EventRule[];
