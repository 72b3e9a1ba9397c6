/** What the delivery use cases run with in a function: the configured queue, the real clock, fetch and keys. */
import { DELIVERY_RETRY_POLICY } from '@shifa/domain';
import { healthNotesCipher, webhookSecretsSealer } from '@shifa/sealing';
import { deliverySettings } from './config';
import type { AttemptDeps, Clock } from './delivery';
import { type DeliveryQueue, deliveryQueue } from './queue';

export const queueDeps = (): Clock & { queue: DeliveryQueue } => ({
  queue: deliveryQueue(),
  now: () => new Date(),
});

export const attemptDeps = (): AttemptDeps => ({
  ...queueDeps(),
  policy: DELIVERY_RETRY_POLICY,
  random: Math.random,
  fetch: (input, init) => fetch(input, init),
  sealer: webhookSecretsSealer,
  cipher: healthNotesCipher,
  timeoutMs: deliverySettings().timeoutMs,
  allowHttpLocalhost: deliverySettings().allowHttpLocalhost,
  healthNotesDaysAfterTrip: deliverySettings().healthNotesDaysAfterTrip,
});
