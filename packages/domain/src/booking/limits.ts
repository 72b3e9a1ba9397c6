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

/** DynamoDB takes at most this many items in one transaction, and a hold is one transaction. */
export const TRANSACTION_ITEMS_MAX = 100;

/** The most travellers one booking takes; each may bring a health note, written in the hold. */
export const MAX_TRAVELLERS_PER_BOOKING = 10;

/**
 * A hold's items besides one per treatment day and one per hotel night: the package's, the agency's
 * and the hospital's checks, the departure's seats, the booking, the tourist's count of unpaid holds,
 * and a health note per traveller.
 */
export const HOLD_FIXED_ITEMS = 6 + MAX_TRAVELLERS_PER_BOOKING;

/** The most treatment days and hotel nights together that one hold can take. */
export const MAX_DAYS_AND_NIGHTS = TRANSACTION_ITEMS_MAX - HOLD_FIXED_ITEMS;

/** Whether a package of `treatmentDays` and `nights` can be booked in one transaction. */
export const fitsOneHold = (treatmentDays: number, nights: number): boolean =>
  treatmentDays + nights <= MAX_DAYS_AND_NIGHTS;
