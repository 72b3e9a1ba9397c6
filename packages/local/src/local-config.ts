/** Settings of the local runtime, from the environment, checked once. */
import * as z from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const LocalEnv = z.object({
  PORT: port(3000),
  DYNAMODB_PORT: port(8000),
  LOCAL_TABLE_NAME: z.string().min(3).default('shifa'),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('WARN'),
});

export type LocalConfig = { port: number; dynamoDbPort: number; tableName: string; logLevel: string };

export function localConfig(env: NodeJS.ProcessEnv): LocalConfig {
  const parsed = LocalEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`local settings are invalid: ${problems}`);
  }
  return {
    port: parsed.data.PORT,
    dynamoDbPort: parsed.data.DYNAMODB_PORT,
    tableName: parsed.data.LOCAL_TABLE_NAME,
    logLevel: parsed.data.LOG_LEVEL,
  };
}
