/** How a booking reads to its parties: its effective status, the OCTO status, and health notes only where allowed. */
import { type Booking, type BookingView, OCTO_STATUS } from '@shifa/contracts';
import { effectiveStatus } from './lifecycle';

export type ViewOptions = {
  now: Date;
  /** Decrypted health notes: passed only for the tourist who booked and the treating hospital. */
  healthNotes?: { traveller: number; text: string }[];
  /** What the client needs to pay, while the hold waits for payment. */
  clientSecret?: string;
};

export function toBookingView(booking: Booking, options: ViewOptions): BookingView {
  const {
    touristId: _touristId,
    version: _version,
    contact: _contact,
    lastRequestId: _lastRequestId,
    ...rest
  } = booking;
  const status = effectiveStatus(booking.status, booking.holdExpiresAt, options.now);
  return {
    ...rest,
    travellers: rest.travellers.map(({ healthNotesConsent, ...traveller }) => {
      if (healthNotesConsent === undefined) return traveller;
      const { by: _by, ...consent } = healthNotesConsent;
      return { ...traveller, healthNotesConsent: consent };
    }),
    status,
    octoStatus: OCTO_STATUS[status],
    ...(options.clientSecret === undefined || status !== 'HELD'
      ? {}
      : {
          paymentAction: {
            provider: 'stripe' as const,
            clientSecret: options.clientSecret,
            amount: booking.payment.amount,
            currency: booking.payment.currency,
          },
        }),
    ...(options.healthNotes === undefined ? {} : { healthNotes: options.healthNotes }),
  };
}
