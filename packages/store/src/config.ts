/** Storage configuration, read from the environment once and checked. */
import * as z from 'zod';

const StoreEnv = z.object({
  TABLE_NAME: z.string().min(3, 'TABLE_NAME must name the DynamoDB table (at least 3 characters)'),
  /** Set only off AWS, e.g. http://127.0.0.1:8000 for DynamoDB Local. */
  DYNAMODB_ENDPOINT: z.url().optional(),
});

export type StoreConfig = z.infer<typeof StoreEnv>;

function readStoreConfig(env: NodeJS.ProcessEnv): StoreConfig {
  const parsed = StoreEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`storage configuration is invalid: ${problems}`);
  }
  return parsed.data;
}

export const storeConfig: StoreConfig = readStoreConfig(process.env);
