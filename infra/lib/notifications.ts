/**
 * Tourist notifications on AWS: the `notify-tourist` target sends through
 * Amazon SES (SESv2) from one sender address, which must be a verified SES
 * identity (the address or its domain) in the stack's region. The function may
 * send from that address and no other. Set it with the context key
 * `notificationsFrom` (read by stage.ts; prod requires it); until then a placeholder
 * is used and synth warns.
 */
import { Annotations, Arn, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ShifaFunction } from './function';
import type { FunctionWiring } from './wiring';

export const NOTIFY_HANDLER = 'notifications/notify-tourist';

export const PLACEHOLDER_SENDER = 'bookings@shifa.example';

export interface NotificationsProps {
  readonly wiring: FunctionWiring;
  /** The sender address (context `notificationsFrom`); the placeholder when not given. */
  readonly from?: string;
}

export class Notifications extends Construct {
  readonly from: string;
  /** The notify-tourist function, when the stack's rules have it. */
  readonly notifier: ShifaFunction | undefined;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    this.from = props.from ?? PLACEHOLDER_SENDER;
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(this.from)) {
      throw new Error(`notificationsFrom must be an email address, got ${JSON.stringify(this.from)}`);
    }
    if (props.from === undefined) {
      Annotations.of(this).addWarning(
        `Tourist notifications are sent from ${PLACEHOLDER_SENDER}: set the context key notificationsFrom to an address (or domain) verified in SES.`,
      );
    }

    this.notifier = props.wiring.functions.find(
      ({ declaration }) => declaration?.handler === NOTIFY_HANDLER,
    )?.fn;
    if (this.notifier === undefined) return;
    this.notifier.function.addEnvironment('NOTIFY_FROM_EMAIL', this.from);
    const stack = Stack.of(this);
    const identity = (name: string) =>
      Arn.format({ service: 'ses', resource: 'identity', resourceName: name }, stack);
    const domain = this.from.slice(this.from.indexOf('@') + 1);
    this.notifier.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        // SES authorises against the identity that is verified: the address, or its domain.
        resources: [identity(this.from), identity(domain)],
        conditions: { StringEquals: { 'ses:FromAddress': this.from } },
      }),
    );
  }
}
