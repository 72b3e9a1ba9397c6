/**
 * The functions that are neither a deployment unit nor an event rule's target, declared as data
 * like routes, so the CDK app wires them and the local runtime runs them by the same rules.
 */
import type { RouteDeclaration } from './routes';

export type ConsumerDeclaration = Pick<RouteDeclaration, 'id' | 'table' | 'uses'> & {
  readonly summary: string;
  /** Module under functions/, without extension, exporting `handler`. */
  readonly handler: string;
};

/** Makes the webhook attempts the delivery queue carries (SQS on AWS, a timer queue locally). */
export const deliveryWorker = {
  id: 'attemptHospitalDelivery',
  handler: 'hospital-delivery/attempt',
  table: 'write',
  // It opens the hospital's signing secrets, and BookingRequested carries the travellers' health notes.
  uses: ['health-notes', 'webhook-secrets'],
  summary:
    "Make the webhook attempts the delivery queue carries: sign, POST to the hospital's endpoint, record",
} as const satisfies ConsumerDeclaration;

/** Cognito's post-confirmation trigger. */
export const postConfirmation = {
  id: 'postConfirmation',
  handler: 'identity/post-confirmation',
  table: 'none',
  summary: 'Put a user who confirmed their own sign-up in the tourist group',
} as const satisfies ConsumerDeclaration;

/**
 * Checks each upload to the records bucket (an S3 ObjectCreated notification on AWS, s3rver's event
 * locally): its first bytes and size against what its record declared.
 */
export const recordUploadChecker = {
  id: 'checkRecordUpload',
  handler: 'records/check-upload',
  table: 'write',
  uses: ['records'],
  summary: "Check each upload to the records bucket against its record's declared type and size",
} as const satisfies ConsumerDeclaration;
