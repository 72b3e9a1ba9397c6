/**
 * The customer-managed KMS key that seals health data (travellers' health notes, hospitals' webhook
 * signing secrets) through the AWS Encryption SDK (@shifa/sealing). KMS rotates its key material
 * every year; the key's ARN stays, earlier material stays usable for Decrypt, so what was sealed
 * before a rotation opens after it without anything here or in the functions changing.
 *
 * A function gets the key's ARN (HEALTH_DATA_KMS_KEY_ARN) and the right to use it only when its
 * declarations use a sealing capability, and then only for the purposes of those capabilities: the
 * encryption context's `purpose` that every Encryption SDK call hands KMS is a condition of the grant.
 * So the unit that rotates webhook secrets holds the key but cannot open a health note with it.
 */
import type { Capability } from '@shifa/functions/routes';
import {
  isSealingCapability,
  PURPOSE_KEY,
  SEALING_OPERATIONS,
  SEALING_PURPOSES,
} from '@shifa/sealing/purposes';
import { RemovalPolicy } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** The setting @shifa/sealing reads: with it, the KMS keyring; without it, local keys. */
export const KMS_KEY_VARIABLE = 'HEALTH_DATA_KMS_KEY_ARN';

/** What the Encryption SDK's KMS keyring calls: GenerateDataKey to seal, Decrypt to open. */
export const SEALING_ACTIONS = { seal: 'kms:GenerateDataKey', open: 'kms:Decrypt' } as const;

export interface HealthDataKeyProps {
  /** Keep the key when the stack goes: without it, nothing it sealed can ever be read again. */
  readonly retainData: boolean;
}

export class HealthDataKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: HealthDataKeyProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description:
        "Seals travellers' health notes and hospitals' webhook signing secrets (envelope encryption, AWS Encryption SDK); each use names its purpose in the encryption context.",
      enableKeyRotation: true,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }

  /** The purposes a function with these capabilities seals and opens; none for a function that seals nothing. */
  static purposesOf(uses: readonly Capability[]): string[] {
    return uses.filter(isSealingCapability).map((capability) => SEALING_PURPOSES[capability]);
  }

  /** The key's ARN for a function that seals, as the setting it reads; nothing for one that does not. */
  environmentFor(uses: readonly Capability[]): Record<string, string> {
    return HealthDataKey.purposesOf(uses).length === 0 ? {} : { [KMS_KEY_VARIABLE]: this.key.keyArn };
  }

  /**
   * For each action, the purposes these capabilities may use it for: GenerateDataKey to seal,
   * Decrypt to open. A unit that only seals health notes gets no Decrypt on them.
   */
  static actionsOf(uses: readonly Capability[]): Map<string, string[]> {
    const byAction = new Map<string, string[]>();
    for (const capability of uses.filter(isSealingCapability)) {
      for (const operation of SEALING_OPERATIONS[capability]) {
        const action = SEALING_ACTIONS[operation];
        const purposes = byAction.get(action) ?? [];
        const purpose = SEALING_PURPOSES[capability];
        if (!purposes.includes(purpose)) purposes.push(purpose);
        byAction.set(action, purposes);
      }
    }
    return byAction;
  }

  /** GenerateDataKey and Decrypt on this key as the capabilities allow, each for calls whose encryption context names its purposes. */
  grantSealing(grantee: IGrantable, uses: readonly Capability[]): void {
    for (const [action, purposes] of [...HealthDataKey.actionsOf(uses)].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      grantee.grantPrincipal.addToPrincipalPolicy(
        new PolicyStatement({
          actions: [action],
          resources: [this.key.keyArn],
          conditions: { StringEquals: { [`kms:EncryptionContext:${PURPOSE_KEY}`]: purposes.sort() } },
        }),
      );
    }
  }
}
