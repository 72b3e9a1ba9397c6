/** Building HTTP responses in API Gateway's payload 2.0 shape. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number };

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'x-content-type-options': 'nosniff',
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export const ok = (body: unknown, headers?: Record<string, string>) => json(200, body, headers);

export const created = (body: unknown, headers?: Record<string, string>) => json(201, body, headers);

export const noContent = (): HttpResponse => ({
  statusCode: 204,
  headers: { 'x-content-type-options': 'nosniff' },
});
