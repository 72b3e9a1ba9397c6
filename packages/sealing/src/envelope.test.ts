import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { envelope } from './envelope';
import { SealedValueMismatch } from './errors';
import { LOCAL_KEY_NAMESPACE } from './esdk';
import { healthNotesCipherOver } from './health-notes';
import type { LocalKey } from './settings';
import { webhookSecretsSealerOver } from './webhook-secrets';

const localKey = (name: string): LocalKey => ({ name, key: randomBytes(32) });
const keyA = localKey('local-a');
const keyB = localKey('local-b');
const note = 'Перенесла инсульт в 2024 году; принимает варфарин.';
const notes = healthNotesCipherOver(envelope({ kind: 'local', keys: [keyA] }));

describe('sealing health notes', () => {
  it('opens a note for its own booking and traveller, and stores nothing readable', async () => {
    const sealed = await notes.encrypt(note, 'bk-1', 0);

    expect(Buffer.from(sealed, 'base64').toString('utf8')).not.toContain('варфарин');
    await expect(notes.decrypt(sealed, 'bk-1', 0)).resolves.toBe(note);
  });

  it('refuses a note moved to another booking or traveller', async () => {
    const sealed = await notes.encrypt(note, 'bk-1', 0);

    await expect(notes.decrypt(sealed, 'bk-2', 0)).rejects.toThrow(SealedValueMismatch);
    await expect(notes.decrypt(sealed, 'bk-1', 1)).rejects.toThrow(/bookingId|traveller/);
  });

  it('refuses a tampered message', async () => {
    const sealed = await notes.encrypt(note, 'bk-1', 0);
    const bytes = Buffer.from(sealed, 'base64');
    const last = bytes.length - 40;
    bytes[last] = (bytes[last] ?? 0) ^ 1;

    await expect(notes.decrypt(bytes.toString('base64'), 'bk-1', 0)).rejects.toThrow();
  });

  it('stores one ESDK message in base64, with the committing unsigned suite and the context in clear', async () => {
    const sealed = await notes.encrypt(note, 'bk-1', 2);
    const bytes = Buffer.from(sealed, 'base64');

    expect(sealed).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    // Message format version 2 (committing suites), then the suite id 0x0478.
    expect(bytes[0]).toBe(0x02);
    expect(bytes.readUInt16BE(1)).toBe(0x0478);
    expect(bytes.toString('latin1')).toContain('health-note');
    expect(bytes.toString('latin1')).toContain(LOCAL_KEY_NAMESPACE);
  });

  it('seals the same note differently each time', async () => {
    expect(await notes.encrypt(note, 'bk-1', 0)).not.toBe(await notes.encrypt(note, 'bk-1', 0));
  });
});

describe('sealing webhook secrets', () => {
  const secrets = webhookSecretsSealerOver(envelope({ kind: 'local', keys: [keyA] }));
  const owner = { hospitalId: 'xj-tcm-hospital', secretId: 'sec-1' };

  it('opens a secret for its own hospital and slot only', async () => {
    const sealed = await secrets.seal('whsec_abc', owner);

    await expect(secrets.open(sealed, owner)).resolves.toBe('whsec_abc');
    await expect(secrets.open(sealed, { ...owner, hospitalId: 'horgos-peoples-hospital' })).rejects.toThrow(
      SealedValueMismatch,
    );
    await expect(secrets.open(sealed, { ...owner, secretId: 'sec-2' })).rejects.toThrow(SealedValueMismatch);
  });

  it('never opens a health note as a webhook secret, nor the other way, under the same key', async () => {
    const sealedNote = await notes.encrypt(note, 'bk-1', 0);
    const sealedSecret = await secrets.seal('whsec_abc', owner);

    await expect(secrets.open(sealedNote, owner)).rejects.toThrow(/purpose/);
    await expect(notes.decrypt(sealedSecret, 'bk-1', 0)).rejects.toThrow(/purpose/);
  });
});

describe('rotating the local key', () => {
  it('opens what was sealed before the rotation and after it, and seals only with the new key', async () => {
    const beforeRotation = healthNotesCipherOver(envelope({ kind: 'local', keys: [keyA] }));
    const old = await beforeRotation.encrypt(note, 'bk-1', 0);

    const afterRotation = healthNotesCipherOver(envelope({ kind: 'local', keys: [keyA, keyB] }));
    const fresh = await afterRotation.encrypt('Гипертония', 'bk-2', 0);

    await expect(afterRotation.decrypt(old, 'bk-1', 0)).resolves.toBe(note);
    await expect(afterRotation.decrypt(fresh, 'bk-2', 0)).resolves.toBe('Гипертония');
    // The new note is wrapped under B alone: B opens it without A, A cannot.
    await expect(
      healthNotesCipherOver(envelope({ kind: 'local', keys: [keyB] })).decrypt(fresh, 'bk-2', 0),
    ).resolves.toBe('Гипертония');
    await expect(
      healthNotesCipherOver(envelope({ kind: 'local', keys: [keyA] })).decrypt(fresh, 'bk-2', 0),
    ).rejects.toThrow();
  });

  it('no longer opens what the retired key sealed once that key is dropped', async () => {
    const old = await healthNotesCipherOver(envelope({ kind: 'local', keys: [keyA] })).encrypt(
      note,
      'bk-1',
      0,
    );

    await expect(
      healthNotesCipherOver(envelope({ kind: 'local', keys: [keyB] })).decrypt(old, 'bk-1', 0),
    ).rejects.toThrow();
  });

  it('finds a key by its name, not by trying each: a key renamed is another key', async () => {
    const old = await healthNotesCipherOver(envelope({ kind: 'local', keys: [keyA] })).encrypt(
      note,
      'bk-1',
      0,
    );
    const renamed = { name: 'local-renamed', key: keyA.key };

    await expect(
      healthNotesCipherOver(envelope({ kind: 'local', keys: [renamed] })).decrypt(old, 'bk-1', 0),
    ).rejects.toThrow();
  });
});
