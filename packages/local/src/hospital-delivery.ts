/**
 * Hospital deliveries and tourist notifications in `npm start`: the settings
 * they read (checked once), the timer queue in place of SQS, the demo hospital
 * receiver that the demo hospitals' webhooks point at, and the mailbox file in
 * place of SES. Modules that read the table are imported only once the
 * environment is set, as start.ts does for its own.
 */
import { randomUUID } from 'node:crypto';
import { deliveryWorker } from '@shifa/functions/consumers';
import { union } from '@shifa/functions/units';
import type { DeliveryMessage } from '@shifa/hospital-delivery/queue';
import { parseSettings } from '@shifa/runtime';
import { webhookSecretsSealer } from '@shifa/sealing';
import * as z from 'zod';
import { lambdaContext } from './api-server';
import type { LocalDeliveryQueue } from './delivery-queue';
import type { HospitalReceiver } from './hospital-receiver';
import { MAILBOX_FILE } from './paths';
import { runAs } from './units';

const DeliveryEnv = z.object({
  /** Real time per unit of the 24-hour retry schedule: 0.001 plays it in about 90 seconds. */
  LOCAL_RETRY_SCALE: z.coerce.number().gt(0).max(1).default(0.001),
  HOSPITAL_RECEIVER_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  MAILBOX_FILE: z.string().min(1).default(MAILBOX_FILE),
});

export type LocalDeliverySettings = { retryScale: number; receiverPort: number; mailboxFile: string };

export function localDeliverySettings(env: NodeJS.ProcessEnv): LocalDeliverySettings {
  const data = parseSettings('local delivery', DeliveryEnv, env);
  return {
    retryScale: data.LOCAL_RETRY_SCALE,
    receiverPort: data.HOSPITAL_RECEIVER_PORT,
    mailboxFile: data.MAILBOX_FILE,
  };
}

/** What the handlers must find in the environment before they load: http to the receiver, the mailbox. */
export const localDeliveryEnvironment = (settings: LocalDeliverySettings): Record<string, string> => ({
  LOCAL_ALLOW_HTTP_WEBHOOKS: 'true',
  MAILBOX_FILE: settings.mailboxFile,
});

/**
 * One attempt, as the delivery worker's function makes it on AWS: with the worker's own settings and
 * grants, whatever scheduled it (the timer that fires it was set inside the enqueuing function).
 */
export async function runDeliveryWorker(message: DeliveryMessage): Promise<unknown> {
  const [{ processMessage }, { attemptDeps }, { lambdaHandler }] = await Promise.all([
    import('@shifa/hospital-delivery/delivery'),
    import('@shifa/hospital-delivery/deps'),
    import('@shifa/http'),
  ]);
  // One message per invocation, wrapped as the worker's function wraps each: its own log keys and metrics.
  const attempt = lambdaHandler((received: DeliveryMessage) => processMessage(received, attemptDeps()));
  return runAs(deliveryWorker.id, union([deliveryWorker]), () =>
    attempt(message, lambdaContext(deliveryWorker, randomUUID())),
  );
}

export type LocalDelivery = {
  queue: LocalDeliveryQueue;
  receiver: HospitalReceiver;
  /** Demo hospitals whose webhook was pointed at the receiver on this start. */
  pointed: number;
  /** Pending deliveries picked up again from the table (their timers died with the last run). */
  resumed: number;
  stop(): Promise<void>;
};

const DEMO_RECEIVER_URL = /^http:\/\/127\.0\.0\.1:\d+\/hospitals\/[a-z0-9-]+\/webhook$/;

/** Starts the queue and the receiver, and points every verified demo hospital without an endpoint of its own at it. */
export async function startLocalDelivery(
  settings: LocalDeliverySettings,
  options: { today: string; log: (line: string) => void },
): Promise<LocalDelivery> {
  const [
    { createLocalDeliveryQueue },
    { startHospitalReceiver },
    { installDeliveryQueue, STALE_CLAIM_MS },
    store,
    { demoCatalog },
  ] = await Promise.all([
    import('./delivery-queue'),
    import('./hospital-receiver'),
    import('@shifa/hospital-delivery/queue'),
    import('@shifa/store'),
    import('./demo/catalog'),
  ]);
  const queue = createLocalDeliveryQueue({
    timeScale: settings.retryScale,
    run: runDeliveryWorker,
    onDeadLetter: ({ message, reason }) =>
      options.log(
        `[delivery] ${message.deliveryId} dead-lettered after ${message.attempt} attempts: ${reason}`,
      ),
    onError: (message, error) =>
      options.log(
        `[delivery] ${message.deliveryId} attempt ${message.attempt} failed to run: ${String(error)}`,
      ),
  });
  installDeliveryQueue(queue);

  const sealer = webhookSecretsSealer();
  const receiver = await startHospitalReceiver({
    port: settings.receiverPort,
    // The demo hospital "copied" its secrets from the rotate response: here they are read back from the store.
    secretsFor: async (hospitalId) => {
      const endpoint = await store.getWebhookEndpoint(hospitalId);
      return endpoint === undefined ? [] : await store.signingSecrets(endpoint, new Date(), sealer);
    },
    log: options.log,
  });

  let pointed = 0;
  const now = new Date();
  for (const hospital of demoCatalog(options.today).hospitals.filter((h) => h.status === 'verified')) {
    const url = receiver.urlFor(hospital.hospitalId);
    const endpoint = await store.getWebhookEndpoint(hospital.hospitalId);
    const ours = endpoint?.url == null || DEMO_RECEIVER_URL.test(endpoint.url);
    if (!ours) continue; // someone pointed it elsewhere: leave it
    if (endpoint?.url !== url || !endpoint.enabled) {
      await store.putWebhookEndpoint(
        hospital.hospitalId,
        { url, enabled: true },
        endpoint?.version,
        now.toISOString(),
      );
      pointed += 1;
    }
    if ((endpoint?.secrets.length ?? 0) === 0)
      await store.rotateWebhookSecret(hospital.hospitalId, now, sealer);
  }

  // Timers do not survive a restart; the table does. Queue each pending delivery's next attempt again.
  let resumed = 0;
  let cursor: string | undefined;
  do {
    const page = await store.listDeliveriesByStatus('pending', { limit: 50, cursor });
    for (const delivery of page.items) {
      const inFlight = delivery.attempt > delivery.settled;
      const dueAt = inFlight
        ? new Date(Date.parse(delivery.claimedAt ?? delivery.updatedAt) + STALE_CLAIM_MS + 1000).toISOString()
        : (delivery.nextAttemptAt ?? now.toISOString());
      await queue.schedule({
        deliveryId: delivery.deliveryId,
        hospitalId: delivery.hospitalId,
        round: delivery.round,
        attempt: inFlight ? delivery.attempt : delivery.attempt + 1,
        dueAt,
      });
      resumed += 1;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);

  return {
    queue,
    receiver,
    pointed,
    resumed,
    async stop() {
      queue.stop();
      installDeliveryQueue(undefined);
      await receiver.close();
    },
  };
}
