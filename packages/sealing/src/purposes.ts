/**
 * What the platform seals, each kind named by the `purpose` its encryption context carries. The
 * purpose is what KMS and IAM see on every call: the CDK app grants a function Decrypt and
 * GenerateDataKey only for the purposes of the capabilities it declares, so a function that seals
 * hospitals' webhook secrets cannot open a traveller's health notes with the same key. Kept free of
 * the Encryption SDK, so the CDK app can read it without loading the SDK.
 */

/** The encryption context's key that names what a sealed value is. */
export const PURPOSE_KEY = 'purpose';

/** Each sealing capability (functions/routes.ts) and the purpose its values are sealed under. */
export const SEALING_PURPOSES = {
  'seal-health-notes': 'health-note',
  'health-notes': 'health-note',
  'webhook-secrets': 'webhook-secret',
} as const;

/**
 * What each capability does with the key: seal (KMS GenerateDataKey) and/or open (KMS Decrypt).
 * Holding a booking seals its travellers' notes but never opens them: only the functions that show
 * health data to the tourist or the treating hospital may decrypt it.
 */
export const SEALING_OPERATIONS = {
  'seal-health-notes': ['seal'],
  'health-notes': ['open'],
  'webhook-secrets': ['seal', 'open'],
} as const satisfies Record<keyof typeof SEALING_PURPOSES, readonly ('seal' | 'open')[]>;

export type SealingCapability = keyof typeof SEALING_PURPOSES;
export type Purpose = (typeof SEALING_PURPOSES)[SealingCapability];

export const isSealingCapability = (capability: string): capability is SealingCapability =>
  Object.hasOwn(SEALING_PURPOSES, capability);
