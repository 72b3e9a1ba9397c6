/**
 * The API's currencies as a list for pickers: a record keyed by the contract's type, so a currency added
 * to the schema is a compile error here until it is listed, at no zod cost at run time. (Countries,
 * cities, treatments… are listed by the i18n records that name them, under the same guarantee.)
 */
import type { Currency } from '@shifa/contracts';

export const CURRENCY_KEYS: Record<Currency, null> = {
  KZT: null,
  UZS: null,
  KGS: null,
  RUB: null,
  CNY: null,
  USD: null,
};
export const CURRENCY_LIST = Object.keys(CURRENCY_KEYS) as Currency[];

/** Picks keys of a record in declaration order, typed. */
export const keysOf = <K extends string>(record: Record<K, unknown>) => Object.keys(record) as K[];

/** Narrows a string from a URL to one of the record's keys. */
export const oneOf = <K extends string>(record: Record<K, unknown>, value: string | null): K | undefined =>
  value !== null && Object.hasOwn(record, value) ? (value as K) : undefined;
