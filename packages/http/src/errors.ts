/**
 * The one place that turns errors into HTTP responses. Typed domain errors keep
 * their code and message; anything else is logged once, with context, and
 * answered with a 500 that reveals nothing.
 */
import type { ErrorResponse } from '@shifa/contracts';
import { DomainError, type ErrorKind, MethodNotAllowedError } from '@shifa/domain';
import { logger } from '@shifa/runtime';
import { type HttpResponse, json } from './responses';

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
};

export function errorResponse(error: unknown, requestId: string | undefined): HttpResponse {
  if (error instanceof DomainError) {
    const body: ErrorResponse = {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details === undefined ? {} : { details: error.details }),
      },
      ...(requestId === undefined ? {} : { requestId }),
    };
    const headers: Record<string, string> = {
      ...(error instanceof MethodNotAllowedError ? { allow: error.allowed.join(', ') } : {}),
      ...(error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) }),
    };
    return json(STATUS_BY_KIND[error.kind], body, headers);
  }
  logger.error('unhandled error', { error: error instanceof Error ? error : String(error) });
  const body: ErrorResponse = {
    error: { code: 'internal_error', message: 'something went wrong on our side; try again later' },
    ...(requestId === undefined ? {} : { requestId }),
  };
  return json(500, body);
}
