/**
 * Delivering booking events to hospitals: record one delivery per event and
 * hospital, make each attempt (sign, POST, record the outcome), retry on the
 * schedule of @shifa/domain until it is spent, then dead-letter; and start a
 * fresh round when a hospital asks for a redelivery or the operator replays.
 *
 * At least once, never exactly once: every attempt is claimed with a
 * conditional write first, so two copies of a queue message never both send,
 * but a receiver that answered too late may see an event again. Receivers dedupe
 * by the event id (Shifa-Event-Id, also sent as Idempotency-Key).
 */
import { createHash } from 'node:crypto';
import type { DeliveryListResponse, DeliveryView } from '@shifa/contracts';
import {
  ConflictError,
  checkWebhookUrl,
  DomainError,
  hospitalSeesNotes,
  maxAttempts,
  NotFoundError,
  nextAttemptOffset,
  type RetryPolicy,
  SIGNATURE_HEADER,
  signatureHeader,
} from '@shifa/domain';
import { detailCorrelation, parseBusEvent } from '@shifa/events';
import { correlate, countBusiness, logger } from '@shifa/runtime';
import type { HealthNotesCipher, WebhookSecretsSealer } from '@shifa/sealing';
import {
  type AttemptRecord,
  attemptsOf,
  createDelivery,
  type DeliveryPage,
  type DeliveryRecord,
  getBooking,
  getDelivery,
  getWebhookEndpoint,
  openHealthNotes,
  recordAttempt,
  saveDelivery,
  signingSecrets,
} from '@shifa/store';
import { carriesHealthNotes, webhookBody } from './payload';
import { type DeliveryMessage, type DeliveryQueue, STALE_CLAIM_MS } from './queue';

const ERROR_MAX = 300;

export type Clock = { now: () => Date };

export type AttemptDeps = Clock & {
  queue: DeliveryQueue;
  policy: RetryPolicy;
  random: () => number;
  fetch: typeof fetch;
  sealer: () => WebhookSecretsSealer;
  cipher: () => HealthNotesCipher;
  timeoutMs: number;
  allowHttpLocalhost: boolean;
  healthNotesDaysAfterTrip: number;
};

/**
 * The notes a BookingRequested webhook carries: read afresh for each attempt, and only while the
 * hospital may see them (so none once the booking is cancelled, expired or the notes deleted), with
 * the opening recorded in the booking's access log before anything is decrypted.
 */
async function notesForHospital(
  delivery: DeliveryRecord,
  now: Date,
  deps: AttemptDeps,
): Promise<{ traveller: number; text: string }[]> {
  const booking = await getBooking(delivery.bookingId);
  if (booking === undefined || !hospitalSeesNotes(booking, now, deps.healthNotesDaysAfterTrip)) return [];
  return openHealthNotes(
    booking,
    {
      at: now.toISOString(),
      purpose: 'webhook',
      actor: { role: 'hospital', organisationId: delivery.hospitalId },
    },
    deps.cipher(),
  );
}

/** Same event, same hospital: same id, so an event that arrives twice is delivered once. */
export function deliveryIdFor(hospitalId: string, eventId: string, occurredAt: string): string {
  const time = new Date(occurredAt).toISOString().replace(/\D/g, '');
  const hash = createHash('sha256').update(`${hospitalId}\n${eventId}`).digest('hex').slice(0, 12);
  return `${hospitalId}-${time}-${hash}`;
}

/** A delivery's log keys: its booking, its event, and the request whose change caused the event. */
export const deliveryKeys = (record: DeliveryRecord) => ({
  ...detailCorrelation(record.detail),
  bookingId: record.bookingId,
  eventId: record.eventId,
  deliveryId: record.deliveryId,
});

/** The hospital a delivery id belongs to. */
export const hospitalOfDelivery = (deliveryId: string): string =>
  deliveryId.replace(/-\d{17}-[0-9a-f]{12}$/, '');

function omit<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

/**
 * The target of the `deliver-to-hospital` rule: records the delivery and queues its first
 * attempt. The same event again finds its delivery and queues nothing more, unless the first
 * attempt was never queued (the previous run stopped in between).
 */
