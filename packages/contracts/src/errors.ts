/** The one shape of every error response the API sends. */
import * as z from 'zod';

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string().describe('stable, machine-readable'),
    message: z.string().describe('what went wrong and what to change'),
    details: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('one entry per problem, with the path of the offending field'),
  }),
  requestId: z.string().optional(),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
