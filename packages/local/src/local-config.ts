/** Settings of the local runtime, from the environment, checked once. */
import { parseSettings } from '@shifa/runtime';
import * as z from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const LocalEnv = z.object({
  PORT: port(3000),
  DYNAMODB_PORT: port(8000),
  LOCAL_TABLE_NAME: z.string().min(3).default('shifa'),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('WARN'),
  STRIPE_SIMULATOR_PORT: port(12111),
  /** s3rver, standing in for S3: the medical records' bucket. */
  S3_PORT: port(4569),
  LOCAL_RECORDS_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'LOCAL_RECORDS_BUCKET must be an S3 bucket name')
    .default('shifa-records'),
  /** Both set: real Stripe in test mode instead of the simulator. */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^sk_test_/, 'only a Stripe test key (sk_test_…) may be used locally')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_/)
    .optional(),
});

export type LocalConfig = {
  port: number;
  dynamoDbPort: number;
  tableName: string;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  stripeSimulatorPort: number;
  s3Port: number;
  recordsBucket: string;
  stripeSecretKey: string | undefined;
  stripeWebhookSecret: string | undefined;
};

export function localConfig(env: NodeJS.ProcessEnv): LocalConfig {
  const data = parseSettings('local', LocalEnv, env);
  return {
    port: data.PORT,
    dynamoDbPort: data.DYNAMODB_PORT,
    tableName: data.LOCAL_TABLE_NAME,
    logLevel: data.LOG_LEVEL,
    stripeSimulatorPort: data.STRIPE_SIMULATOR_PORT,
    s3Port: data.S3_PORT,
    recordsBucket: data.LOCAL_RECORDS_BUCKET,
    stripeSecretKey: data.STRIPE_SECRET_KEY,
    stripeWebhookSecret: data.STRIPE_WEBHOOK_SECRET,
  };
}
