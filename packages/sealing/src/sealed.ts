/**
 * A sealed value as the table stores it: one AWS Encryption SDK message, base64. Apart from the
 * sealing code, so the repositories that parse stored items carry no part of the SDK.
 */
import * as z from 'zod';

export const Sealed = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'a sealed value is base64');
export type Sealed = z.infer<typeof Sealed>;
