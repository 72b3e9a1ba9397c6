/**
 * Errors in the shape Stripe's API returns them (`{"error": {type, code, message, param…}}`),
 * with the HTTP status stripe-node turns into its error classes.
 */
import type { Json } from './objects';

export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export type StripeErrorBody = {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: Json;
  payment_method?: Json;
};

export class ApiError extends Error {
  readonly status: number;
  readonly body: StripeErrorBody;
  /**
   * Stripe saves an idempotent result only once the endpoint has started to run:
   * a request refused while its parameters are read can be retried with the same key.
   */
  readonly saveForIdempotency: boolean;

  constructor(status: number, body: StripeErrorBody, saveForIdempotency = true) {
    super(body.message);
    this.status = status;
    this.body =
      body.code === undefined
        ? body
        : { ...body, doc_url: `https://stripe.com/docs/error-codes/${body.code.replace(/_/g, '-')}` };
    this.saveForIdempotency = saveForIdempotency;
  }
}

export const apiErrors = {
  parameterMissing: (param: string) =>
    new ApiError(
      400,
      {
        type: 'invalid_request_error',
        code: 'parameter_missing',
        param,
        message: `Missing required param: ${param}.`,
      },
      false,
    ),
  parameterUnknown: (param: string) =>
    new ApiError(
      400,
      {
        type: 'invalid_request_error',
        code: 'parameter_unknown',
        param,
        message: `Received unknown parameter: ${param}`,
      },
      false,
    ),
  invalidInteger: (param: string, value: string) =>
    new ApiError(
      400,
      {
        type: 'invalid_request_error',
        code: 'parameter_invalid_integer',
        param,
        message: `Invalid integer: ${value.slice(0, 40)}`,
      },
      false,
    ),
  invalidParam: (param: string, message: string, code?: string) =>
    new ApiError(
      400,
      { type: 'invalid_request_error', param, message, ...(code === undefined ? {} : { code }) },
      false,
    ),
  resourceMissing: (resource: string, id: string, param: string) =>
    new ApiError(404, {
      type: 'invalid_request_error',
      code: 'resource_missing',
      param,
      message: `No such ${resource}: '${id.slice(0, 80)}'`,
    }),
  unexpectedState: (message: string, paymentIntent: Json) =>
    new ApiError(400, {
      type: 'invalid_request_error',
      code: 'payment_intent_unexpected_state',
      message,
      payment_intent: paymentIntent,
    }),
  unrecognizedUrl: (method: string, path: string) =>
    new ApiError(
      404,
      {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${method}: ${path.slice(0, 120)}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      },
      false,
    ),
};
