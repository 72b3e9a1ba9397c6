/**
 * The agency area's errors, made in one place so the rules (domain) and the
 * conditions that back them in a transaction (store) answer with the same code.
 */
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';

export const agencyErrors = {
  agencyUnknown: () =>
    new ForbiddenError('agency_unknown', 'your account is linked to no registered agency; ask an operator'),
  agencySuspended: () =>
    new ForbiddenError(
      'agency_suspended',
      'your agency is suspended: it may read its hotels, excursions and packages but not change them',
    ),
  agencyNotVerified: () =>
    new ForbiddenError(
      'agency_not_verified',
      'an operator must verify your agency before it can publish or sell; drafts can be prepared meanwhile',
    ),
  hospitalNotVerified: (hospitalId: string) =>
    new ConflictError(
      'hospital_not_verified',
      `the hospital ${hospitalId} is not verified (or is suspended): its treatment cannot be sold now`,
      [{ path: 'treatment.hospitalId', message: 'choose a verified hospital' }],
    ),
  versionConflict: (what: string, read: number) =>
    new ConflictError(
      'version_conflict',
      `the ${what} has changed since you read version ${read}; read it again and reapply your change`,
      [{ path: 'version', message: 'not the current version' }],
    ),
  packageNotFound: (packageId: string) =>
    new NotFoundError('package_not_found', `none of your packages has the id ${packageId}`),
  departureNotFound: (departureId: string) =>
    new NotFoundError('departure_not_found', `this package has no departure with the id ${departureId}`),
  hotelNotFound: (hotelId: string) =>
    new NotFoundError('hotel_not_found', `none of your hotels has the id ${hotelId}`),
  excursionNotFound: (excursionId: string) =>
    new NotFoundError('excursion_not_found', `none of your excursions has the id ${excursionId}`),
  seatsBelowSold: (sold?: number) =>
    new ConflictError(
      'seats_below_sold',
      sold === undefined
        ? 'more seats have been sold than the departure would have; offer more seats'
        : `${sold} seats of this departure are sold; offer at least that many`,
      [{ path: 'seats', message: sold === undefined ? 'below the seats sold' : `at least ${sold}` }],
    ),
  departureHasBookings: () =>
    new ConflictError(
      'departure_has_bookings',
      'seats of this departure are sold: it cannot be deleted (reduce its seats to those sold instead)',
    ),
  compositionLocked: (paths: readonly string[]) =>
    new ConflictError(
      'composition_locked',
      'travellers have booked this package: its length, treatment and stay are fixed now, as the beds they hold are',
      paths.map((path) => ({ path, message: 'cannot change once seats are sold' })),
    ),
  /** DynamoDB cancelled the write because another one held an item at that instant. */
  busy: () =>
    new ConflictError(
      'concurrent_update',
      'another change to this package or a booking on it was being made at the same moment; try again',
    ),
};
