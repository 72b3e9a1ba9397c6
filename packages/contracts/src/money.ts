/**
 * A booking's money, as a state of its own beside the booking's status: what the payment provider
 * holds for it, and the one step (capture, release or refund) the reconciler is driving to its end.
 * Every change of it is written in the same transaction as the booking change that causes it.
 */
import * as z from 'zod';
import { IsoDateTime, MinorUnits } from './common';
import { intParam } from './params';

export const MONEY_STATES = [
  /** Nothing authorised yet: the hold waits for the card (a PaymentIntent may exist, unconfirmed). */
  'unpaid',
  /** The card is authorised, not captured, while the hospital decides. */
  'authorized',
  'capture_pending',
  'captured',
  'release_pending',
  /** No authorisation is open and nothing was captured: the patient was never charged. */
  'released',
  'refund_pending',
  /** The refund the booking's policy owes is done (in full or in part, as the policy says). */
  'refunded',
  /** Something only a person can settle; the step stays and is still retried. */
  'needs_attention',
] as const;
export const MoneyState = z.enum(MONEY_STATES);
export type MoneyState = z.infer<typeof MoneyState>;

export const MONEY_STEP_KINDS = ['capture', 'release', 'refund'] as const;
export const MoneyStepKind = z.enum(MONEY_STEP_KINDS);
export type MoneyStepKind = z.infer<typeof MoneyStepKind>;

/** The step the reconciler drives: recorded before the provider is called, never dropped. */
export const MoneyStep = z.object({
  kind: MoneyStepKind,
  /**
   * Stable for the step's whole life: the provider's idempotency key, and the metadata of the refund it
   * creates, so a retry (even after the provider's 24-hour key window) finds what the first attempt did.
   */
  id: z.string().min(1).max(120),
  /** Minor units: the amount to capture or refund; 0 for a release. */
  amount: MinorUnits,
  /** Why, in words an operator can check: "hospital accepted", "cancelled 20 days before: 50 %". */
  reason: z.string().min(1).max(300),
  requestedAt: IsoDateTime,
  attempts: z.number().int().min(0).max(1_000_000),
  nextAttemptAt: IsoDateTime,
  /** The provider's refund, once one was created for this step. */
  providerObjectId: z.string().min(1).max(255).optional(),
  lastError: z.string().max(300).optional(),
});
export type MoneyStep = z.infer<typeof MoneyStep>;

/** Why a person should look, and since when. */
export const MoneyAttention = z.object({ reason: z.string().min(1).max(300), since: IsoDateTime });
export type MoneyAttention = z.infer<typeof MoneyAttention>;

/** One money step done: what the provider now holds because of it. */
export const LedgerEntry = z.object({
  step: z.string().min(1).max(120),
  kind: MoneyStepKind,
  amount: MinorUnits,
  at: IsoDateTime,
  providerObjectId: z.string().min(1).max(255).optional(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

/** Which bookings' money the operator lists: those a person should look at, or every step in flight. */
export const MoneyListState = z.enum(['attention', 'pending']);

export const ListPaymentsQuery = z.strictObject({
  state: MoneyListState.default('attention').describe(
    'attention: steps the provider keeps refusing or refused for good, and money that disagrees with the provider; pending: every step in flight',
  ),
  limit: intParam(1, 50).optional().describe('page size, 1 to 50, default 20'),
  cursor: z.string().min(1).max(1024).optional().describe('the nextCursor of the previous page, unchanged'),
});
export type ListPaymentsQuery = z.infer<typeof ListPaymentsQuery>;

/** A booking's money as the operator sees it: ids, amounts and steps, nothing about the travellers. */
export const PaymentOverview = z.object({
  bookingId: z.string(),
  bookingStatus: z.string(),
  agencyId: z.string(),
  hospitalId: z.string(),
  money: MoneyState,
  amount: MinorUnits,
  currency: z.string(),
  amountCaptured: MinorUnits,
  amountRefunded: MinorUnits,
  paymentIntentId: z.string().nullable(),
  step: MoneyStep.nullable(),
  attention: MoneyAttention.nullable(),
  updatedAt: IsoDateTime,
});
export type PaymentOverview = z.infer<typeof PaymentOverview>;

export const PaymentListResponse = z.object({
  items: z.array(PaymentOverview),
  nextCursor: z.string().nullable(),
});