export async function enqueueEvent(
  event: unknown,
  deps: Clock & { queue: DeliveryQueue },
): Promise<{ deliveryId: string; outcome: 'queued' | 'duplicate' }> {
  const parsed = parseBusEvent(event);
  const eventType = parsed['detail-type'];
  const detail = parsed.detail;
  const now = deps.now().toISOString();
  const deliveryId = deliveryIdFor(detail.hospitalId, detail.eventId, detail.occurredAt);
  const record: DeliveryRecord = {
    deliveryId,
    hospitalId: detail.hospitalId,
    eventId: detail.eventId,
    eventType,
    bookingId: detail.bookingId,
    occurredAt: detail.occurredAt,
    detail: detail as Record<string, unknown>,
    status: 'pending',
    round: 1,
    attempt: 0,
    settled: 0,
    roundStartedAt: now,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const result = await createDelivery(record);
  const pendingFirst =
    result.created || (result.existing.status === 'pending' && result.existing.attempt === 0);
  if (!pendingFirst) return { deliveryId, outcome: 'duplicate' };
  const round = result.created ? 1 : result.existing.round;
  await deps.queue.schedule({ deliveryId, hospitalId: detail.hospitalId, round, attempt: 1, dueAt: now });
  return { deliveryId, outcome: result.created ? 'queued' : 'duplicate' };
}

type PostResult = { ok: boolean; statusCode: number | null; latencyMs: number; error: string | null };

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  deps: AttemptDeps,
): Promise<PostResult> {
  const started = performance.now();
  try {
    const response = await deps.fetch(url, {
      method: 'POST',
      headers,
      body,
      // A redirect could lead anywhere, internal hosts included: a 3xx is a failed attempt.
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    const latencyMs = Math.round(performance.now() - started);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, latencyMs, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const text =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${deps.timeoutMs} ms`
        : `${error instanceof Error ? error.name : 'Error'}${cause === undefined ? '' : ` ${cause}`}: ${
            error instanceof Error ? error.message : String(error)
          }`;
    return { ok: false, statusCode: null, latencyMs, error: text.slice(0, ERROR_MAX) };
  }
}

type Outcome =
  | 'delivered'
  | 'retrying'
  | 'dead-lettered'
  | 'skipped'
  | 'deferred'
  | 'stale'
  | 'in-flight'
  | 'resumed';

/** Runs the attempt a queue message asks for, if it is still the one due; see the module header. */
export async function processMessage(message: DeliveryMessage, deps: AttemptDeps): Promise<Outcome> {
  const now = deps.now();
  if (Date.parse(message.dueAt) - now.getTime() > 1000) {
    await deps.queue.schedule(message); // a wait longer than one hop of the queue: chain it
    return 'deferred';
  }
  const read = await getDelivery(message.hospitalId, message.deliveryId);
  if (read !== undefined) correlate(deliveryKeys(read));
  if (read === undefined || read.status !== 'pending' || read.round !== message.round) return 'stale';
  if (read.attempt === message.attempt) {
    if (read.settled === message.attempt) {
      // The outcome was recorded but the next attempt may not have been queued: queue it (again).
      if (read.nextAttemptAt === undefined) return 'stale';
      await deps.queue.schedule({ ...message, attempt: message.attempt + 1, dueAt: read.nextAttemptAt });
      return 'resumed';
    }
    // Another copy of this message is being worked on (drop this one), or its worker died: then
    // the message it held comes back (SQS hands it out again after the visibility timeout; the local
    // runtime re-queues pending deliveries on start), by which time the claim is stale. Real time,
    // never scaled: an attempt takes as long as the receiver does.
    const claimedAt = read.claimedAt === undefined ? 0 : Date.parse(read.claimedAt);
    if (now.getTime() - claimedAt < STALE_CLAIM_MS) return 'in-flight';
    const error = 'the attempt was interrupted before it finished';
    await recordAttempt({
      deliveryId: read.deliveryId,
      hospitalId: read.hospitalId,
      round: read.round,
      attempt: message.attempt,
      at: read.claimedAt ?? now.toISOString(),
      outcome: 'failed',
      statusCode: null,
      latencyMs: 0,
      error,
    });
    return settleFailure(read, message, error, deps);
  }
  if (read.attempt !== message.attempt - 1) return 'stale';

  const at = now.toISOString();
  const claimed = await saveDelivery(
    { ...read, attempt: message.attempt, claimedAt: at, updatedAt: at },
    read,
  );
  if (claimed === undefined) return 'stale';

  const endpoint = await getWebhookEndpoint(claimed.hospitalId);
  if (endpoint?.url == null || !endpoint.enabled) {
    return skip(
      claimed,
      endpoint?.url == null ? 'no webhook endpoint is set' : 'the webhook endpoint is disabled',
      deps,
    );
  }
  const secrets = await signingSecrets(endpoint, now, deps.sealer());
  if (secrets.length === 0) return skip(claimed, 'the webhook endpoint has no signing secret', deps);
  try {
    checkWebhookUrl(endpoint.url, { allowHttpLocalhost: deps.allowHttpLocalhost });
  } catch (error) {
    if (error instanceof DomainError)
      return skip(claimed, `the webhook URL is not accepted: ${error.message}`, deps);
    throw error;
  }

  const notes = carriesHealthNotes(claimed.eventType) ? await notesForHospital(claimed, now, deps) : [];
  const body = webhookBody(claimed, notes);
  const timestamp = Math.floor(now.getTime() / 1000);
  const result = await post(
    endpoint.url,
    body,
    {
      'content-type': 'application/json',
      'user-agent': 'Shifa-Webhooks/1.0',
      [SIGNATURE_HEADER]: signatureHeader(body, secrets, timestamp),
      'Shifa-Event-Id': claimed.eventId,
      'Shifa-Event-Type': claimed.eventType,
      'Shifa-Delivery-Id': claimed.deliveryId,
      'Shifa-Delivery-Attempt': String(message.attempt),
      'Idempotency-Key': claimed.eventId,
    },
    deps,
  );
  const attempt: AttemptRecord = {
    deliveryId: claimed.deliveryId,
    hospitalId: claimed.hospitalId,
    round: claimed.round,
    attempt: message.attempt,
    at,
    outcome: result.ok ? 'delivered' : 'failed',
    statusCode: result.statusCode,
    latencyMs: result.latencyMs,
    error: result.error,
  };
  await recordAttempt(attempt);
  logger.info('webhook attempt', {
    deliveryId: claimed.deliveryId,
    eventType: claimed.eventType,
    round: claimed.round,
    attempt: message.attempt,
    outcome: attempt.outcome,
    statusCode: result.statusCode,
    latencyMs: result.latencyMs,
  });
  if (!result.ok) return settleFailure(claimed, message, result.error ?? 'failed', deps);

  const doneAt = deps.now().toISOString();
  await saveDelivery(
    {
      ...omit(claimed, 'nextAttemptAt', 'lastError', 'claimedAt'),
      status: 'delivered',
      settled: message.attempt,
      deliveredAt: doneAt,
      updatedAt: doneAt,
    },
    claimed,
  );
  return 'delivered';
}

async function skip(claimed: DeliveryRecord, reason: string, deps: Clock): Promise<Outcome> {
  const at = deps.now().toISOString();
  await saveDelivery(
    {
      ...omit(claimed, 'nextAttemptAt', 'claimedAt'),
      status: 'skipped',
      settled: claimed.attempt,
      skippedReason: reason,
      updatedAt: at,
    },
    claimed,
  );
  logger.info('webhook skipped', { deliveryId: claimed.deliveryId, eventType: claimed.eventType, reason });
  return 'skipped';
}

async function settleFailure(
  claimed: DeliveryRecord,
  message: DeliveryMessage,
  error: string,
  deps: AttemptDeps,
): Promise<Outcome> {
  countBusiness('deliveryAttemptsFailed', {});
  const now = deps.now();
  const at = now.toISOString();
  const offset = nextAttemptOffset(deps.policy, message.attempt, deps.random);
  if (offset === undefined) {
    // Parked first, recorded second: a crash in between leaves a second copy in the
    // dead-letter queue rather than a failed delivery nobody is alerted to.
    await deps.queue.deadLetter(message, error);
    await saveDelivery(
      {
        ...omit(claimed, 'nextAttemptAt', 'claimedAt'),
        status: 'failed',
        settled: message.attempt,
        failedAt: at,
        lastError: error,
        updatedAt: at,
      },
      claimed,
    );
    logger.warn('webhook dead-lettered', { deliveryId: claimed.deliveryId, attempts: message.attempt });
    countBusiness('deliveriesDeadLettered', {});
    return 'dead-lettered';
  }
  const due = Math.max(now.getTime(), Date.parse(claimed.roundStartedAt) + offset * deps.queue.timeScale);
  const dueAt = new Date(due).toISOString();
  const saved = await saveDelivery(
    {
      ...omit(claimed, 'claimedAt'),
      settled: message.attempt,
      nextAttemptAt: dueAt,
      lastError: error,
      updatedAt: at,
    },
    claimed,
  );
  if (saved === undefined) return 'stale'; // a redelivery started a new round meanwhile
  await deps.queue.schedule({ ...message, attempt: message.attempt + 1, dueAt });
  return 'retrying';
}

const deliveryNotFound = (deliveryId: string) =>
  new NotFoundError('delivery_not_found', `no delivery has the id ${deliveryId}`);

/** The delivery, if it belongs to `hospitalId` (undefined: any hospital, for the operator); 404 otherwise. */
export async function requireDelivery(
  deliveryId: string,
  hospitalId: string | undefined,
): Promise<DeliveryRecord> {
  const owner = hospitalOfDelivery(deliveryId);
  if (hospitalId !== undefined && owner !== hospitalId) throw deliveryNotFound(deliveryId);
  const record = await getDelivery(owner, deliveryId);
  if (record === undefined) throw deliveryNotFound(deliveryId);
  return record;
}

/**
 * A hospital's redelivery or the operator's replay: a new round with a fresh set of attempts,
 * its first queued at once, whatever the delivery's status. Late messages of the old round fall away.
 */
export async function startRound(
  deliveryId: string,
  hospitalId: string | undefined,
  deps: Clock & { queue: DeliveryQueue },
): Promise<DeliveryRecord> {
  const read = await requireDelivery(deliveryId, hospitalId);
  const at = deps.now().toISOString();
  const saved = await saveDelivery(
    {
      ...omit(read, 'claimedAt', 'deliveredAt', 'failedAt', 'skippedReason', 'lastError'),
      status: 'pending',
      round: read.round + 1,
      attempt: 0,
      settled: 0,
      roundStartedAt: at,
      nextAttemptAt: at,
      updatedAt: at,
    },
    read,
  );
  if (saved === undefined) {
    throw new ConflictError(
      'delivery_changed',
      'the delivery changed while you asked; read it again and retry',
    );
  }
  await deps.queue.schedule({
    deliveryId,
    hospitalId: saved.hospitalId,
    round: saved.round,
    attempt: 1,
    dueAt: at,
  });
  return saved;
}

export function deliveryView(
  record: DeliveryRecord,
  attempts: readonly AttemptRecord[],
  policy: RetryPolicy,
): DeliveryView {
  return {
    deliveryId: record.deliveryId,
    hospitalId: record.hospitalId,
    eventId: record.eventId,
    eventType: record.eventType,
    bookingId: record.bookingId,
    status: record.status,
    round: record.round,
    attempt: record.attempt,
    maxAttempts: maxAttempts(policy),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    nextAttemptAt: record.status === 'pending' ? (record.nextAttemptAt ?? null) : null,
    deliveredAt: record.deliveredAt ?? null,
    failedAt: record.failedAt ?? null,
    skippedReason: record.skippedReason ?? null,
    lastError: record.lastError ?? null,
    attempts: attempts.map(({ round, attempt, at, outcome, statusCode, latencyMs, error }) => ({
      round,
      attempt,
      at,
      outcome,
      statusCode,
      latencyMs,
      error,
    })),
  };
}

/** A page of deliveries with each one's attempts. */
export async function deliveryList(page: DeliveryPage, policy: RetryPolicy): Promise<DeliveryListResponse> {
  const items = await Promise.all(
    page.items.map(async (record) =>
      deliveryView(record, await attemptsOf(record.hospitalId, record.deliveryId), policy),
    ),
  );
  return { items, nextCursor: page.nextCursor };
}
