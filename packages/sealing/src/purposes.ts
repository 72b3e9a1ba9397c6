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
  'health-notes': 'health-note',
  'webhook-secrets': 'webhook-secret',
} as const;

export type SealingCapability = keyof typeof SEALING_PURPOSES;
export type Purpose = (typeof SEALING_PURPOSES)[SealingCapability];

export const isSealingCapability = (capability: string): capability is SealingCapability =>
  Object.hasOwn(SEALING_PURPOSES, capability);
