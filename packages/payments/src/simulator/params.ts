/** Reading Stripe request parameters the way Stripe validates them, with Stripe's error messages. */
import { apiErrors } from './errors';
import type { FormObject, FormValue } from './form';
import type { Metadata } from './objects';

export function allowOnly(params: FormObject, allowed: readonly string[]): void {
  for (const name of Object.keys(params)) {
    if (!allowed.includes(name)) throw apiErrors.parameterUnknown(name);
  }
}

function describe(value: FormValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value).slice(0, 60);
}

export function optString(params: FormObject, name: string, maxLength = 5_000): string | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw apiErrors.invalidParam(name, `Invalid string: ${describe(value)}`);
  if (value.length > maxLength) {
    throw apiErrors.invalidParam(
      name,
      `Invalid string: must be at most ${maxLength} characters`,
      'string_length_exceeds_maximum',
    );
  }
  return value;
}

export function optInteger(params: FormObject, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^-?\d{1,16}$/.test(value)) {
    throw apiErrors.invalidInteger(name, describe(value));
  }
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw apiErrors.invalidInteger(name, value);
  return parsed;
}

export function optBoolean(params: FormObject, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw apiErrors.invalidParam(name, `Invalid boolean: ${describe(value)}`);
}

export function optEnum<T extends string>(
  params: FormObject,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = optString(params, name);
  if (value === undefined) return undefined;
  const found = values.find((candidate) => candidate === value);
  if (found === undefined) {
    const listed =
      values.length > 1 ? `${values.slice(0, -1).join(', ')}, or ${values.at(-1)}` : values.join('');
    throw apiErrors.invalidParam(name, `Invalid ${name}: must be one of ${listed}`);
  }
  return found;
}

export function optStringList(params: FormObject, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (list === undefined || list.some((item) => typeof item !== 'string')) {
    throw apiErrors.invalidParam(name, `Invalid array: ${describe(value)}`);
  }
  return list as string[];
}

export function optHash(params: FormObject, name: string): FormObject | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' || Array.isArray(value)) {
    throw apiErrors.invalidParam(name, `Invalid object: ${describe(value)}`);
  }
  return value;
}

/** Stripe's limits: 50 keys, keys up to 40 characters, values up to 500; an empty value unsets a key. */
export function optMetadata(
  params: FormObject,
  name = 'metadata',
): Record<string, string | null> | undefined {
  const hash = optHash(params, name);
  if (hash === undefined) return undefined;
  const out: Record<string, string | null> = {};
  const entries = Object.entries(hash);
  if (entries.length > 50)
    throw apiErrors.invalidParam(name, 'Invalid metadata: metadata can have at most 50 keys');
  for (const [key, value] of entries) {
    if (typeof value !== 'string')
      throw apiErrors.invalidParam(`${name}[${key}]`, 'Invalid string: metadata values are strings');
    if (key.length > 40)
      throw apiErrors.invalidParam(`${name}[${key}]`, 'Metadata keys can be at most 40 characters');
    if (value.length > 500)
      throw apiErrors.invalidParam(`${name}[${key}]`, 'Metadata values can be at most 500 characters');
    out[key] = value === '' ? null : value;
  }
  return out;
}

export function mergeMetadata(
  current: Metadata,
  update: Record<string, string | null> | undefined,
): Metadata {
  if (update === undefined) return current;
  const merged: Metadata = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** Stripe amounts are positive integers in the minor unit; how large depends on the payment method (limits.ts). */
export function requiredAmount(params: FormObject, name: string): number {
  const amount = optInteger(params, name);
  if (amount === undefined) throw apiErrors.parameterMissing(name);
  if (amount < 1)
    throw apiErrors.invalidParam(
      name,
      'This value must be greater than or equal to 1.',
      'parameter_invalid_integer',
    );
  return amount;
}

export function requiredCurrency(params: FormObject): string {
  const currency = optString(params, 'currency');
  if (currency === undefined) throw apiErrors.parameterMissing('currency');
  if (!/^[A-Za-z]{3}$/.test(currency)) {
    throw apiErrors.invalidParam(
      'currency',
      `Invalid currency: ${currency.slice(0, 20)}. Stripe currently supports three-letter ISO codes.`,
    );
  }
  return currency.toLowerCase();
}
