/**
 * The largest amount one card payment can carry. Stripe's currencies page (https://docs.stripe.com/currencies,
 * "Minimum and maximum charge amounts") now gives up to 12 digits in the minor unit for card payments,
 * 9 for American Express and 8 for most other payment methods. Shifa takes cards only, so a booking is
 * payable when its total has at most 12 digits (9 999 999 999.99 in a two-decimal currency): every Uzbek
 * package in sum and every multi-traveller stay in tenge fits, where the eight-digit rule that older
 * libraries hard-code refused them. An American Express card can still be refused by Stripe above 9 digits
 * when the tourist pays (amount_too_large); any other card, or the same booking in another currency, pays.
 * Free of imports, so the web app can offer only the currencies a booking can be paid in.
 */
export const MAX_CARD_PAYMENT = 999_999_999_999;

/** Digits in the minor unit, as the error messages say it. */
export const MAX_CARD_PAYMENT_DIGITS = 12;

/** Whether `travellers` at `perTraveller` (minor units) fit in one card payment. */
export const fitsOneCardPayment = (perTraveller: number, travellers: number): boolean =>
  perTraveller * travellers <= MAX_CARD_PAYMENT;
