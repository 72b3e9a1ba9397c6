import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aesGcmCipher } from './health-notes';

const cipher = aesGcmCipher(randomBytes(32), 'test-key');
const note = 'Перенесла инсульт в 2024 году; принимает варфарин.';

describe('health notes encryption', () => {
  it('round-trips a note without keeping it readable at rest', () => {
    const sealed = cipher.encrypt(note, 'bk-1', 0);

    expect(sealed.ciphertext).not.toContain('варфарин');
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('utf8')).not.toContain('варфарин');
    expect(cipher.decrypt(sealed, 'bk-1', 0)).toBe(note);
  });

  it('refuses a note moved to another booking or traveller', () => {
    const sealed = cipher.encrypt(note, 'bk-1', 0);

    expect(() => cipher.decrypt(sealed, 'bk-2', 0)).toThrow();
    expect(() => cipher.decrypt(sealed, 'bk-1', 1)).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = cipher.encrypt(note, 'bk-1', 0);
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;

    expect(() => cipher.decrypt({ ...sealed, ciphertext: bytes.toString('base64') }, 'bk-1', 0)).toThrow();
  });

  it('uses a fresh nonce for every note', () => {
    expect(cipher.encrypt(note, 'bk-1', 0).iv).not.toBe(cipher.encrypt(note, 'bk-1', 0).iv);
  });

  it('insists on a 256-bit key', () => {
    expect(() => aesGcmCipher(randomBytes(16), 'short')).toThrow(/32 bytes/);
  });
});
