import { randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { envelope } from './envelope';
import { healthNotesCipherOver } from './health-notes';

const KEY_ARN = 'arn:aws:kms:eu-central-1:123456789012:key/1b4f6a0e-2c1d-4e5f-9a8b-7c6d5e4f3a2b';
const kms = mockClient(KMSClient);
const dataKey = randomBytes(32);
const wrapped = randomBytes(184);

beforeEach(() => {
  kms.reset();
  // As KMS answers: the key's ARN, the data key in clear and wrapped.
  kms.on(GenerateDataKeyCommand).resolves({ KeyId: KEY_ARN, Plaintext: dataKey, CiphertextBlob: wrapped });
  kms.on(DecryptCommand).resolves({ KeyId: KEY_ARN, Plaintext: dataKey });
});

const notes = () => healthNotesCipherOver(envelope({ kind: 'kms', keyArn: KEY_ARN }));
const CONTEXT = { purpose: 'health-note', bookingId: 'bk-1', traveller: '0' };

describe('sealing with a KMS key', () => {
  it('asks KMS for a data key under the key ARN, with the encryption context', async () => {
    await notes().encrypt('Аллергия на пенициллин', 'bk-1', 0);

    const calls = kms.commandCalls(GenerateDataKeyCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toMatchObject({
      KeyId: KEY_ARN,
      NumberOfBytes: 32,
      EncryptionContext: CONTEXT,
    });
  });

  it('asks KMS to unwrap the stored data key under the same ARN and context, and opens the note', async () => {
    const sealed = await notes().encrypt('Аллергия на пенициллин', 'bk-1', 0);

    await expect(notes().decrypt(sealed, 'bk-1', 0)).resolves.toBe('Аллергия на пенициллин');

    const calls = kms.commandCalls(DecryptCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toMatchObject({ KeyId: KEY_ARN, EncryptionContext: CONTEXT });
    expect(Buffer.from(calls[0]?.args[0].input.CiphertextBlob ?? [])).toEqual(wrapped);
  });

  it('refuses a note moved to another booking even though KMS would unwrap its key', async () => {
    const sealed = await notes().encrypt('Аллергия на пенициллин', 'bk-1', 0);

    await expect(notes().decrypt(sealed, 'bk-2', 0)).rejects.toThrow(/bookingId/);
  });

  it('fails when KMS refuses, as it does without the grant for this purpose', async () => {
    const sealed = await notes().encrypt('Аллергия на пенициллин', 'bk-1', 0);
    kms
      .on(DecryptCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));

    await expect(notes().decrypt(sealed, 'bk-1', 0)).rejects.toThrow();
  });
});
