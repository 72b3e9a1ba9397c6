/**
 * Sealing small secrets at rest (hospitals' webhook signing secrets) the way
 * health notes are sealed: AES-256-GCM, each ciphertext bound to its owner and
 * purpose by the additional authenticated data, so a sealed value copied to
 * another item does not open. The key is the platform's one sealing key
 * (HEALTH_NOTES_KEY, already in Secrets Manager on AWS and under .local-data/
 * locally); a key of its own for each purpose is derived from it with
 * HKDF-SHA256, so the raw key never encrypts two kinds of data.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { EncryptedNote, healthNotesSettings } from './health-notes';

export type Sealed = EncryptedNote;
export const Sealed = EncryptedNote;

export type Sealer = {
  seal(plaintext: string, context: string): Sealed;
  open(sealed: Sealed, context: string): string;
};

const ALGORITHM = 'aes-256-gcm';

/** A sealer for one purpose (e.g. `webhook-secrets`) under a 32-byte root key. */
export function aesGcmSealer(rootKey: Buffer, keyId: string, purpose: string): Sealer {
  if (rootKey.length !== 32) throw new Error('the sealing key must be 32 bytes');
  const key = Buffer.from(hkdfSync('sha256', rootKey, Buffer.alloc(0), `shifa:${purpose}`, 32));
  const aad = (context: string) => Buffer.from(`shifa:${purpose}:${context}`);
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      cipher.setAAD(aad(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return {
        keyId,
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        ciphertext: ciphertext.toString('base64'),
      };
    },
    open(sealed, context) {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(aad(context));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([
        decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

const sealers = new WeakMap<object, Sealer>();

/** The sealer of webhook signing secrets, under the same key as health notes; made on first use. */
export function webhookSecretsSealer(): Sealer {
  const key = healthNotesSettings();
  let sealer = sealers.get(key);
  if (sealer === undefined) {
    sealer = aesGcmSealer(key.HEALTH_NOTES_KEY, key.HEALTH_NOTES_KEY_ID, 'webhook-secrets');
    sealers.set(key, sealer);
  }
  return sealer;
}
