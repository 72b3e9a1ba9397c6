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
  getHospitalWebhook: { responses: { 200: WebhookEndpoint } },
  putHospitalWebhook: {
    body: PutWebhookBody,
    responses: { 200: WebhookEndpoint },
    errors: { 409: 'version_conflict' },
  },
  rotateHospitalWebhookSecret: {
    responses: { 201: RotatedSecret },
    errors: { 409: 'rotation_in_progress' },
  },
  listHospitalDeliveries: { query: HospitalDeliveriesQuery, responses: { 200: DeliveryListResponse } },
  redeliverHospitalDelivery: {
    path: DeliveryPathParams,
    responses: { 202: DeliveryView },
    errors: {
      404: 'delivery_not_found',
      409: 'delivery_changed, idempotency_in_progress',
      422: 'idempotency_key_reused',
    },
  },
  listDeliveries: { query: OperatorDeliveriesQuery, responses: { 200: DeliveryListResponse } },
  replayDelivery: {
    path: DeliveryPathParams,
    responses: { 202: DeliveryView },
    errors: {
      404: 'delivery_not_found',
      409: 'delivery_changed, idempotency_in_progress',
      422: 'idempotency_key_reused',
    },
  },
} satisfies Operations;
