/**
 * The signature on every webhook Shifa sends a hospital, in Stripe's scheme:
 * `Shifa-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`,
 * one v1 per signing secret that is valid at that moment, so a hospital that
 * rotates its secret keeps verifying with either during the 24 h overlap.
 * The timestamp is signed too: a captured request cannot be replayed later
 * than the receiver's tolerance. docs/hospital-webhooks.md shows receivers how to check it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Shifa-Signature';

/** How old a signed timestamp a receiver should accept, as Stripe's libraries do. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest();

/** The header value for a body signed at `timestamp` (unix seconds) with each secret, current first. */
export function signatureHeader(body: string, secrets: readonly string[], timestamp: number): string {
  if (secrets.length === 0) throw new Error('a webhook is never sent unsigned: no signing secret');
  if (!Number.isInteger(timestamp) || timestamp < 0) throw new RangeError('timestamp: whole unix seconds');
  return [
    `t=${timestamp}`,
    ...secrets.map((secret) => `v1=${hmac(secret, timestamp, body).toString('hex')}`),
  ].join(',');
}

export type Verification =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'malformed' | 'expired' | 'mismatch' };

/** Checks a header against a body with the receiver's secrets: any v1 made with any of them passes. */
export function verifySignature(
  header: string,
  body: string,
  secrets: readonly string[],
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): Verification {
  const pairs = header.split(',').map((part) => {
    const at = part.indexOf('=');
    return at < 0 ? ['', ''] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
  });
  const stamps = pairs.filter(([key]) => key === 't').map(([, value]) => value ?? '');
  const signatures = pairs.filter(([key]) => key === 'v1').map(([, value]) => value ?? '');
  const timestamp =
    stamps.length === 1 && /^\d{1,12}$/.test(stamps[0] ?? '') ? Number(stamps[0]) : Number.NaN;
  if (Number.isNaN(timestamp) || signatures.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'expired' };
  for (const secret of secrets) {
    const expected = hmac(secret, timestamp, body);
    for (const hex of signatures) {
      const given = /^[0-9a-f]+$/i.test(hex) ? Buffer.from(hex, 'hex') : Buffer.alloc(0);
      if (given.length === expected.length && timingSafeEqual(given, expected))
        return { ok: true, timestamp };
    }
  }
  return { ok: false, reason: 'mismatch' };
}
