/**
 * Which keys seal health data, by one setting: with HEALTH_DATA_KMS_KEY_ARN (on AWS, set by the CDK
 * app) a KMS key does; without it (`npm start`, tests) HEALTH_DATA_KEYS holds local 256-bit keys.
 * Everything else about sealing is the same code path. The settings are read only by functions
 * whose routes declare a sealing capability; nothing here ever logs a key.
 */
import { randomBytes } from 'node:crypto';
import { settings } from '@shifa/runtime';
import * as z from 'zod';

/** A local key: its name (stored in every message it wraps, so decrypt finds it) and 32 bytes. */
export type LocalKey = { readonly name: string; readonly key: Buffer };

/** A KMS key's ARN (not an alias: KMS names the key ARN in what it wraps, and decrypt matches on it). */
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const KEY_NAME = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;

/**
 * `name:base64` entries, separated by commas or line breaks, oldest first: the last one seals, the
 * others only open what they sealed before it took over. That is how a local key is rotated: add a
 * new line at the end, keep the old ones while anything sealed with them exists.
 */
export const LocalKeys = z.string().transform((text, context) => {
  const entries = text
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const keys: LocalKey[] = [];
  for (const entry of entries) {
    const [name = '', key = '', ...rest] = entry.split(':');
    if (!KEY_NAME.test(name) || !BASE64_KEY.test(key) || rest.length > 0) {
      context.addIssue({
        code: 'custom',
        message:
          'each entry must be name:key, the name of letters, digits, dots, dashes or underscores, the key 32 random bytes in base64 (openssl rand -base64 32)',
      });
      return z.NEVER;
    }
    if (keys.some((known) => known.name === name)) {
      context.addIssue({ code: 'custom', message: `the key name ${name} appears twice` });
      return z.NEVER;
    }
    keys.push({ name, key: Buffer.from(key, 'base64') });
  }
  if (keys.length === 0) {
    context.addIssue({ code: 'custom', message: 'must hold at least one key' });
    return z.NEVER;
  }
  return keys;
});

/** A new local key as HEALTH_DATA_KEYS takes it: for a new key file, a rotation, a test. */
export const newLocalKey = (name: string): string => `${name}:${randomBytes(32).toString('base64')}`;

export type KeySource =
  | { readonly kind: 'kms'; readonly keyArn: string }
  | { readonly kind: 'local'; readonly keys: readonly LocalKey[] };

export const sealingSettings = /* @__PURE__ */ settings('health-data keys', () =>
  z
    .object({
      HEALTH_DATA_KMS_KEY_ARN: z
        .string()
        .regex(KMS_KEY_ARN, 'HEALTH_DATA_KMS_KEY_ARN must be the ARN of a KMS key (arn:aws:kms:…:key/…)')
        .optional(),
      HEALTH_DATA_KEYS: LocalKeys.optional(),
    })
    .transform(({ HEALTH_DATA_KMS_KEY_ARN, HEALTH_DATA_KEYS }, context): KeySource => {
      if (HEALTH_DATA_KMS_KEY_ARN !== undefined && HEALTH_DATA_KEYS !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['HEALTH_DATA_KEYS'],
          message: 'set either HEALTH_DATA_KMS_KEY_ARN (on AWS) or HEALTH_DATA_KEYS (locally), not both',
        });
        return z.NEVER;
      }
      if (HEALTH_DATA_KMS_KEY_ARN !== undefined) return { kind: 'kms', keyArn: HEALTH_DATA_KMS_KEY_ARN };
      if (HEALTH_DATA_KEYS !== undefined) return { kind: 'local', keys: HEALTH_DATA_KEYS };
      context.addIssue({
        code: 'custom',
        path: ['HEALTH_DATA_KEYS'],
        message:
          'HEALTH_DATA_KMS_KEY_ARN (on AWS) or HEALTH_DATA_KEYS (locally) must be set to the keys that seal health data',
      });
      return z.NEVER;
    }),
);
