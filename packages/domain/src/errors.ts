/**
 * Typed errors with stable codes. The domain throws them; the HTTP edge maps
 * each kind to a status in one place (@shifa/http). Messages say what to fix
 * and never carry personal data.
 */
import type { DetailCode, DetailRule } from '@shifa/contracts';

/**
 * One problem with a request: where (`path`), what (`message`, English, for people reading logs
 * and curl output) and, for schema problems, a stable `code` with its limit, so a client can say
 * the same in its user's language.
 */
export type ErrorDetail = {
  path: string;
  message: string;
  code?: DetailCode;
  /** The bound a `too_small` / `too_big` problem broke, and what it counts. */
  limit?: { value: number; of: 'characters' | 'items' | 'value' | 'date' };
  /** One of Shifa's own rules, with what its sentence needs. */
  rule?: DetailRule;
  params?: Record<string, string | number>;
};

export type ErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'gone'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable';

export type ErrorOptions = {
  /** When the same request may succeed: the edge answers it as `Retry-After` (seconds). */
  retryAfterSeconds?: number;
};

export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;
  readonly code: string;
  readonly details: ErrorDetail[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: string, message: string, details?: ErrorDetail[], options: ErrorOptions = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export class ValidationError extends DomainError {
  readonly kind = 'validation';
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
}

export class MethodNotAllowedError extends DomainError {
  readonly kind = 'method_not_allowed';
  readonly allowed: string[];
  constructor(allowed: string[], message: string) {
    super('method_not_allowed', message);
    this.allowed = allowed;
  }
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized';
}

export class GoneError extends DomainError {
  readonly kind = 'gone';
}

export class PayloadTooLargeError extends DomainError {
  readonly kind = 'payload_too_large';
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly kind = 'unsupported_media_type';
}

/** The request is well-formed but cannot be applied as sent (e.g. an idempotency key reused for another request). */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';
}
