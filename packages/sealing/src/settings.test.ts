import { randomBytes } from 'node:crypto';
import { SettingsError, withScope } from '@shifa/runtime';
import { describe, expect, it } from 'vitest';
import { LocalKeys, sealingSettings } from './settings';

const base64Key = () => randomBytes(32).toString('base64');

describe('local keys', () => {
  it('reads name:key entries oldest first, by line or by comma', () => {
    const [a, b] = [base64Key(), base64Key()];

    const keys = LocalKeys.parse(`local-1:${a}\nlocal-2:${b}\n`);

    expect(keys.map((key) => key.name)).toEqual(['local-1', 'local-2']);
    expect(keys[1]?.key).toEqual(Buffer.from(b, 'base64'));
    expect(LocalKeys.parse(`local-1:${a},local-2:${b}`).map((key) => key.name)).toEqual([
      'local-1',
      'local-2',
    ]);
  });

  it('refuses a short key, a name given twice, and no key at all, without echoing a key', () => {
    const key = base64Key();
    const short = randomBytes(16).toString('base64');

    expect(() => LocalKeys.parse(`local-1:${short}`)).toThrow(/32 random bytes/);
    expect(() => LocalKeys.parse(`local-1:${key},local-1:${key}`)).toThrow(/twice/);
    expect(() => LocalKeys.parse(' \n')).toThrow(/at least one key/);
    expect(() => LocalKeys.parse(`local-1:${short}`)).not.toThrow(short);
  });
});

describe('which keys seal', () => {
  // As the local runtime runs a unit: the settings read inside see this environment alone.
  const parse = (environment: Record<string, string>) =>
    withScope({ unit: 'test', environment }, () => sealingSettings());
  const ARN = 'arn:aws:kms:eu-central-1:123456789012:key/1b4f6a0e-2c1d-4e5f-9a8b-7c6d5e4f3a2b';

  it('uses the KMS key when its ARN is set, and the local keys otherwise', () => {
    expect(parse({ HEALTH_DATA_KMS_KEY_ARN: ARN })).toEqual({ kind: 'kms', keyArn: ARN });
    expect(parse({ HEALTH_DATA_KEYS: `local-1:${base64Key()}` })).toMatchObject({ kind: 'local' });
  });

  it('refuses both at once, neither, and an alias in place of a key ARN', () => {
    expect(() => parse({ HEALTH_DATA_KMS_KEY_ARN: ARN, HEALTH_DATA_KEYS: `local-1:${base64Key()}` })).toThrow(
      /not both/,
    );
    expect(() => parse({})).toThrow(SettingsError);
    expect(() => parse({})).toThrow(/HEALTH_DATA_KMS_KEY_ARN .*HEALTH_DATA_KEYS/);
    expect(() =>
      parse({ HEALTH_DATA_KMS_KEY_ARN: 'arn:aws:kms:eu-central-1:123456789012:alias/shifa' }),
    ).toThrow(/ARN of a KMS key/);
  });
});
