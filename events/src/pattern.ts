/**
 * EventBridge's event-pattern matching, for the local bus (no maintained npm
 * library does it). It follows the EventBridge user guide: a pattern names the
 * fields an event must have; a leaf is a list of matchers of which one must
 * match; a field holding an array matches when any element does; several fields
 * must all match. Supported: exact values (string, number, boolean, null),
 * prefix and suffix (optionally ignoring case), equals-ignore-case, wildcard,
 * anything-but (a value, a list, a prefix, a suffix, ignoring case, a wildcard),
 * numeric comparisons and ranges, exists true/false, nested fields and `$or`.
 * Anything else (e.g. `cidr`) is refused by `validatePattern` rather than
 * silently never matching.
 */

export type Matcher =
  | string
  | number
  | boolean
  | null
  | { readonly prefix: string | { readonly 'equals-ignore-case': string } }
  | { readonly suffix: string | { readonly 'equals-ignore-case': string } }
  | { readonly 'equals-ignore-case': string }
  | { readonly wildcard: string }
  | { readonly exists: boolean }
  | { readonly numeric: readonly (string | number)[] }
  | { readonly 'anything-but': AnythingBut };

type AnythingBut =
  | string
  | number
  | readonly string[]
  | readonly number[]
  | { readonly prefix: string }
  | { readonly suffix: string }
  | { readonly 'equals-ignore-case': string | readonly string[] }
  | { readonly wildcard: string | readonly string[] };

export type EventPattern = {
  readonly [field: string]: readonly Matcher[] | EventPattern | readonly EventPattern[];
};

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const OPERATORS = ['<', '<=', '=', '>', '>='] as const;
type Operator = (typeof OPERATORS)[number];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isPrimitive = (value: unknown): value is string | number | boolean | null =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** `*` matches any run of characters; `\*` is a literal star. */
function wildcardRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i] ?? '';
    if (char === '\\' && pattern[i + 1] === '*') {
      source += '\\*';
      i += 1;
    } else if (char === '*') {
      source += '.*';
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 's');
}

const lower = (text: string) => text.toLowerCase();

function compare(value: number, operator: Operator, bound: number): boolean {
  switch (operator) {
    case '<':
      return value < bound;
    case '<=':
      return value <= bound;
    case '=':
      return value === bound;
    case '>':
      return value > bound;
    default:
      return value >= bound;
  }
}

function numericMatches(spec: readonly (string | number)[], value: unknown): boolean {
  if (typeof value !== 'number') return false;
  for (let i = 0; i < spec.length; i += 2) {
    if (!compare(value, spec[i] as Operator, spec[i + 1] as number)) return false;
  }
  return true;
}

function textMatches(
  spec: string | { readonly 'equals-ignore-case': string },
  value: unknown,
  test: (value: string, expected: string) => boolean,
): boolean {
  if (typeof value !== 'string') return false;
  return typeof spec === 'string' ? test(value, spec) : test(lower(value), lower(spec['equals-ignore-case']));
}

function anythingBut(spec: AnythingBut, value: unknown): boolean {
  if (!isPrimitive(value)) return false;
  if (typeof spec === 'string' || typeof spec === 'number') return value !== spec;
  if (Array.isArray(spec)) return !(spec as readonly (string | number)[]).includes(value as string | number);
  if (typeof value !== 'string') return false;
  const record = spec as Record<string, string | readonly string[]>;
  if ('prefix' in record) return !value.startsWith(record.prefix as string);
  if ('suffix' in record) return !value.endsWith(record.suffix as string);
  if ('equals-ignore-case' in record) {
    return ![record['equals-ignore-case'] ?? []].flat().some((text) => lower(text) === lower(value));
  }
  return ![record.wildcard ?? []].flat().some((text) => wildcardRegExp(text).test(value));
}

/** One matcher against one value the event holds (never an array: arrays are spread by the caller). */
function matcherMatches(matcher: Matcher, value: unknown): boolean {
  if (!isRecord(matcher)) return isPrimitive(value) && value === matcher;
  if ('prefix' in matcher) return textMatches(matcher.prefix, value, (v, p) => v.startsWith(p));
  if ('suffix' in matcher) return textMatches(matcher.suffix, value, (v, s) => v.endsWith(s));
  if ('equals-ignore-case' in matcher) {
    return typeof value === 'string' && lower(value) === lower(matcher['equals-ignore-case']);
  }
  if ('wildcard' in matcher) return typeof value === 'string' && wildcardRegExp(matcher.wildcard).test(value);
  if ('numeric' in matcher) return numericMatches(matcher.numeric, value);
  if ('anything-but' in matcher) return anythingBut(matcher['anything-but'], value);
  return false;
}

