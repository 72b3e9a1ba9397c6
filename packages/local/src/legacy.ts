/**
 * Reseals what an older checkout sealed under its one raw key: health notes and hospitals' webhook
 * secrets stored as {keyId, iv, tag, ciphertext} (AES-256-GCM, the key in
 * .local-data/keys/health-notes.key). `npm start` keeps its table across restarts, so without this a
 * developer's earlier bookings would not open and the demo hospitals' endpoints would not parse.
 * It runs at start, before anything serves, as the only writer, and deletes the old key once nothing
 * sealed with it is left, after which it has nothing to do. The products' code reads the new form
 * only: on AWS the functions never held this file's key.
 */
import { createDecipheriv, hkdfSync } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { healthNotesCipher, webhookSecretsSealer } from '@shifa/sealing';
import { documentClient, ENTITY, tableName } from '@shifa/store';
import * as z from 'zod';

const OldForm = z.object({ iv: z.string(), tag: z.string(), ciphertext: z.string() });
type OldForm = z.infer<typeof OldForm>;

const OldNote = z.looseObject({ bookingId: z.string(), traveller: z.number().int(), note: OldForm });
const OldEndpoint = z.looseObject({
  hospitalId: z.string(),
  secrets: z.array(z.looseObject({ secretId: z.string(), sealed: z.unknown() })),
});

const openOld = (key: Buffer, aad: string, sealed: OldForm): string => {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([
    decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
    decipher.final(),
  ]).toString('utf8');
};

export type Resealed = { notes: number; secrets: number };

/** Reseals every value in the old form under the current keys; undefined when there is no old key. */
export async function resealLegacy(keyFile: string): Promise<Resealed | undefined> {
  if (!existsSync(keyFile)) return undefined;
  const text = readFileSync(keyFile, 'utf8').trim();
  const root = /^[0-9a-f]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  // The old sealer derived a key of its own for webhook secrets.
  const secretsKey = Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), 'shifa:webhook-secrets', 32));
  const notes = healthNotesCipher();
  const sealer = webhookSecretsSealer();
  const resealed: Resealed = { notes: 0, secrets: 0 };

  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#entity IN (:notes, :endpoint)',
        ExpressionAttributeNames: { '#entity': 'entity' },
        ExpressionAttributeValues: { ':notes': ENTITY.healthNotes, ':endpoint': ENTITY.webhookEndpoint },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const note = OldNote.safeParse(item);
      if (note.success) {
        const { bookingId, traveller } = note.data;
        const plain = openOld(root, `shifa:health-notes:${bookingId}:${traveller}`, note.data.note);
        const sealed = await notes.encrypt(plain, bookingId, traveller);
        await documentClient.send(new PutCommand({ TableName: tableName, Item: { ...item, note: sealed } }));
        resealed.notes += 1;
        continue;
      }
      const endpoint = OldEndpoint.safeParse(item);
      if (!endpoint.success || endpoint.data.secrets.every((secret) => typeof secret.sealed === 'string'))
        continue;
      const { hospitalId } = endpoint.data;
      const secrets = await Promise.all(
        endpoint.data.secrets.map(async (secret) => {
          const old = OldForm.safeParse(secret.sealed);
          if (!old.success) return secret;
          const { secretId } = secret;
          const plain = openOld(secretsKey, `shifa:webhook-secrets:${hospitalId}:${secretId}`, old.data);
          resealed.secrets += 1;
          return { ...secret, sealed: await sealer.seal(plain, { hospitalId, secretId }) };
        }),
      );
      await documentClient.send(new PutCommand({ TableName: tableName, Item: { ...item, secrets } }));
    }
    start = page.LastEvaluatedKey;
  } while (start !== undefined);

  rmSync(keyFile);
  return resealed;
}
