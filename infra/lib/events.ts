/** The EventBridge bus that carries bookings to hospitals, with an archive so missed deliveries can be replayed. */
import { Aws, Duration } from 'aws-cdk-lib';
import { type Archive, EventBus } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';

export interface EventsProps {
  readonly busName: string;
}

/** Long enough to replay a season's deliveries; events carry booking data, so not kept forever. */
export const ARCHIVE_RETENTION = Duration.days(90);

export class Events extends Construct {
  readonly bus: EventBus;
  readonly archive: Archive;

  constructor(scope: Construct, id: string, props: EventsProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { eventBusName: props.busName });
    // An archive needs a pattern; every event on the bus carries this account, so this keeps them all.
    this.archive = this.bus.archive('Archive', {
      description: `Every event on ${props.busName}, for replay`,
      eventPattern: { account: [Aws.ACCOUNT_ID] },
      retention: ARCHIVE_RETENTION,
    });
  }
}
