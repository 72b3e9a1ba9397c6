/**
 * The largest amount one payment may carry, by payment method, as Stripe's currencies page publishes
 * it (https://docs.stripe.com/currencies, "Minimum and maximum charge amounts"): up to 12 digits in
 * the minor unit for card payments, 9 for American Express, 8 for most other payment methods. The
 * eight-digit figure older libraries hard-code is the last of these and no longer applies to cards.
 */
import { ApiError } from './errors';

export const AMOUNT_LIMITS = {
  card: 999_999_999_999,
  amex: 999_999_999,
  other: 99_999_999,
} as const;

/** The limit for a card of this brand (Stripe writes American Express as `amex`). */
export function cardLimit(brand: string): number {
  return brand === 'amex' ? AMOUNT_LIMITS.amex : AMOUNT_LIMITS.card;
}

/**
 * The limit of a PaymentIntent before a card is known: the largest among the methods it allows,
 * since Stripe only offers a method that can carry the amount.
 */
export function intentLimit(
  allowed: readonly string[] | undefined,
  excluded: readonly string[] = [],
): number {
  const cards = allowed === undefined ? !excluded.includes('card') : allowed.includes('card');
  return cards ? AMOUNT_LIMITS.card : AMOUNT_LIMITS.other;
}

/** Stripe's zero- and three-decimal currencies (https://docs.stripe.com/currencies#zero-decimal); the rest have two. */
const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

export function minorUnitDigits(currency: string): number {
  if (ZERO_DECIMAL.has(currency)) return 0;
  return THREE_DECIMAL.has(currency) ? 3 : 2;
}

/** Stripe's refusal, worded as Stripe words it: the limit in the currency's major unit ("$9,999,999.99"). */
export function amountTooLarge(param: string, limit: number, currency: string): ApiError {
  const digits = minorUnitDigits(currency);
  const major = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
    .format(limit / 10 ** digits)
    // Intl puts a no-break space after a currency code ("UZS 9,999…"); Stripe's messages are plain text.
    .replace(/\u00a0/g, ' ');
  return new ApiError(
    400,
    {
      type: 'invalid_request_error',
      code: 'amount_too_large',
      param,
      message: `Amount must be no more than ${major}`,
    },
    false,
  );
}
