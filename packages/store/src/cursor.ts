/**
 * Pagination cursors: an item's key, opaque to clients (base64url JSON), and
 * checked on the way back in so a forged or truncated cursor is a 400, not a 500.
 */
import { ValidationError } from '@shifa/domain';
import * as z from 'zod';

const KeyAttributes = z.record(z.string().regex(/^[A-Z0-9]{2,8}$/), z.string().min(1).max(300));

export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(cursor: string, shape: T): z.infer<T> {
  try {
    const key = KeyAttributes.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return shape.parse(key);
  } catch {
    throw new ValidationError(
      'invalid_cursor',
      'the cursor is not one this API gave out; repeat the request without it',
      [{ path: 'cursor', message: 'use nextCursor from a previous response, unchanged' }],
    );
  }
}
