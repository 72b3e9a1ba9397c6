/**
 * Hospital deliveries for a test file: the local timer queue (the retry
 * schedule sped up by `timeScale`, so 24 hours of retries take a blink),
 * installed for the handlers of this process, and the demo hospital receiver,
 * which holds exactly the secrets the test gives it, as a hospital's system
 * holds what it copied from the rotate response. Handler modules load only
 * after the settings below are in the environment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainEvent } from '@shifa/events';
import type { DeliveryMessage } from '@shifa/hospital-delivery/queue';
import type { LocalDeliveryQueue } from '@shifa/local/delivery-queue';
import type { HospitalReceiver } from '@shifa/local/hospital-receiver';
import type { EventBridgeEvent } from 'aws-lambda';
import { afterAll, beforeAll } from 'vitest';
import type { TestApi } from './api';
import type { EventPipeline } from './events';

export type Accepted = {
  headers: IncomingHttpHeaders;
  body: { id: string; type: string; data: Record<string, unknown> };
};

export type DeliveryHarness = {
  readonly queue: LocalDeliveryQueue;
  readonly receiver: HospitalReceiver;
  /** The secrets each hospital's system holds; the receiver verifies with these only. */
  readonly secrets: Map<string, string[]>;
  readonly accepted: Accepted[];
  readonly mailbox: string;
};

let sequence = 0;

/** An event as EventBridge hands it to a rule's target. */
export function busEvent(event: DomainEvent): EventBridgeEvent<string, unknown> & { version: '0' } {
  sequence += 1;
  return {
    version: '0',
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    'detail-type': event.detailType,
    source: event.source,
    account: '123456789012',
    time: new Date().toISOString(),
    region: 'eu-central-1',
    resources: [],
    detail: event.detail,
  };
}

/**
 * A queue that only keeps what it is given, for tests of the HTTP answers alone
 * (the tenant walls): installed unless a real one is, so enqueueing works.
 */
export async function parkDeliveries(): Promise<DeliveryMessage[]> {
  const { installDeliveryQueue, deliveryQueue } = await import('@shifa/hospital-delivery/queue');
  const parked: DeliveryMessage[] = [];
  try {
    deliveryQueue();
  } catch {
    installDeliveryQueue({
      timeScale: 1,
      schedule: async (message) => {
        parked.push(message);
      },
      deadLetter: async () => undefined,
    });
  }
  return parked;
}

/** Call at the top of a test file: the settings are read when the handler modules first load. */
export function useHospitalDelivery(options: { timeScale: number }): DeliveryHarness {
  const mailDir = mkdtempSync(join(tmpdir(), 'shifa-mail-'));
  Object.assign(process.env, {
    LOCAL_ALLOW_HTTP_WEBHOOKS: 'true',
    MAILBOX_FILE: join(mailDir, 'mailbox.jsonl'),
    DELIVERY_TIMEOUT_MS: '2000',
  });
  let queue: LocalDeliveryQueue | undefined;
  let receiver: HospitalReceiver | undefined;
  const secrets = new Map<string, string[]>();
  const accepted: Accepted[] = [];
  const errors: string[] = [];
  beforeAll(async () => {
    const [
      { createLocalDeliveryQueue },
      { startHospitalReceiver },
      { installDeliveryQueue },
      { runDeliveryWorker },
    ] = await Promise.all([
      import('@shifa/local/delivery-queue'),
      import('@shifa/local/hospital-receiver'),
      import('@shifa/hospital-delivery/queue'),
      import('@shifa/local/hospital-delivery'),
    ]);
    queue = createLocalDeliveryQueue({
      timeScale: options.timeScale,
      run: runDeliveryWorker,
      onError: (message, error) => {
        errors.push(`attempt ${message.attempt} of ${message.deliveryId} failed to run: ${String(error)}`);
      },
    });
    installDeliveryQueue(queue);
    receiver = await startHospitalReceiver({
      secretsFor: async (hospitalId) => secrets.get(hospitalId) ?? [],
      onAccepted: (event) => accepted.push(event as Accepted),
    });
  });
  afterAll(async () => {
    queue?.stop();
    const { installDeliveryQueue } = await import('@shifa/hospital-delivery/queue');
    installDeliveryQueue(undefined);
    await receiver?.close();
    rmSync(mailDir, { recursive: true, force: true });
    if (errors.length > 0) throw new Error(`delivery attempts that threw:\n${errors.join('\n')}`);
  });
  return {
    get queue() {
      if (queue === undefined) throw new Error('the delivery queue is not started yet');
      return queue;
    },
    get receiver() {
      if (receiver === undefined) throw new Error('the receiver is not started yet');
      return receiver;
    },
    secrets,
    accepted,
    mailbox: join(mailDir, 'mailbox.jsonl'),
  };
}

/**
 * Points a hospital's webhook at the receiver through the API, as its staff would: rotate to get a
 * signing secret (which its system now holds), then set the endpoint.
 */
export async function connectHospital(
  api: TestApi,
  delivery: DeliveryHarness,
  hospital: { id: string; user: string },
): Promise<void> {
  const rotated = await api.request('POST', '/hospital/webhook/secrets/rotate', { as: hospital.user });
  delivery.secrets.set(hospital.id, [(rotated.body as { secret: string }).secret]);
  const put = await api.request('PUT', '/hospital/webhook', {
    as: hospital.user,
    body: { url: delivery.receiver.urlFor(hospital.id), enabled: true },
  });
  if (put.status !== 200) throw new Error(`the hospital's webhook was not set: ${JSON.stringify(put.body)}`);
}

/** Until `count` events about the booking went through the bus and every delivery attempt they queued ran. */
export async function settled(
  pipeline: EventPipeline,
  delivery: DeliveryHarness,
  bookingId: string,
  count: number,
): Promise<void> {
  await pipeline.bus.waitFor((event) => (event.detail as { bookingId?: string }).bookingId === bookingId, {
    count,
    timeoutMs: 20_000,
  });
  await pipeline.bus.idle();
  await delivery.queue.idle();
}
