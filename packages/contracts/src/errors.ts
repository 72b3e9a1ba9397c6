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

/**
 * Rules particular to Shifa, named so clients can word them (with `params`) in their user's
 * language; the detail's English `message` says the same for people reading curl output.
 */
export const DETAIL_RULES = [
  'text_in_one_language',
  'treatment_past_trip',
  'too_many_nights',
  'booking_too_large',
  'hotel_other_city',
  'room_not_offered',
  'meals_not_offered',
  'day_past_trip',
  'excursion_twice',
  'listed_twice',
  'service_twice',
  'interpreter_languages',
  'service_language_unlisted',
  'tiers_order',
  'tier_refund_rises',
] as const;
export type DetailRule = (typeof DETAIL_RULES)[number];

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
          rule: z.enum(DETAIL_RULES).optional().describe("which of Shifa's own rules was broken"),
          params: z
            .record(z.string(), z.union([z.string(), z.number()]))
            .optional()
            .describe("the figures and names the rule's sentence needs"),
        }),
      )
      .optional()
      .describe('one entry per problem, with the path of the offending field'),
  }),
  requestId: z.string().optional(),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
