/**
 * Travellers' health notes are personal health data: they are stored apart
 * from the booking, encrypted with AES-256-GCM, bound to their booking and
 * traveller (the additional authenticated data), so a ciphertext copied onto
 * another booking does not decrypt. The key comes from configuration
 * (HEALTH_NOTES_KEY, 32 bytes in base64); nothing here ever logs a note.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { settings } from '@shifa/runtime';
import * as z from 'zod';

const ALGORITHM = 'aes-256-gcm';

export const EncryptedNote = z.object({
  keyId: z.string(),
  iv: z.string(),
  tag: z.string(),
  ciphertext: z.string(),
});
export type EncryptedNote = z.infer<typeof EncryptedNote>;

export type HealthNotesCipher = {
  encrypt(plaintext: string, bookingId: string, traveller: number): EncryptedNote;
  decrypt(note: EncryptedNote, bookingId: string, traveller: number): string;
};

const aad = (bookingId: string, traveller: number) =>
  Buffer.from(`shifa:health-notes:${bookingId}:${traveller}`);

export function aesGcmCipher(key: Buffer, keyId: string): HealthNotesCipher {
  if (key.length !== 32) throw new Error('HEALTH_NOTES_KEY must be 32 bytes (base64 of 32 random bytes)');
  return {
    encrypt(plaintext, bookingId, traveller) {
      const iv = randomBytes(12);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      cipher.setAAD(aad(bookingId, traveller));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return {
        keyId,
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        ciphertext: ciphertext.toString('base64'),
      };
    },
    decrypt(note, bookingId, traveller) {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(note.iv, 'base64'));
      decipher.setAAD(aad(bookingId, traveller));
      decipher.setAuthTag(Buffer.from(note.tag, 'base64'));
      return Buffer.concat([
        decipher.update(Buffer.from(note.ciphertext, 'base64')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

/** The platform's sealing key; on AWS a Secrets Manager value, locally a file under .local-data/. */
export const healthNotesSettings = /* @__PURE__ */ settings('health notes', () =>
  z.object({
    HEALTH_NOTES_KEY: z
      .string({ error: 'HEALTH_NOTES_KEY must be set to the sealing key' })
      .regex(
        /^([A-Za-z0-9+/]{43}=|[0-9a-f]{64})$/,
        'HEALTH_NOTES_KEY must be 32 random bytes in base64 (openssl rand -base64 32) or hex (openssl rand -hex 32)',
      )
      // Secrets Manager generates hex; `openssl rand -base64 32` gives base64.
      .transform((text) =>
        /^[0-9a-f]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64'),
      ),
    HEALTH_NOTES_KEY_ID: z.string().min(1).default('local-1'),
  }),
);

const ciphers = new WeakMap<object, HealthNotesCipher>();

/** The cipher under this unit's key, made on first use. */
export function healthNotesCipher(): HealthNotesCipher {
  const key = healthNotesSettings();
  let cipher = ciphers.get(key);
  if (cipher === undefined) {
    cipher = aesGcmCipher(key.HEALTH_NOTES_KEY, key.HEALTH_NOTES_KEY_ID);
    ciphers.set(key, cipher);
  }
  return cipher;
}
