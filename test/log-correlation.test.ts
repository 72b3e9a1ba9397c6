/**
 * One booking's story, followed through the logs: a hold, the payment Stripe's webhook reports, and
 * a cancellation, each a request through the API, and what their changes cause (the events the
 * stream publisher puts on the bus, the hospital's webhook delivery queued and attempted, the
 * tourist's notifications). Every line of each of those invocations carries the booking id and the
 * id of the request that started it: API Gateway's id for the API's lines, and for the events'
 * consumers the id of the request whose change caused the event (the booking's `lastRequestId`,
 * carried in the event's metadata). The structured lines are read from what the handlers print.
 */
import { randomUUID } from 'node:crypto';
import { BookingView } from '@shifa/contracts';
import { todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { useApi } from './support/api';
import { bookingMaker } from './support/booking-events';
import { connectHospital, settled, useHospitalDelivery } from './support/delivery';
import { useEventBus } from './support/events';
import { usePaymentSimulator } from './support/payments';
import { useTable } from './support/table';

// INFO from the shared logger's construction on: Powertools puts each warm invocation back to it.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
});

type Line = Record<string, unknown> & {
  message: string;
  function_name?: string;
  function_request_id?: string;
};

const lines: Line[] = [];

beforeAll(() => {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      const text = String(chunk);
      try {
        lines.push(JSON.parse(text) as Line);
        return true;
      } catch {
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }
    }) as typeof stream.write);
  }
});
afterAll(() => {
  vi.restoreAllMocks();
});

useTable();
const api = useApi();
const stripe = usePaymentSimulator(api);
const delivery = useHospitalDelivery({ timeScale: 1e-6 });
const pipeline = useEventBus();
const today = todayUtc(new Date());
const bookings = bookingMaker(api, stripe, today);
const HOSPITAL_ID = 'xj-tcm-hospital';
const HOSPITAL = 'international@xj-tcm.example.cn';
const TOURIST = 'aigerim@example.kz';

/** Every line one invocation wrote, by the Lambda request id its context gave it. */
const invocation = (functionRequestId: unknown): Line[] =>
  lines.filter((line) => line.function_request_id === functionRequestId);

/** The invocations of a function that said anything about the booking. */
const invocationsOf = (functionName: string, bookingId: string): Line[][] =>
  [
    ...new Set(
      lines
        .filter((line) => line.function_name === functionName && line.bookingId === bookingId)
        .map((line) => line.function_request_id),
    ),
  ].map(invocation);

const keys = (story: Line[]) =>
  story.map(({ message, bookingId, requestId }) => ({ message, bookingId, requestId }));

beforeAll(async () => {
  await loadDemoData(today);
  await connectHospital(api, delivery, { id: HOSPITAL_ID, user: HOSPITAL });
});

it('finds the booking id and the originating request id on every line of its requests, events, delivery and notifications', async () => {
  // Prepare and act: hold, pay (Stripe's webhook is a request of its own), cancel.
  const paid = await bookings.paid({ language: 'ru' });
  const { bookingId } = paid;
  await settled(pipeline, delivery, bookingId, 1);
  const cancelled = await api.request('POST', `/bookings/${bookingId}/cancel`, {
    as: TOURIST,
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
  await settled(pipeline, delivery, bookingId, 2);

  // Assess: the API's requests. Each is named by API Gateway's id, which the response header gives.
  const requestLine = (routeKey: string) =>
    lines.find(
      (line) => line.message === 'request' && line.route === routeKey && line.bookingId === bookingId,
    );
  const hold = requestLine('POST /bookings');
  const webhook = requestLine('POST /payments/stripe/webhook');
  const cancel = requestLine('POST /bookings/{bookingId}/cancel');
  expect(cancel?.requestId).toBe(cancelled.headers.get('apigw-requestid'));
  for (const request of [hold, webhook, cancel]) {
    expect(request?.requestId).toEqual(expect.any(String));
    const story = invocation(request?.function_request_id);
    expect(keys(story)).toEqual(
      story.map(({ message }) => ({ message, bookingId, requestId: request?.requestId })),
    );
  }
  expect(new Set([hold?.requestId, webhook?.requestId, cancel?.requestId]).size).toBe(3);

  // The events: the payment's change caused BookingRequested; the cancellation's BookingCancelled and
  // the release of the authorisation it recorded (PaymentStepRequested).
  const causedBy: Record<string, unknown> = {
    BookingRequested: webhook?.requestId,
    BookingCancelled: cancel?.requestId,
    PaymentStepRequested: cancel?.requestId,
  };
  const published = lines.filter(
    (line) => line.message === 'event published' && line.bookingId === bookingId,
  );
  expect(published.map(({ eventType, requestId }) => ({ eventType, requestId }))).toEqual([
    { eventType: 'BookingRequested', requestId: webhook?.requestId },
    { eventType: 'BookingCancelled', requestId: cancel?.requestId },
    { eventType: 'PaymentStepRequested', requestId: cancel?.requestId },
  ]);

  // Their consumers: each invocation, every line, carries the booking and the request its event came from.
  const consumers = ['shifa-deliver-to-hospital', 'shifa-attemptHospitalDelivery', 'shifa-notify-tourist'];
  for (const functionName of consumers) {
    const invocations = invocationsOf(functionName, bookingId);
    expect(invocations.length, functionName).toBeGreaterThanOrEqual(2);
    for (const story of invocations) {
      const eventType =
        String(story.find((line) => typeof line.eventId === 'string')?.eventId).split(':')[2] ?? '';
      expect(Object.keys(causedBy), `${functionName}: ${JSON.stringify(story)}`).toContain(eventType);
      expect(keys(story), functionName).toEqual(
        story.map(({ message }) => ({ message, bookingId, requestId: causedBy[eventType] })),
      );
    }
  }

  // Nothing personal in any of it: the traveller's name and the tourist's address stay out of the logs.
  const story = JSON.stringify(lines.filter((line) => line.bookingId === bookingId));
  expect(story).not.toContain('AIGERIM');
  expect(story).not.toContain(TOURIST);
  expect(BookingView.parse(cancelled.body).status).toBe('CANCELLED');
  expect(pipeline.warnings).toEqual([]);
});
