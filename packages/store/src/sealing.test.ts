import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aesGcmSealer } from './sealing';

const key = randomBytes(32);
const secrets = aesGcmSealer(key, 'k1', 'webhook-secrets');

describe('sealing small secrets', () => {
  it('opens what it sealed, for the same context', () => {
    const sealed = secrets.seal('whsec_abc', 'xj-tcm-hospital:sec-1');

    expect(sealed.ciphertext).not.toContain('whsec');
    expect(sealed.keyId).toBe('k1');
    expect(secrets.open(sealed, 'xj-tcm-hospital:sec-1')).toBe('whsec_abc');
  });

  it('refuses a sealed value copied to another owner', () => {
    const sealed = secrets.seal('whsec_abc', 'xj-tcm-hospital:sec-1');

    expect(() => secrets.open(sealed, 'horgos-peoples-hospital:sec-1')).toThrow();
  });

  it('derives a key per purpose, so a value sealed for one purpose does not open for another', () => {
    const sealed = secrets.seal('whsec_abc', 'ctx');

    expect(() => aesGcmSealer(key, 'k1', 'other-purpose').open(sealed, 'ctx')).toThrow();
  });

  it('seals the same text differently each time (a fresh IV)', () => {
    expect(secrets.seal('same', 'ctx').ciphertext).not.toBe(secrets.seal('same', 'ctx').ciphertext);
  });

  it('wants a 32-byte key', () => {
    expect(() => aesGcmSealer(randomBytes(16), 'k', 'p')).toThrow(/32 bytes/);
  });
});
