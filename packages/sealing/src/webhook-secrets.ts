/**
 * Hospitals' webhook signing secrets, sealed with the same keys as health notes under a purpose of
 * their own, {purpose, hospitalId, secretId}: a function granted this purpose alone cannot open a
 * health note, and a secret copied to another hospital or slot does not open.
 */
import { type Envelope, unitEnvelope } from './envelope';
import { SEALING_PURPOSES } from './purposes';
import type { Sealed } from './sealed';

/** Whose secret it is: the hospital, and which of its secrets. */
export type SecretOwner = { readonly hospitalId: string; readonly secretId: string };

export type WebhookSecretsSealer = {
  seal(secret: string, owner: SecretOwner): Promise<Sealed>;
  open(sealed: Sealed, owner: SecretOwner): Promise<string>;
};

const context = ({ hospitalId, secretId }: SecretOwner) => ({
  purpose: SEALING_PURPOSES['webhook-secrets'],
  hospitalId,
  secretId,
});

export const webhookSecretsSealerOver = (envelope: Envelope): WebhookSecretsSealer => ({
  seal: (secret, owner) => envelope.seal(secret, context(owner)),
  open: (sealed, owner) => envelope.open(sealed, context(owner)),
});

/** The sealer under this unit's keys; it fails at once, naming the setting, where the unit has none. */
export const webhookSecretsSealer = (): WebhookSecretsSealer => webhookSecretsSealerOver(unitEnvelope());
