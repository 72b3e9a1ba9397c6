/**
 * `npm start` keeps its table across restarts: what an older checkout sealed under its one raw key
 * is resealed under the current keys at start, and the old key is deleted.
 */
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { resealLegacy } from '@shifa/local/legacy';
import { healthNotesCipher, webhookSecretsSealer } from '@shifa/sealing';
import {
  bookingKeys,
  deliveryKeys,
  documentClient,
  ENTITY,
  getWebhookEndpoint,
  readHealthNotes,
  signingSecrets,
  tableName,
} from '@shifa/store';
import { describe, expect, it } from 'vitest';
import { useTable } from './support/table';

useTable();

/** The old form, as the older checkout wrote it. */
const oldSeal = (key: Buffer, aad: string, plaintext: string) => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    keyId: 'local-1',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
};

describe('resealing what the old local key sealed', () => {
  it('opens old notes and webhook secrets under the new keys afterwards, and deletes the old key', async () => {
    const root = randomBytes(32);
    const keyFile = join(mkdtempSync(join(tmpdir(), 'shifa-legacy-')), 'health-notes.key');
    writeFileSync(keyFile, root.toString('base64'));
    const secretsKey = Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), 'shifa:webhook-secrets', 32));
    const now = new Date();
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...bookingKeys.healthNotes('bk-legacy', 1),
          entity: ENTITY.healthNotes,
          bookingId: 'bk-legacy',
          hospitalId: 'xj-tcm-hospital',
          traveller: 1,
          note: oldSeal(root, 'shifa:health-notes:bk-legacy:1', 'Гипертония'),
        },
      }),
    );
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...deliveryKeys.webhook('xj-tcm-hospital'),
          entity: ENTITY.webhookEndpoint,
          hospitalId: 'xj-tcm-hospital',
          url: 'https://hospital.example/hooks',
          enabled: true,
          version: 1,
          secretsRevision: 1,
          secrets: [
            {
              secretId: 'sec-1',
              createdAt: now.toISOString(),
              expiresAt: null,
              hint: '…abcd',
              sealed: oldSeal(secretsKey, 'shifa:webhook-secrets:xj-tcm-hospital:sec-1', 'whsec_old_abcd'),
            },
          ],
          updatedAt: now.toISOString(),
        },
      }),
    );

    const resealed = await resealLegacy(keyFile);

    expect(resealed).toEqual({ notes: 1, secrets: 1 });
    expect(existsSync(keyFile)).toBe(false);
    await expect(readHealthNotes('bk-legacy', healthNotesCipher())).resolves.toEqual([
      { traveller: 1, text: 'Гипертония' },
    ]);
    const endpoint = await getWebhookEndpoint('xj-tcm-hospital');
    if (endpoint === undefined) throw new Error('the endpoint is gone');
    await expect(signingSecrets(endpoint, now, webhookSecretsSealer())).resolves.toEqual(['whsec_old_abcd']);
  });

  it('does nothing where there is no old key', async () => {
    await expect(resealLegacy(join(tmpdir(), 'no-such-dir', 'health-notes.key'))).resolves.toBeUndefined();
  });
});
