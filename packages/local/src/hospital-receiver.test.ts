/**
 * The verification snippet hospitals copy from docs/hospital-webhooks.md, and
 * the demo receiver's copy of it, against the signer Shifa sends with.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signatureHeader } from '@shifa/domain';
import { describe, expect, it } from 'vitest';
import { verifyShifaSignature } from './hospital-receiver';
import { ROOT } from './paths';

type Verify = (header: string, rawBody: string, secret: string, toleranceSeconds?: number) => boolean;

/** The ```js block of the docs, run as written (its import supplied, its export dropped). */
function documentedSnippet(): Verify {
  const doc = readFileSync(join(ROOT, 'docs', 'hospital-webhooks.md'), 'utf8');
  const code = /```js\n([\s\S]*?)```/.exec(doc)?.[1];
  if (code === undefined) throw new Error('docs/hospital-webhooks.md has no js snippet');
  const body = code
    .replace("import { createHmac, timingSafeEqual } from 'node:crypto';", '')
    .replace('export function', 'function');
  const make = new Function('createHmac', 'timingSafeEqual', `${body}\nreturn verifyShifaSignature;`);
  return make(createHmac, timingSafeEqual) as Verify;
}

const OLD = 'whsec_old-0123456789abcdef0123456789abcdef';
const NEW = 'whsec_new-fedcba9876543210fedcba9876543210';
const body = JSON.stringify({
  id: 'bk-1:v3:BookingRequested',
  type: 'BookingRequested',
  data: { note: 'é ✓' },
});
const now = () => Math.floor(Date.now() / 1000);

describe.each([
  ['the snippet in docs/hospital-webhooks.md', documentedSnippet()],
  ["the demo receiver's copy", verifyShifaSignature],
])('%s', (_name, verify) => {
  it('accepts what Shifa signs', () => {
    expect(verify(signatureHeader(body, [NEW], now()), body, NEW)).toBe(true);
  });

  it('accepts a request signed during a rotation with either secret', () => {
    const header = signatureHeader(body, [NEW, OLD], now());

    expect(verify(header, body, OLD)).toBe(true);
    expect(verify(header, body, NEW)).toBe(true);
  });

  it('refuses another secret, a changed body and a stale timestamp', () => {
    expect(verify(signatureHeader(body, [NEW], now()), body, OLD)).toBe(false);
    expect(verify(signatureHeader(body, [NEW], now()), `${body} `, NEW)).toBe(false);
    expect(verify(signatureHeader(body, [NEW], now() - 301), body, NEW)).toBe(false);
    expect(verify('garbage', body, NEW)).toBe(false);
  });
});
