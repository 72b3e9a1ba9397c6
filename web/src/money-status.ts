/**
 * Where a booking's money stands, in the terms a tourist cares about: held on the card, being
 * charged, charged, released (nothing charged), being refunded, refunded. Read from the booking's
 * own money state (`payment.status` and the step the reconciler is driving), never guessed from the
 * booking's status alone: a cancel or an answer may come back while the money is still on its way.
 */
import type { BookingView } from './api';

export type MoneyLine = (
  | { kind: 'none' }
  /** The card is authorised, not charged, while the hospital decides. */
  | { kind: 'authorised'; amount: number }
  | { kind: 'charging'; amount: number }
  | { kind: 'charged'; amount: number }
  /** The authorisation is being released: nothing will be charged. */
  | { kind: 'releasing'; amount: number }
  | { kind: 'released' }
  /** No card was ever authorised. */
  | { kind: 'nothingCharged' }
  | { kind: 'refunding'; charged: number; refund: number }
  | { kind: 'refunded'; charged: number; refunded: number }
  /** Charged, cancelled, and the cancellation terms gave nothing back. */
  | { kind: 'keptNoRefund'; charged: number }
) & {
  /** Taking longer than it should: a person is looking at it. */
  delayed: boolean;
};

type View = Pick<BookingView, 'status' | 'payment'>;

export function moneyLine(view: View): MoneyLine {
  const { payment } = view;
  const delayed = payment.status === 'needs_attention' || payment.attention !== undefined;
  const step = payment.step;
  const pending = (kind: NonNullable<typeof step>['kind'] | undefined): MoneyLine => {
    switch (kind) {
      case 'capture':
        return { kind: 'charging', amount: step?.amount ?? payment.amount, delayed };
      case 'release':
        return { kind: 'releasing', amount: payment.amount, delayed };
      case 'refund':
        return {
          kind: 'refunding',
          charged: payment.amountCaptured,
          refund: payment.amountRefunded + (step?.amount ?? 0),
          delayed,
        };
      default:
        return settled();
    }
  };
  const settled = (): MoneyLine => {
    if (payment.amountRefunded > 0)
      return { kind: 'refunded', charged: payment.amountCaptured, refunded: payment.amountRefunded, delayed };
    if (payment.amountCaptured > 0)
      return view.status === 'CANCELLED'
        ? { kind: 'keptNoRefund', charged: payment.amountCaptured, delayed }
        : { kind: 'charged', amount: payment.amountCaptured, delayed };
    return { kind: 'nothingCharged', delayed };
  };
  switch (payment.status) {
    case 'unpaid':
      return view.status === 'HELD' ? { kind: 'none', delayed } : { kind: 'nothingCharged', delayed };
    case 'authorized':
      return { kind: 'authorised', amount: payment.amount, delayed };
    case 'capture_pending':
      return pending('capture');
    case 'release_pending':
      return pending('release');
    case 'refund_pending':
      return pending('refund');
    case 'released':
      return { kind: 'released', delayed };
    case 'captured':
    case 'refunded':
      return settled();
    case 'needs_attention':
      return pending(step?.kind);
  }
}
