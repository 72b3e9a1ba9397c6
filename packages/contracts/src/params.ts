/**
 * Building blocks for query-string and path parameters, which always arrive as strings.
 */
import * as z from 'zod';

/** A whole number written in decimal digits, bounded, e.g. `?limit=20`. */
export const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/, 'use a whole number written in digits')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
