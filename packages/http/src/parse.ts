/**
 * Parsing request parts with zod schemas. A failed parse becomes a 400 that
 * names each offending field, so a client knows exactly what to fix.
 */
import { ValidationError } from '@shifa/domain';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';

function validated<T extends z.ZodType>(schema: T, input: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = [...issue.path.map(String), ...(keys.length === 1 ? keys : [])].join('.');
    const message = issue.code === 'unrecognized_keys' ? `unknown ${where} parameter` : issue.message;
    return { path: path === '' ? where : path, message };
  });
  throw new ValidationError(`invalid_${where}`, `the request's ${where} is not valid: see details`, details);
}

export const parseQuery = <T extends z.ZodType>(schema: T, event: APIGatewayProxyEventV2): z.infer<T> =>
  validated(schema, event.queryStringParameters ?? {}, 'query');

export const parsePath = <T extends z.ZodType>(schema: T, event: APIGatewayProxyEventV2): z.infer<T> =>
  validated(schema, event.pathParameters ?? {}, 'path');
