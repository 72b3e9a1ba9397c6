/**
 * Envelope encryption with the AWS Encryption SDK (loaded by envelope.ts on first use): each value gets a data key of its own, wrapped by
 * the platform's key (a KMS key on AWS, a local AES key otherwise), and is stored as one ESDK
 * message in base64. The message carries its encryption context, authenticated but in clear, and
 * the wrapped data key names the key that wrapped it, so a value sealed under an older key still
 * opens after a rotation.
 *
 * The algorithm suite is fixed to AES-256-GCM with key commitment and no signature: only the
 * platform's own functions seal and open, so a signature would add nothing a GCM tag and KMS's
 * access control do not already give, and opening needs no signature verification.
 *
 * The ESDK authenticates the context but does not compare it with anything: a message copied onto
 * another booking opens as well as on its own. `open` therefore checks every key of the context it
 * expects against the message's, and refuses a message that carries any other key.
 */
import { buildDecrypt } from '@aws-crypto/decrypt-node';
import { buildEncrypt } from '@aws-crypto/encrypt-node';
import { KmsKeyringNode, type KmsNodeClientSupplier } from '@aws-crypto/kms-keyring-node';
import {
  AlgorithmSuiteIdentifier,
  CommitmentPolicy,
  type KeyringNode,
  MultiKeyringNode,
} from '@aws-crypto/material-management-node';
import { RawAesKeyringNode, RawAesWrappingSuiteIdentifier } from '@aws-crypto/raw-aes-keyring-node';
import { KMS } from '@aws-sdk/client-kms';
import type { Envelope } from './envelope';
import { SealedValueMismatch } from './errors';
import type { KeySource, LocalKey } from './settings';

/** Committing, unsigned: see the module's header. */
export const SUITE = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;

/** The namespace every local key's name lives in; stored in each message a local key wraps. */
export const LOCAL_KEY_NAMESPACE = 'shifa-local';

/** The keyring that seals and the one that opens: the same on KMS, apart for local keys. */
export type Keyrings = { readonly seal: KeyringNode; readonly open: KeyringNode };

/**
 * `buildClient` of @aws-crypto/client-node, built from its two halves: client-node's own entry
 * point is CommonJS and loads every keyring it ships (RSA, hierarchical, caching), which a bundler
 * then cannot leave out.
 */
const buildClient = (commitmentPolicy: CommitmentPolicy) => ({
  // One wrapped data key per message: a message claiming more is refused before any key is tried.
  ...buildEncrypt({ commitmentPolicy, maxEncryptedDataKeys: 1 }),
  ...buildDecrypt({ commitmentPolicy, maxEncryptedDataKeys: 1 }),
});

let client: ReturnType<typeof buildClient> | undefined;
const esdk = () => {
  client ??= buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
  return client;
};

/** Seals and opens under these keyrings; envelope.ts gives it the context of each kind of value. */
export function envelopeOver(keyrings: Keyrings): Envelope {
  return {
    async seal(plaintext, context) {
      const { result } = await esdk().encrypt(keyrings.seal, plaintext, {
        suiteId: SUITE,
        encryptionContext: { ...context },
      });
      return result.toString('base64');
    },
    async open(sealed, context) {
      const { plaintext, messageHeader } = await esdk().decrypt(keyrings.open, Buffer.from(sealed, 'base64'));
      if (messageHeader.suiteId !== SUITE) {
        throw new SealedValueMismatch(
          'the sealed value uses another algorithm suite than the platform seals with',
        );
      }
      const stored = messageHeader.encryptionContext;
      const expected = Object.keys(context);
      const differs = expected.filter((key) => stored[key] !== context[key]);
      const extra = Object.keys(stored).filter((key) => !Object.hasOwn(context, key));
      if (differs.length > 0 || extra.length > 0) {
        // Keys only: the values may be personal data.
        throw new SealedValueMismatch(
          `the sealed value belongs elsewhere (context keys that differ: ${[...differs, ...extra].join(', ')})`,
        );
      }
      return plaintext.toString('utf8');
    },
  };
}

/** How a new AWS client is traced (@shifa/runtime's captureClient), handed in so this module imports nothing of ours. */
export type Capture = <C>(client: C) => C;

/**
 * KMS clients by region, made once per process and traced on AWS like every other client. The cast
 * is the ESDK's own: its KMS interface declares `KeyId: string` where the SDK says `string |
 * undefined`, which only exactOptionalPropertyTypes tells apart; the ESDK checks each answer itself.
 */
const kmsClients = new Map<string, KMS>();
const kmsClientsTraced = (capture: Capture) =>
  ((region: string): KMS => {
    let made = kmsClients.get(region);
    if (made === undefined) {
      made = capture(new KMS({ region }));
      kmsClients.set(region, made);
    }
    return made;
  }) as unknown as KmsNodeClientSupplier;

export const kmsKeyrings = (keyArn: string, capture: Capture): Keyrings => {
  const keyring = new KmsKeyringNode({ generatorKeyId: keyArn, clientProvider: kmsClientsTraced(capture) });
  return { seal: keyring, open: keyring };
};

/**
 * Locally: the newest key seals alone (a multi-keyring would wrap each new data key under every old
 * key too, which a rotation is meant to stop); opening tries the newest first, then the older ones,
 * each matched by the key name the message stores.
 */
export const localKeyrings = (keys: readonly LocalKey[]): Keyrings => {
  const keyrings = keys.map(
    ({ name, key }) =>
      new RawAesKeyringNode({
        keyNamespace: LOCAL_KEY_NAMESPACE,
        keyName: name,
        unencryptedMasterKey: new Uint8Array(key),
        wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
      }),
  );
  const [newest, ...older] = keyrings.reverse();
  if (newest === undefined) throw new Error('local sealing needs at least one key');
  return { seal: newest, open: new MultiKeyringNode({ generator: newest, children: older }) };
};

export const keyringsFor = (source: KeySource, capture: Capture): Keyrings =>
  source.kind === 'kms' ? kmsKeyrings(source.keyArn, capture) : localKeyrings(source.keys);
