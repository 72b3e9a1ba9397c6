/** Where the local runtime keeps its state: one git-ignored folder at the repository root. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DATA_DIR = join(ROOT, '.local-data');
export const LOCK_FILE = join(DATA_DIR, 'shifa.lock');
export const DYNAMODB_DIR = join(DATA_DIR, 'dynamodb');
/** s3rver's buckets and objects: the medical records' files. */
export const S3_DIR = join(DATA_DIR, 's3');
export const ISSUER_KEY_FILE = join(DATA_DIR, 'issuer', 'signing-key.json');
/** The local keys that seal health data (HEALTH_DATA_KEYS), one `name:key` a line, the newest last. */
export const HEALTH_DATA_KEYS_FILE = join(DATA_DIR, 'keys', 'health-data.keys');
/** Where an older checkout kept its one raw key; read once to reseal what it sealed (legacy.ts). */
export const LEGACY_HEALTH_NOTES_KEY_FILE = join(DATA_DIR, 'keys', 'health-notes.key');
export const MAILBOX_FILE = join(DATA_DIR, 'mailbox.jsonl');
/** Every EMF metric line the functions print on AWS, appended by `npm start` (read with `npm run metrics`). */
export const METRICS_FILE = join(DATA_DIR, 'metrics.jsonl');
