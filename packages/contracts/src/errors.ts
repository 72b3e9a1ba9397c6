/** The one shape of every error response the API sends. */
import * as z from 'zod';

/** `required`: absent; the rest are zod's issue codes, which the API keeps stable. */
export const DETAIL_CODES = [
  'required',
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_value',
  'invalid_format',
  'unrecognized_keys',
  'not_multiple_of',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'custom',
] as const;
export type DetailCode = (typeof DETAIL_CODES)[number];

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string().describe('stable, machine-readable'),
    message: z.string().describe('what went wrong and what to change'),
    details: z
      .array(
        z.object({
          path: z.string(),
          message: z.string().describe('in English; clients show `code` in their own words'),
          code: z
            .enum(DETAIL_CODES)
            .optional()
            .describe('required, or the kind of schema problem (too_small, invalid_value, …)'),
          limit: z
            .object({ value: z.number(), of: z.enum(['characters', 'items', 'value', 'date']) })
            .optional()
            .describe('the bound a too_small or too_big problem broke'),
        }),
      )
      .optional()
      .describe('one entry per problem, with the path of the offending field'),
  }),
  requestId: z.string().optional(),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
