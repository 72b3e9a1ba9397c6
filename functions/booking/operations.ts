/** The booking area's operations, for the OpenAPI document. */
import {
  AccessLogQuery,
  AccessLogResponse,
  BookingListResponse,
  BookingPathParams,
  BookingView,
  CancelBookingBody,
  CreateBookingBody,
  DeclineBookingBody,
  ErasureReport,
  GetBookingQuery,
  HospitalBookingsQuery,
  ListBookingsQuery,
} from '@shifa/contracts';
import * as z from 'zod';
import type { Operations } from '../operations';

export const bookingOperations = {
  createBooking: {
    summary: 'Hold a departure for one or more travellers and open the card authorisation',
    body: CreateBookingBody,
    responses: { 201: BookingView },
    errors: {
      404: 'package_not_found, departure_not_found',
      409: 'departure_sold_out, hospital_capacity_exhausted, accommodation_full, package_unavailable, too_many_unpaid_holds (you hold the most unpaid bookings allowed, 3 unless set otherwise: pay, cancel or let one expire), booking_too_large, transaction_conflict, idempotency_in_progress',
      410: 'departure_closed',
      422: 'idempotency_key_reused',
    },
  },
  listMyBookings: {
    summary: "List the signed-in tourist's bookings, newest first",
    query: ListBookingsQuery,
    responses: { 200: BookingListResponse },
  },
  getBooking: {
    summary:
      'Read a booking: its tourist, its agency, or its hospital (the tourist and, while it needs them, the hospital see health notes)',
    path: BookingPathParams,
    query: GetBookingQuery,
    responses: { 200: BookingView },
    errors: { 404: 'booking_not_found' },
  },
  payBooking: {
    summary: 'Get (again) what the client needs to authorise the card for a hold',
    path: BookingPathParams,
    responses: { 200: BookingView },
    errors: { 404: 'booking_not_found', 409: 'not_awaiting_payment', 422: 'idempotency_key_reused' },
  },
  cancelBooking: {
    summary: "Cancel a booking; the package's cancellation tiers decide the refund",
    path: BookingPathParams,
    body: CancelBookingBody,
    responses: { 200: BookingView },
    errors: { 404: 'booking_not_found', 409: 'invalid_booking_state', 422: 'idempotency_key_reused' },
  },
  deleteHealthNotes: {
    summary:
      "Delete the travellers' health notes of one of your bookings, for good; their consent records stay",
    path: BookingPathParams,
    responses: { 204: null },
    errors: { 404: 'booking_not_found', 409: 'transaction_conflict' },
  },
  getHealthAccessLog: {
    summary:
      "Who opened a booking's health notes, when and why, newest first: the tourist who booked, or the operator",
    path: BookingPathParams,
    query: AccessLogQuery,
    responses: { 200: AccessLogResponse },
    errors: { 404: 'booking_not_found' },
  },
  erasePersonalData: {
    summary:
      'Erase your personal data across your bookings (names, birth dates, health notes, contact); answers what was kept and why',
    responses: { 200: ErasureReport },
    errors: {
      409: 'bookings_in_progress (a booking is held, awaiting the hospital or confirmed: cancel it or ask again after the trip), transaction_conflict',
    },
  },
  listAgencySales: {
    summary: "List the agency's bookings (its sales), newest first",
    query: ListBookingsQuery,
    responses: { 200: BookingListResponse },
  },
  listHospitalBookings: {
    summary:
      "The hospital's inbox: its bookings in one status, oldest deadline first, with consented health notes",
    query: HospitalBookingsQuery,
    responses: { 200: BookingListResponse },
  },
  acceptHospitalBooking: {
    summary: 'Accept a booking: the card is captured and the booking confirmed',
    path: BookingPathParams,
    responses: { 200: BookingView },
    errors: {
      404: 'booking_not_found',
      409: 'not_awaiting_decision, decision_deadline_passed, stale_booking',
      422: 'idempotency_key_reused',
    },
  },
  declineHospitalBooking: {
    summary: 'Decline a booking with a reason: everything is released and the card authorisation cancelled',
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
    summary: "Receive Stripe's signed payment events",
    // Only documents what Stripe sends: the handler checks the signature on the raw body, then reads it.
    // Stripe's object ids are at most 255 characters; its event types are far shorter.
    body: z
      .object({ id: z.string().max(255), type: z.string().max(255) })
      .describe('a Stripe event, signed with Stripe-Signature'),
    responses: { 200: z.object({ received: z.literal(true), outcome: z.string() }) },
  },
} satisfies Operations;
