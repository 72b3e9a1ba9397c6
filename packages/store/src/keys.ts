/** Key builders: the only place that knows how items are addressed. */

export const keys = {
  package: (packageId: string) => ({ PK: `PKG#${packageId}`, SK: 'PACKAGE' }),
  departure: (packageId: string, departureId: string) => ({
    PK: `PKG#${packageId}`,
    SK: `DEP#${departureId}`,
  }),
  hospital: (hospitalId: string) => ({ PK: `HOSP#${hospitalId}`, SK: 'PROFILE' }),
  programme: (hospitalId: string, programmeId: string) => ({
    PK: `HOSP#${hospitalId}`,
    SK: `PROG#${programmeId}`,
  }),
  agency: (agencyId: string) => ({ PK: `AGENCY#${agencyId}`, SK: 'PROFILE' }),
  capacity: (hospitalId: string, date: string) => ({ PK: `HOSP#${hospitalId}`, SK: `CAP#${date}` }),
  hotel: (agencyId: string, hotelId: string) => ({ PK: `AGENCY#${agencyId}`, SK: `HOTEL#${hotelId}` }),
  excursion: (agencyId: string, excursionId: string) => ({
    PK: `AGENCY#${agencyId}`,
    SK: `EXC#${excursionId}`,
  }),
  suspensions: () => ({ PK: 'PLATFORM', SK: 'SUSPENSIONS' }),
} as const;

/** Keys of the byOwner index (GSI2). */
export const ownerKeys = {
  organisation: (kind: 'agency' | 'hospital', organisationId: string) => ({
    GSI2PK: `ORGS#${kind}`,
    GSI2SK: organisationId,
  }),
  agencyPackage: (agencyId: string, packageId: string) => ({
    GSI2PK: `AGENCY#${agencyId}`,
    GSI2SK: `PKG#${packageId}`,
  }),
} as const;

export const LISTING_PARTITION = 'LISTING';

export const listingKeys = {
  package: (kind: string, packageId: string) => ({
    GSI1PK: LISTING_PARTITION,
    GSI1SK: `${kind}#${packageId}`,
  }),
  departure: (kind: string, packageId: string, startDate: string, departureId: string) => ({
    GSI1PK: LISTING_PARTITION,
    GSI1SK: `${kind}#${packageId}#DEP#${startDate}#${departureId}`,
  }),
} as const;

export const ENTITY = {
  package: 'Package',
  departure: 'Departure',
  hospital: 'Hospital',
  programme: 'TreatmentProgramme',
  agency: 'Agency',
  capacity: 'CapacityDay',
  hotel: 'Hotel',
  excursion: 'ExcursionComponent',
  suspensions: 'Suspensions',
  booking: 'Booking',
  healthNotes: 'HealthNotes',
  healthAccess: 'HealthAccess',
  hotelNight: 'HotelNight',
  processedEvent: 'ProcessedEvent',
  webhookEndpoint: 'WebhookEndpoint',
  delivery: 'HospitalDelivery',
  deliveryAttempt: 'DeliveryAttempt',
  record: 'MedicalRecord',
} as const;

