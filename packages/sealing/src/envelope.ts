/**
 * Sealing and opening a value under an encryption context, with the keys one setting names
 * (settings.ts). The Encryption SDK (esdk.ts) is loaded on the first seal or open, not with the
 * function: most routes of a unit that seals never do, and its cold start need not pay for the SDK.
 */
import { captureClient } from '@shifa/runtime';
import type { Sealed } from './sealed';
import { type KeySource, sealingSettings } from './settings';

export type EncryptionContext = Readonly<Record<string, string>>;

export type Envelope = {
  seal(plaintext: string, context: EncryptionContext): Promise<Sealed>;
  /** The plaintext, if `sealed` was sealed under exactly `context`; otherwise it throws. */
  open(sealed: Sealed, context: EncryptionContext): Promise<string>;
};

/** The envelope under these keys, its keyrings made once, when first used. */
export function envelope(source: KeySource): Envelope {
  let loaded: Promise<Envelope> | undefined;
  const load = () => {
    loaded ??= import('./esdk').then(({ envelopeOver, keyringsFor }) =>
      envelopeOver(keyringsFor(source, captureClient)),
    );
    return loaded;
  };
  return {
    seal: async (plaintext, context) => (await load()).seal(plaintext, context),
    open: async (sealed, context) => (await load()).open(sealed, context),
  };
}

const envelopes = new WeakMap<object, Envelope>();

/**
 * The envelope under the keys of the unit that is running, made once for its settings. The settings
 * are read here, at once: a unit not given the keys fails where it asks for them, naming the setting.
 */
export function unitEnvelope(): Envelope {
  const source = sealingSettings();
  let made = envelopes.get(source);
  if (made === undefined) {
    made = envelope(source);
    envelopes.set(source, made);
  }
  return made;
}
