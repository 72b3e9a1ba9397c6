/**
 * The ledger invariant, held against the payment provider's own objects rather than our records:
 * for every booking, what the provider captured minus what it refunded equals what the booking's
 * status and cancellation policy say it may keep; no authorisation stays open on a booking that has
 * ended; and our own money record says what the provider holds. The tests end with it, and
 * `npm run reconcile -- --check` runs it against a running marketplace or a deployed stage.
 */
import type { Booking } from '@shifa/contracts';
import { expectedNet } from '@shifa/domain';
import type { PaymentPort } from './ports';
import { providerHoldings } from './reconcile';

export type LedgerFinding = {
  bookingId: string;
  status: Booking['status'];
  money: Booking['payment']['status'];
  /** disagrees: the provider holds what the booking may not; pending: a step is still being driven. */
  kind: 'disagrees' | 'pending';
  problem: string;
};

const FINISHED: readonly Booking['status'][] = ['CONFIRMED', 'COMPLETED', 'CANCELLED', 'EXPIRED', 'DECLINED'];

export async function checkLedger(booking: Booking, payments: PaymentPort): Promise<LedgerFinding[]> {
  const found = (kind: LedgerFinding['kind'], problem: string): LedgerFinding => ({
    bookingId: booking.bookingId,
    status: booking.status,
    money: booking.payment.status,
    kind,
    problem,
  });
  const { payment } = booking;
  if (payment.step !== undefined) {
    return [
      found('pending', `${payment.step.kind} ${payment.step.id} pending (${payment.step.attempts} attempts)`),
    ];
  }
  const held = await providerHoldings(booking, payments);
  if (held === undefined) {
    return payment.amountCaptured > 0
      ? [
          found(
            'disagrees',
            `the record says ${payment.amountCaptured} captured, but no PaymentIntent exists`,
          ),
        ]
      : [];
  }
  const findings: LedgerFinding[] = [];
  const { net } = expectedNet(booking);
  if (FINISHED.includes(booking.status) && held.net !== net) {
    findings.push(
      found(
        'disagrees',
        `the provider holds ${held.net} ${payment.currency} (captured ${held.captured}, refunded ${held.refunded}); the booking's policy says ${net}`,
      ),
    );
  }
  if (!FINISHED.includes(booking.status) && held.captured > 0) {
    findings.push(
      found('disagrees', `${held.captured} ${payment.currency} captured on a ${booking.status} booking`),
    );
  }
  if (FINISHED.includes(booking.status) && held.openAuthorization) {
    findings.push(found('disagrees', `an authorisation is still open (PaymentIntent ${held.status})`));
  }
  if (held.captured !== payment.amountCaptured || held.refunded !== payment.amountRefunded) {
    findings.push(
      found(
        'disagrees',
        `the record says captured ${payment.amountCaptured}, refunded ${payment.amountRefunded}; the provider ${held.captured}, ${held.refunded}`,
      ),
    );
  }
  return findings;
}
