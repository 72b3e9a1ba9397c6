/**
 * Building blocks for query-string and path parameters, which always arrive as strings.
 */
import * as z from 'zod';

/**
 * A whole number written in decimal digits, bounded, e.g. `?limit=20`. The document shows the text
 * as sent, so its maxLength (the pattern's fifteen digits) is the bound tools see.
 */
export const intParam = (min: number, max: number) =>
  z
    .string()
    .max(15)
    .regex(/^\d{1,15}$/, 'use a whole number written in digits')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
