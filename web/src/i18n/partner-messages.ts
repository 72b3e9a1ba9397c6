/**
 * The partner consoles' strings (operator, package composer, capacity, webhook log) in one language.
 * Kept apart from Messages so they travel in the partner pages' chunks, not in the storefront's first load.
 */
import type { DeliveryStatus, OrganisationKind, OrganisationStatus } from '@shifa/contracts';

export type PartnerMessages = {
  operator: {
    title: string;
    organisations: string;
    kind: string;
    status: string;
    all: string;
    kinds: Record<OrganisationKind, string>;
    statuses: Record<OrganisationStatus, string>;
    noOrganisations: string;
    since: (date: string) => string;
    verify: string;
    suspend: string;
    reason: string;
    reasonHint: string;
    confirmSuspend: string;
    cancel: string;
    verified: (name: string) => string;
    suspended: (name: string) => string;
    deliveries: string;
    noDeliveries: string;
    delivery: (event: string, booking: string) => string;
    hospital: string;
    failedAt: (time: string) => string;
    attempts: (made: number, max: number) => string;
    lastError: string;
    replay: string;
    replayed: string;
    /** 409s in words, keyed by the API's codes. */
    conflicts: Record<'invalid_status_transition' | 'status_changed' | 'delivery_changed', string>;
    wrongRole: string;
  };
  composer: {
    newTitle: string;
    editTitle: string;
    create: string;
    edit: string;
    back: string;
    texts: string;
    textsHint: string;
    title: (language: string) => string;
    description: (language: string) => string;
    duration: string;
    hospital: string;
    choose: string;
    programme: string;
    programmeFacts: (days: number, sessions: number) => string;
    startDay: string;
    hotel: string;
    noHotels: string;
    nights: string;
    room: string;
    meals: string;
    excursions: string;
    noExcursions: string;
    onDay: string;
    services: string;
    languagesOf: (service: string) => string;
    serviceLanguages: string;
    tiers: string;
    tiersHint: string;
    daysBefore: string;
    refund: string;
    addTier: string;
    removeTier: string;
    save: string;
    saved: string;
    invalid: string;
    departures: string;
    saveFirst: string;
    noDepartures: string;
    seatsSold: (sold: number, seats: number) => string;
    startDate: string;
    seats: string;
    prices: string;
    pricesHint: string;
    lines: Record<'treatment' | 'accommodation' | 'sightseeing' | 'services', string>;
    amountInvalid: string;
    addDeparture: string;
    departureAdded: string;
    /** A departure's offers, each the total per traveller in its currency, listed. */
    perTraveller: (prices: string) => string;
    editDeparture: string;
    editDepartureOf: (dates: string) => string;
    editHint: string;
    seatsHint: (sold: number) => string;
    saveDeparture: string;
    cancelEdit: string;
    departureSaved: string;
    deleteDeparture: string;
    deleteDepartureOf: (dates: string) => string;
    confirmDelete: (dates: string) => string;
    deleteNow: string;
    keep: string;
    departureDeleted: string;
    publish: string;
    unpublish: string;
    publishedDone: string;
    unpublishedDone: string;
    /** 409s in words, keyed by the API's codes. */
    conflicts: Record<
      | 'hospital_not_verified'
      | 'insufficient_hospital_capacity'
      | 'insufficient_hotel_beds'
      | 'composition_locked'
      | 'version_conflict'
      | 'concurrent_update'
      | 'too_many_departures'
      | 'departure_date_taken'
      | 'package_already_published'
      | 'package_not_published'
      | 'no_upcoming_departure'
      | 'seats_below_sold'
      | 'departure_started'
      | 'departure_has_bookings'
      | 'departure_not_found',
      string
    >;
  };
  capacity: {
    title: string;
    shown: (from: string, to: string) => string;
    earlier: string;
    later: string;
    free: (available: number, capacity: number) => string;
    closed: string;
    setTitle: string;
    from: string;
    to: string;
    beds: string;
    set: string;
    setDone: string;
    conflicts: Record<'capacity_below_taken' | 'capacity_contended', string>;
    wrongRole: string;
  };
  deliveries: {
    title: string;
    none: string;
    statuses: Record<DeliveryStatus, string>;
    attempt: (round: number, attempt: number, time: string) => string;
    noResponse: string;
    wrongRole: string;
  };
  /** Lists the API pages with a cursor. */
  paging: {
    more: string;
    /** How many rows are shown, and whether that is all of them. */
    shown: (count: number, complete: boolean) => string;
  };
  /** The agency's sales: bookings of its packages. */
  sales: {
    title: string;
    intro: string;
    none: string;
    booked: string;
    package: string;
    departure: string;
    travellers: string;
    price: string;
    status: string;
    wrongRole: string;
  };
};
