import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from './signature';

const OLD = 'whsec_old_3d1f0c9a8b7e6d5c4b3a2f1e0d9c8b7a';
const NEW = 'whsec_new_8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d';
const body = JSON.stringify({ id: 'evt-1', type: 'BookingRequested', data: { bookingId: 'bk-1' } });
const t = 1_795_000_000;

describe('webhook signatures', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256(secret, t.body)>, checked against an independent computation', () => {
    const expected = createHmac('sha256', NEW).update(`${t}.${body}`).digest('hex');

    expect(signatureHeader(body, [NEW], t)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies a body signed with the receiver’s secret', () => {
    const header = signatureHeader(body, [NEW], t);

    expect(verifySignature(header, body, [NEW], t + 10)).toEqual({ ok: true, timestamp: t });
  });

  it('during a rotation carries one v1 per valid secret, so a receiver holding either verifies', () => {
    const header = signatureHeader(body, [NEW, OLD], t);

    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifySignature(header, body, [OLD], t).ok).toBe(true);
    expect(verifySignature(header, body, [NEW], t).ok).toBe(true);
  });

  it('fails once the old secret is gone from the sender but the receiver still only has the old one', () => {
    const header = signatureHeader(body, [NEW], t);

    expect(verifySignature(header, body, [OLD], t)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses a body changed by one character', () => {
    const header = signatureHeader(body, [NEW], t);

    expect(verifySignature(header, body.replace('bk-1', 'bk-2'), [NEW], t)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('refuses a signature older or newer than the tolerance (5 minutes by default)', () => {
    const header = signatureHeader(body, [NEW], t);

    expect(verifySignature(header, body, [NEW], t + 301)).toEqual({ ok: false, reason: 'expired' });
    expect(verifySignature(header, body, [NEW], t - 301)).toEqual({ ok: false, reason: 'expired' });
    expect(verifySignature(header, body, [NEW], t + 300).ok).toBe(true);
  });

  it('refuses a timestamp moved forward to look fresh: it is part of what is signed', () => {
    const header = signatureHeader(body, [NEW], t).replace(`t=${t}`, `t=${t + 1000}`);

    expect(verifySignature(header, body, [NEW], t + 1000)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('calls malformed headers malformed', () => {
    for (const header of ['', 'v1=abc', `t=${t}`, `t=abc,v1=00`, `t=${t},t=${t},v1=00`]) {
      expect(verifySignature(header, body, [NEW], t)).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(verifySignature(`t=${t},v1=zz`, body, [NEW], t)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('never signs without a secret', () => {
    expect(() => signatureHeader(body, [], t)).toThrow(/unsigned/);
  });
});
