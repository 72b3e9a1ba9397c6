/**
 * Parsing request parts with zod schemas. A failed parse becomes a 400 that
 * names each offending field, so a client knows exactly what to fix.
 */
import { DETAIL_RULES, type DetailCode, type DetailRule } from '@shifa/contracts';
import {
  type ErrorDetail,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '@shifa/domain';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';

const LIMITED_ORIGINS: Record<string, NonNullable<ErrorDetail['limit']>['of']> = {
  string: 'characters',
  array: 'items',
  set: 'items',
  number: 'value',
  int: 'value',
  bigint: 'value',
  date: 'date',
};

/** What zod says of a missing value, by the kind of schema: a type, an enum or literal, a union. */
const ABSENCE_CODES = new Set<string>(['invalid_type', 'invalid_value', 'invalid_union']);
/** What zod says of an empty string where text, a date or a choice belongs: a length, a format, an enum. */
const EMPTY_CODES = new Set<string>(['too_small', 'invalid_format', 'invalid_value']);

/**
 * Nothing given: absent, null (a form's blank number) or '' (a blank text, date or choice). Clients
 * then hear "required" for every kind of field, instead of a length or format rule about nothing.
 */
const isAbsent = (issue: z.core.$ZodIssue): boolean =>
  ((issue.input === undefined || issue.input === null) && ABSENCE_CODES.has(issue.code)) ||
  (issue.input === '' && EMPTY_CODES.has(issue.code));

/** A zod issue as a detail the client can put in its user's words: a stable code and the bound broken. */
function detailOf(issue: z.core.$ZodIssue, where: string): ErrorDetail {
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = [...issue.path.map(String), ...(keys.length === 1 ? keys : [])].join('.');
  const message = issue.code === 'unrecognized_keys' ? `unknown ${where} parameter` : issue.message;
  // The input is read only to tell "missing" from "wrong"; it never leaves this function.
  if (isAbsent(issue)) return { path: path === '' ? where : path, message, code: 'required' };
  const code: DetailCode = issue.code;
  const detail: ErrorDetail = { path: path === '' ? where : path, message, code };
  if (issue.code === 'custom') {
    const rule = (issue.params as { rule?: unknown } | undefined)?.rule;
    if (typeof rule === 'string' && (DETAIL_RULES as readonly string[]).includes(rule)) {
      detail.rule = rule as DetailRule;
    }
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    const of = LIMITED_ORIGINS[issue.origin];
    if (of !== undefined) detail.limit = { value: Number(bound), of };
  }
  return detail;
}

function validated<T extends z.ZodType>(schema: T, input: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  // An empty field can break several rules at once (length and format): it is one problem, "required".
  const details = result.error.issues
    .map((issue) => detailOf(issue, where))
    .filter(
      (detail, index, all) =>
        detail.code !== 'required' ||
        all.findIndex((other) => other.path === detail.path && other.code === 'required') === index,
    );
  throw new ValidationError(`invalid_${where}`, `the request's ${where} is not valid: see details`, details);
}

export const parseQuery = <T extends z.ZodType>(schema: T, event: APIGatewayProxyEventV2): z.infer<T> =>
  validated(schema, event.queryStringParameters ?? {}, 'query');

export const parsePath = <T extends z.ZodType>(schema: T, event: APIGatewayProxyEventV2): z.infer<T> =>
  validated(schema, event.pathParameters ?? {}, 'path');

/** Bodies larger than this are refused before parsing; no request of Shifa's needs more. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/**
 * The request's JSON body, checked: JSON content type (415), at most 64 KiB
 * (413), well-formed (400 invalid_json), and matching the schema (400 with
 * the path of each problem). Bodies API Gateway delivered base64 are decoded.
 */
export function parseBody<T extends z.ZodType>(schema: T, event: APIGatewayProxyEventV2): z.infer<T> {
  const raw = jsonBodyText(event);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ValidationError('invalid_json', 'the body is not valid JSON', [
      { path: 'body', message: 'expected a JSON document' },
    ]);
  }
  return validated(schema, json, 'body');
}

/**
 * The body's text, after the checks every JSON body gets before anything reads it: a JSON content
 * type (415) and at most 64 KiB (413). Bodies API Gateway delivered base64 are decoded.
 */
export function jsonBodyText(event: APIGatewayProxyEventV2): string {
  const contentType = event.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(contentType)) {
    throw new UnsupportedMediaTypeError(
      'unsupported_media_type',
      'send the body as JSON with Content-Type: application/json',
    );
  }
  const raw =
    event.body === undefined
      ? ''
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  if (Buffer.byteLength(raw, 'utf8') > MAX_JSON_BODY_BYTES) {
    throw new PayloadTooLargeError(
      'payload_too_large',
      `the body is larger than ${MAX_JSON_BODY_BYTES / 1024} KiB`,
    );
  }
  return raw;
}
