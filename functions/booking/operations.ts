/** The booking area's operations, for the OpenAPI document. */
import {
  BookingListResponse,
  BookingPathParams,
  BookingView,
  CancelBookingBody,
  CreateBookingBody,
  DeclineBookingBody,
  HospitalBookingsQuery,
  ListBookingsQuery,
} from '@shifa/contracts';
import * as z from 'zod';
import type { Operations } from '../operations';

export const bookingOperations = {
  createBooking: {
    body: CreateBookingBody,
    responses: { 201: BookingView },
    errors: {
      404: 'package_not_found, departure_not_found',
      409: 'departure_sold_out, hospital_capacity_exhausted, accommodation_full, package_unavailable, too_many_unpaid_holds (you hold the most unpaid bookings allowed, 3 unless set otherwise: pay, cancel or let one expire), booking_too_large, transaction_conflict, idempotency_in_progress',
      410: 'departure_closed',
      422: 'idempotency_key_reused',
    },
  },
  listMyBookings: { query: ListBookingsQuery, responses: { 200: BookingListResponse } },
  getBooking: {
    path: BookingPathParams,
    responses: { 200: BookingView },
    errors: { 404: 'booking_not_found' },
  },
  payBooking: {
    path: BookingPathParams,
    responses: { 200: BookingView },
    errors: { 404: 'booking_not_found', 409: 'not_awaiting_payment', 422: 'idempotency_key_reused' },
  },
  cancelBooking: {
    path: BookingPathParams,
    body: CancelBookingBody,
    responses: { 200: BookingView },
    errors: { 404: 'booking_not_found', 409: 'invalid_booking_state', 422: 'idempotency_key_reused' },
  },
  listAgencySales: { query: ListBookingsQuery, responses: { 200: BookingListResponse } },
  listHospitalBookings: { query: HospitalBookingsQuery, responses: { 200: BookingListResponse } },
  acceptHospitalBooking: {
    path: BookingPathParams,
    responses: { 200: BookingView },
    errors: {
      404: 'booking_not_found',
      409: 'not_awaiting_decision, decision_deadline_passed, stale_booking',
      422: 'idempotency_key_reused',
    },
  },
  declineHospitalBooking: {
    path: BookingPathParams,
    body: DeclineBookingBody,
    responses: { 200: BookingView },
    errors: {
      404: 'booking_not_found',
      409: 'not_awaiting_decision, already_accepted',
      422: 'idempotency_key_reused',
    },
  },
  stripeWebhook: {
    // Only documents what Stripe sends: the handler checks the signature on the raw body, then reads it.
    // Stripe's object ids are at most 255 characters; its event types are far shorter.
    body: z
      .object({ id: z.string().max(255), type: z.string().max(255) })
      .describe('a Stripe event, signed with Stripe-Signature'),
    responses: { 200: z.object({ received: z.literal(true), outcome: z.string() }) },
  },
} satisfies Operations;
