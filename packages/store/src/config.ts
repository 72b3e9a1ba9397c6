/** Storage settings: which table, and where DynamoDB is when it is not AWS's. */
import { settings } from '@shifa/runtime';
import * as z from 'zod';

export const storeSettings = /* @__PURE__ */ settings('storage', () =>
  z.object({
    TABLE_NAME: z.string().min(3, 'TABLE_NAME must name the DynamoDB table (at least 3 characters)'),
    /** Set only off AWS, e.g. http://127.0.0.1:8000 for DynamoDB Local. */
    DYNAMODB_ENDPOINT: z.url().optional(),
  }),
);
