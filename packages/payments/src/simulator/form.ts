/**
 * Stripe's v1 parameter encoding, read back: `application/x-www-form-urlencoded`
 * with bracket notation, as stripe-node and Stripe.js write it
 * (`metadata[bookingId]=b1`, `expand[0]=latest_charge`, `expand[]=latest_charge`).
 */

export type FormValue = string | FormValue[] | FormObject;
export type FormObject = { [key: string]: FormValue };

export class FormError extends Error {}

const MAX_PAIRS = 1_000;
const MAX_DEPTH = 6;
const MAX_INDEX = 1_000;
// Keys that would reach Object.prototype if a body could name them.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Parses a urlencoded body or query string into nested objects and arrays. */
export function parseForm(encoded: string): FormObject {
  const root: FormObject = {};
  if (encoded.trim() === '') return root;
  const pairs = encoded.split('&').filter((pair) => pair !== '');
  if (pairs.length > MAX_PAIRS) throw new FormError(`too many parameters (more than ${MAX_PAIRS})`);
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const rawKey = at === -1 ? pair : pair.slice(0, at);
    const rawValue = at === -1 ? '' : pair.slice(at + 1);
    insert(root, keyPath(decode(rawKey)), decode(rawValue));
  }
  return compact(root) as FormObject;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new FormError(`malformed percent-encoding in "${text.slice(0, 40)}"`);
  }
}

/** `a[b][0][]` → ['a', 'b', '0', '']. */
function keyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open === -1) return [key];
  const path = [key.slice(0, open)];
  const rest = key.slice(open);
  const segment = /\[([^[\]]*)\]/y;
  let position = 0;
  while (position < rest.length) {
    segment.lastIndex = position;
    const match = segment.exec(rest);
    if (match === null) throw new FormError(`malformed parameter name "${key.slice(0, 60)}"`);
    path.push(match[1] ?? '');
    position = segment.lastIndex;
  }
  if (path.length > MAX_DEPTH) throw new FormError(`parameter "${key.slice(0, 60)}" is nested too deeply`);
  return path;
}

function isIndex(segment: string): boolean {
  return segment === '' || /^\d+$/.test(segment);
}

function insert(container: FormObject | FormValue[], path: string[], value: string): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (FORBIDDEN_KEYS.has(head)) throw new FormError(`parameter name "${head}" is not allowed`);
  if (head === '' && !Array.isArray(container)) throw new FormError('empty parameter name');
  const next = rest[0];
  const fresh = (): FormObject | FormValue[] => (next !== undefined && isIndex(next) ? [] : {});

  if (Array.isArray(container)) {
    if (!isIndex(head)) throw new FormError(`parameter ${head} mixes a list and a hash`);
    const index = head === '' ? container.length : Number(head);
    if (index > MAX_INDEX) throw new FormError(`array index ${index} is too large`);
    if (next === undefined) {
      container[index] = value;
      return;
    }
    const existing = container[index];
    const child = existing === undefined ? fresh() : existing;
    if (typeof child === 'string') throw new FormError(`parameter ${head} is both a value and a hash`);
    container[index] = child;
    insert(child, rest, value);
    return;
  }

  if (next === undefined) {
    if (container[head] !== undefined && typeof container[head] !== 'string') {
      throw new FormError(`parameter ${head} is both a value and a hash`);
    }
    container[head] = value;
    return;
  }
  const existing = container[head];
  const child = existing === undefined ? fresh() : existing;
  if (typeof child === 'string') throw new FormError(`parameter ${head} is both a value and a hash`);
  container[head] = child;
  insert(child, rest, value);
}

/** Drops the holes that explicit indices can leave, as Stripe's parser does. */
function compact(value: FormValue): FormValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compact);
  const out: FormObject = {};
  for (const [key, item] of Object.entries(value)) out[key] = compact(item);
  return out;
}
