/**
 * Every CloudWatch metric Shifa emits, named once: the functions record them (metrics.ts), the CDK
 * app's alarms and dashboard (infra/lib/monitoring.ts) and `npm run metrics` read them by these names.
 * No dependencies, so the CDK app can import it without loading a function's runtime.
 *
 * Cost: a custom metric is one name with one combination of dimension values. The request metrics
 * are published per route (service, unit, route) and per unit (service, unit); the business metrics
 * per service, and per reason or decision where they say so. Nothing finer (no booking, tenant or
 * status code): those are in the logs.
 */

export const METRICS_NAMESPACE = 'Shifa';

/** The `service` of every log line, metric and trace (Powertools' service name). */
export const SERVICE_NAME = 'shifa';

/** Per response the HTTP layer gives, its own 500s included. */
export const REQUEST_METRICS = {
  /** Responses given (Count; Sum over a period is the number of requests). */
  count: 'Requests',
  /** 1 for a 4xx answer, else 0: Sum is the number of 4xx, Average the 4xx rate. */
  clientErrors: 'Http4xx',
  /** 1 for a 5xx answer, else 0. */
  serverErrors: 'Http5xx',
  /** From the handler's start to its answer, in milliseconds. */
  latency: 'Latency',
} as const;

/** The dimensions of the request metrics: each is published per route and per unit. */
export const REQUEST_DIMENSIONS = { unit: 'unit', route: 'route' } as const;

/** What the business does, counted where it happens. */
export const BUSINESS_METRICS = {
  /** A hold was written (seats, beds and rooms taken). */
  holdsTaken: 'HoldsTaken',
  /** A hold was refused, by `reason`: the error code the tourist was answered with. */
  holdsRefused: 'HoldsRefused',
  /** A card authorisation moved a booking to the hospital (Stripe's webhook). */
  paymentsAuthorised: 'PaymentsAuthorised',
  /** Stripe told us a payment attempt failed (the hold stays; the tourist may try another card). */
  paymentsFailed: 'PaymentsFailed',
  /** A hospital's decision, by `decision`: accept, decline, or timeout (the deadline passed). */
  hospitalDecisions: 'HospitalDecisions',
  /** An attempt to deliver an event to a hospital's webhook failed (it is retried). */
  deliveryAttemptsFailed: 'DeliveryAttemptsFailed',
  /** A delivery ran out of attempts and was dead-lettered for the operator to replay. */
  deliveriesDeadLettered: 'DeliveriesDeadLettered',
  /** Money steps (capture, release, refund) recorded as pending and not yet finished, as last counted. */
  moneyStepsPending: 'MoneyStepsPending',
  /** Bookings whose money a person should look at (a step failing again and again, or refused for good). */
  moneyStepsNeedingAttention: 'MoneyStepsNeedingAttention',
} as const;

export type BusinessMetric = keyof typeof BUSINESS_METRICS;

/** The one dimension a business metric is split by, beyond the service. */
export const BUSINESS_DIMENSIONS = {
  holdsRefused: 'reason',
  hospitalDecisions: 'decision',
} as const satisfies {
  readonly [M in BusinessMetric]?: string;
};

export const HOSPITAL_DECISIONS = ['accept', 'decline', 'timeout'] as const;
export type HospitalDecision = (typeof HOSPITAL_DECISIONS)[number];
