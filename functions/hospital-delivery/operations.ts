/** The hospital-delivery area's operations (webhook endpoint, secrets, deliveries, replays), for the OpenAPI document. */
import {
  DeliveryListResponse,
  DeliveryPathParams,
  DeliveryView,
  HospitalDeliveriesQuery,
  OperatorDeliveriesQuery,
  PutWebhookBody,
  RotatedSecret,
  WebhookEndpoint,
} from '@shifa/contracts';
import type { Operations } from '../operations';

export const hospitalDeliveryOperations = {
  getHospitalWebhook: {
    summary: 'Read where your bookings are pushed and which signing secrets are valid',
    responses: { 200: WebhookEndpoint },
  },
  putHospitalWebhook: {
    summary: 'Set the https URL your bookings are pushed to, and turn deliveries on or off',
    body: PutWebhookBody,
    responses: { 200: WebhookEndpoint },
    errors: { 409: 'version_conflict' },
  },
  rotateHospitalWebhookSecret: {
    summary: 'Create a new signing secret (shown once); the previous one stays valid for 24 hours',
    responses: { 201: RotatedSecret },
    errors: { 409: 'rotation_in_progress' },
  },
  listHospitalDeliveries: {
    summary: 'List the events pushed to your endpoint, newest first, with every attempt',
    query: HospitalDeliveriesQuery,
    responses: { 200: DeliveryListResponse },
  },
  redeliverHospitalDelivery: {
    summary: 'Push one of your events again, with a fresh round of attempts',
    path: DeliveryPathParams,
    responses: { 202: DeliveryView },
    errors: {
      404: 'delivery_not_found',
      409: 'delivery_changed, idempotency_in_progress',
      422: 'idempotency_key_reused',
    },
  },
  listDeliveries: {
    summary: 'List deliveries to hospitals that failed for good (or are being retried), across hospitals',
    query: OperatorDeliveriesQuery,
    responses: { 200: DeliveryListResponse },
  },
  replayDelivery: {
    summary: 'Send a delivery to its hospital again, with a fresh round of attempts',
    path: DeliveryPathParams,
    responses: { 202: DeliveryView },
    errors: {
      404: 'delivery_not_found',
      409: 'delivery_changed, idempotency_in_progress',
      422: 'idempotency_key_reused',
    },
  },
} satisfies Operations;