/** A leaf: one of the matchers must match the field (any element of it, when it is an array). */
function leafMatches(matchers: readonly Matcher[], present: boolean, value: unknown): boolean {
  // An empty array gives the field no value to match: it reads as absent.
  const values = Array.isArray(value) ? value : [value];
  const has = present && values.length > 0;
  return matchers.some((matcher) => {
    if (isRecord(matcher) && 'exists' in matcher) {
      // Exists applies to leaves: a field holding an object is not a leaf.
      return matcher.exists ? has && values.some((v) => !isRecord(v)) : !has;
    }
    return has && values.some((v) => matcherMatches(matcher, v));
  });
}

function objectMatches(pattern: EventPattern, value: unknown): boolean {
  return Object.entries(pattern).every(([field, expected]) => {
    if (field === '$or') {
      return (expected as readonly EventPattern[]).some((alternative) => objectMatches(alternative, value));
    }
    const present = isRecord(value) && Object.hasOwn(value, field);
    const fieldValue = present ? value[field] : undefined;
    if (Array.isArray(expected)) return leafMatches(expected as readonly Matcher[], present, fieldValue);
    const nested = expected as EventPattern;
    // An array of objects matches when one of its elements matches the whole nested pattern.
    if (Array.isArray(fieldValue) && fieldValue.length > 0) {
      return fieldValue.some((element) => objectMatches(nested, element));
    }
    return objectMatches(nested, fieldValue);
  });
}

/** Whether an event (the whole EventBridge event: source, detail-type, detail…) matches a pattern. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  return objectMatches(pattern, event as Json);
}

const TEXT_OR_IGNORE_CASE = (value: unknown) =>
  typeof value === 'string' ||
  (isRecord(value) && Object.keys(value).length === 1 && typeof value['equals-ignore-case'] === 'string');

function matcherProblem(matcher: unknown, path: string): string | undefined {
  if (isPrimitive(matcher)) return undefined;
  if (!isRecord(matcher) || Object.keys(matcher).length !== 1)
    return `${path}: a matcher is a value or an object with one operator`;
  const [operator, spec] = Object.entries(matcher)[0] as [string, unknown];
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return TEXT_OR_IGNORE_CASE(spec)
        ? undefined
        : `${path}: ${operator} takes a string or { "equals-ignore-case": string }`;
    case 'equals-ignore-case':
    case 'wildcard':
      return typeof spec === 'string' ? undefined : `${path}: ${operator} takes a string`;
    case 'exists':
      return typeof spec === 'boolean' ? undefined : `${path}: exists takes true or false`;
    case 'numeric': {
      const ok =
        Array.isArray(spec) &&
        (spec.length === 2 || spec.length === 4) &&
        spec.every((item, i) =>
          i % 2 === 0
            ? OPERATORS.includes(item as Operator)
            : typeof item === 'number' && Number.isFinite(item),
        ) &&
        (spec.length === 2 || (String(spec[0]).startsWith('>') && String(spec[2]).startsWith('<')));
      return ok ? undefined : `${path}: numeric takes [op, n] or [">"|">=", n, "<"|"<=", m]`;
    }
    case 'anything-but': {
      if (typeof spec === 'string' || typeof spec === 'number') return undefined;
      if (Array.isArray(spec)) {
        const allStrings = spec.every((item) => typeof item === 'string');
        const allNumbers = spec.every((item) => typeof item === 'number');
        return spec.length > 0 && (allStrings || allNumbers)
          ? undefined
          : `${path}: anything-but takes a non-empty list of only strings or only numbers`;
      }
      if (isRecord(spec) && Object.keys(spec).length === 1) {
        const [inner, text] = Object.entries(spec)[0] as [string, unknown];
        const texts = [text].flat();
        if (['prefix', 'suffix'].includes(inner) && typeof text === 'string') return undefined;
        if (
          ['equals-ignore-case', 'wildcard'].includes(inner) &&
          texts.length > 0 &&
          texts.every((t) => typeof t === 'string')
        ) {
          return undefined;
        }
      }
      return `${path}: anything-but takes a value, a list, or one of prefix, suffix, equals-ignore-case, wildcard`;
    }
    default:
      return `${path}: the operator "${operator}" is not supported by this matcher`;
  }
}

/** What is wrong with a pattern, as EventBridge's PutRule would refuse it (empty when nothing is). */
export function validatePattern(pattern: unknown, path = '$'): string[] {
  if (!isRecord(pattern) || Object.keys(pattern).length === 0)
    return [`${path}: a pattern is a non-empty object`];
  return Object.entries(pattern).flatMap(([field, expected]) => {
    const at = `${path}.${field}`;
    if (field === '$or') {
      return Array.isArray(expected) && expected.length >= 2
        ? expected.flatMap((alternative, i) => validatePattern(alternative, `${at}[${i}]`))
        : [`${at}: $or takes a list of at least two patterns`];
    }
    if (Array.isArray(expected)) {
      if (expected.length === 0) return [`${at}: a list of matchers may not be empty`];
      return expected.flatMap((matcher, i) => matcherProblem(matcher, `${at}[${i}]`) ?? []);
    }
    return validatePattern(expected, at);
  });
}