export const bookingKeys = {
  booking: (bookingId: string) => ({ PK: `BOOKING#${bookingId}`, SK: 'BOOKING' }),
  healthNotes: (bookingId: string, traveller: number) => ({
    PK: `BOOKING#${bookingId}`,
    SK: `HEALTH#${traveller}`,
  }),
  /** One opening of a booking's health notes; sorts by time, the id keeps two at the same instant apart. */
  healthAccess: (bookingId: string, at: string, accessId: string) => ({
    PK: `BOOKING#${bookingId}`,
    SK: `ACCESS#${at}#${accessId}`,
  }),
  /** Health notes by the day they are to be deleted: the retention sweep. */
  notesRetention: (deleteAfter: string, bookingId: string, traveller: number) => ({
    GSI1PK: 'NOTES_RETENTION',
    GSI1SK: `${deleteAfter}#${bookingId}#${traveller}`,
  }),
  hotelNight: (agencyId: string, hotelId: string, date: string) => ({
    PK: `AGENCY#${agencyId}`,
    SK: `HOTELNIGHT#${hotelId}#${date}`,
  }),
  processedEvent: (provider: string, eventId: string) => ({
    PK: `${provider}_EVENT#${eventId}`,
    SK: 'EVENT',
  }),
  /** How many of a tourist's bookings are held and not yet paid: the limit's counter, the tourist's own item. */
  unpaidHolds: (touristId: string) => ({ PK: `TOURIST#${touristId}`, SK: 'UNPAID_HOLDS' }),
  /** Index keys: the tourist's list, the agency's sales, the hospital's inbox, the expiry sweep. */
  byTourist: (touristId: string, createdAt: string, bookingId: string) => ({
    GSI2PK: `TOURIST#${touristId}`,
    GSI2SK: `${createdAt}#${bookingId}`,
  }),
  byAgency: (agencyId: string, createdAt: string, bookingId: string) => ({
    GSI3PK: `AGENCY#${agencyId}#BOOKINGS`,
    GSI3SK: `${createdAt}#${bookingId}`,
  }),
  byHospital: (hospitalId: string, status: string, at: string, bookingId: string) => ({
    GSI4PK: `HOSP#${hospitalId}#BOOKINGS`,
    GSI4SK: `${status}#${at}#${bookingId}`,
  }),
  holds: (holdExpiresAt: string, bookingId: string) => ({
    GSI1PK: 'HOLDS',
    GSI1SK: `${holdExpiresAt}#${bookingId}`,
  }),
  /** Bookings waiting for their hospital, by deadline: the timeout sweep. */
  decisions: (deadline: string, bookingId: string) => ({
    GSI1PK: 'DECISIONS',
    GSI1SK: `${deadline}#${bookingId}`,
  }),
  /** Bookings whose money has a step to drive, by when it is next due: the reconciler's sweep. */
  money: (nextAttemptAt: string, bookingId: string) => ({
    GSI1PK: 'MONEY',
    GSI1SK: `${nextAttemptAt}#${bookingId}`,
  }),
  /** Confirmed bookings by the day their trip ends: the completion sweep. */
  trips: (endDate: string, bookingId: string) => ({ GSI1PK: 'TRIPS', GSI1SK: `${endDate}#${bookingId}` }),
} as const;

/** A hospital's webhook endpoint, and the deliveries of events to it with every attempt, under the hospital. */
export const deliveryKeys = {
  webhook: (hospitalId: string) => ({ PK: `HOSP#${hospitalId}`, SK: 'WEBHOOK' }),
  delivery: (hospitalId: string, deliveryId: string) => ({
    PK: `HOSP#${hospitalId}`,
    SK: `DELIVERY#${deliveryId}`,
  }),
  attempt: (hospitalId: string, deliveryId: string, round: number, attempt: number) => ({
    PK: `HOSP#${hospitalId}`,
    SK: `ATTEMPT#${deliveryId}#${String(round).padStart(3, '0')}#${String(attempt).padStart(3, '0')}`,
  }),
  /** Index keys: deliveries the operator watches (pending, failed), most recently changed last. */
  byStatus: (status: 'pending' | 'failed', at: string, deliveryId: string) => ({
    GSI1PK: `DELIVERIES#${status}`,
    GSI1SK: `${at}#${deliveryId}`,
  }),
} as const;

/** A tourist's medical records, under the tourist: one item per record, its file in the records bucket. */
export const recordKeys = {
  record: (ownerId: string, recordId: string) => ({ PK: `TOURIST#${ownerId}`, SK: `RECORD#${recordId}` }),
  /** The sort key's prefix that lists a tourist's records and nothing else of theirs. */
  prefix: 'RECORD#',
} as const;
