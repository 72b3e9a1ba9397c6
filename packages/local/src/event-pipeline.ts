/**
 * What happens after a booking change commits, run in this process as `npm start`
 * and the browser tests' throw-away stack both need it: the local bus with the
 * declared rules, fed by the stream poller on the table (from now on), and the
 * hospital deliveries the bus's deliver-to-hospital rule queues (the timer queue
 * with its retries and the demo hospital receiver). The caller puts
 * localDeliveryEnvironment() in the environment before any handler module loads;
 * this adds the bus's name and endpoint, which the stream publisher reads when the
 * poller first loads it.
 */
import { type LocalEventBus, startLocalEventBus } from './event-bus';
import { type LocalDelivery, type LocalDeliverySettings, startLocalDelivery } from './hospital-delivery';
import { stopAfterFailedStart, stopInTurn } from './shutdown';
import { type StreamPoller, startStreamPoller } from './stream-poller';

export type EventPipeline = {
  bus: LocalEventBus;
  poller: StreamPoller;
  delivery: LocalDelivery;
  /** Stops the poller, the bus and the deliveries, each even if one before it fails. */
  stop(): Promise<void>;
};

export type EventPipelineOptions = {
  tableName: string;
  dynamoDbEndpoint: string;
  delivery: LocalDeliverySettings;
  /** The demo catalogue's day, to find the demo hospitals to point at the receiver. */
  today: string;
  /** The deliveries' and the receiver's lines (the bus and the poller warn on the console). */
  log: (line: string) => void;
};

export async function startEventPipeline(options: EventPipelineOptions): Promise<EventPipeline> {
  let bus: LocalEventBus | undefined;
  let poller: StreamPoller | undefined;
  let delivery: LocalDelivery | undefined;
  const stop = () => stopInTurn([() => poller?.stop(), () => bus?.close(), () => delivery?.stop()]);
  try {
    bus = await startLocalEventBus();
    Object.assign(process.env, { EVENT_BUS_NAME: bus.busName, EVENTBRIDGE_ENDPOINT: bus.url });
    poller = await startStreamPoller({
      tableName: options.tableName,
      endpoint: options.dynamoDbEndpoint,
      startingPosition: 'LATEST',
    });
    delivery = await startLocalDelivery(options.delivery, { today: options.today, log: options.log });
  } catch (error) {
    return stopAfterFailedStart(error, stop);
  }
  return { bus, poller, delivery, stop };
}
