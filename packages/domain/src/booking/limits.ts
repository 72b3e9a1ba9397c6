/**
 * The largest amount one card payment can carry: Stripe accepts at most eight
 * digits in the minor unit for these currencies (999 999.99), which a stay
 * priced in tenge or sum for several travellers can pass. Free of imports, so
 * the web app can offer only the currencies a booking can be paid in.
 */
export const MAX_CARD_PAYMENT = 99_999_999;

/** Whether `travellers` at `perTraveller` (minor units) fit in one card payment. */
export const fitsOneCardPayment = (perTraveller: number, travellers: number): boolean =>
  perTraveller * travellers <= MAX_CARD_PAYMENT;
