/**
 * The shape of the UI's strings in one language. Enumerations are keyed by the
 * API's own types, so a value added to a schema in @shifa/contracts is a type
 * error here until every language names it.
 */
import type {
  BookingStatus,
  City,
  Country,
  DeclineReason,
  DetailRule,
  ItineraryDay,
  MealPlan,
  PackageStatus,
  PriceLines,
  Role,
  ServiceKind,
  TreatmentKind,
} from '@shifa/contracts';
import type { BookingEvent } from '@shifa/domain';

type Count = (n: number) => string;
type ActivityKind = ItineraryDay['activities'][number]['kind'];

export type Messages = {
  /**
   * BCP 47 tags for Intl (numbers, money, dates), best first. Browsers' locale data for Kazakh, Kyrgyz
   * and Uzbek is often missing (Chromium formats a date as "2026 M12 5"); then the next one is used.
   */
  locales: readonly [string, ...string[]];
  app: {
    skip: string;
    tagline: string;
    search: string;
    myTrips: string;
    inbox: string;
    agencyPackages: string;
    operator: string;
    capacity: string;
    deliveries: string;
    signIn: string;
    signOut: string;
    language: string;
    loading: string;
    retry: string;
    back: string;
    notFound: string;
    toHome: string;
    error: string;
    offline: string;
    footer: string;
    notFoundError: string;
    forbiddenError: string;
    conflictError: string;
    invalidError: string;
  };
  kinds: Record<TreatmentKind, string>;
  countries: Record<Country, string>;
  cities: Record<City, string>;
  services: Record<ServiceKind, string>;
  meals: Record<MealPlan, string>;
  activities: Record<ActivityKind, string>;
  statuses: Record<BookingStatus, string>;
  causes: Record<BookingEvent | 'tourist_held', string>;
  declineReasons: Record<DeclineReason, string>;
  lines: Record<keyof PriceLines | 'total', string>;
  count: {
    days: Count;
    nights: Count;
    seatsLeft: Count;
    travellers: Count;
    sessions: Count;
    hours: Count;
    departures: Count;
  };
  search: {
    title: string;
    treatment: string;
    city: string;
    from: string;
    to: string;
    travellers: string;
    language: string;
    maxPrice: string;
    currency: string;
    any: string;
    submit: string;
    reset: string;
    priceNeedsCurrency: string;
    none: string;
    more: string;
    priceFrom: (price: string) => string;
    perTraveller: string;
    nextDeparture: (date: string) => string;
    hospital: string;
    agency: string;
    servedIn: string;
  };
  tour: {
    treatment: string;
    sessionsOver: (sessions: string, days: string) => string;
    includes: string;
    startsOnDay: Count;
    hospital: string;
    hospitalLanguages: string;
    stay: string;
    stars: Count;
    sightseeing: string;
    dayN: Count;
    dayRange: (from: number, to: number) => string;
    services: string;
    servicesIn: (languages: string) => string;
    serviceLanguages: string;
    itinerary: string;
    departures: string;
    noDepartures: string;
    breakdown: string;
    dates: string;
    book: string;
    soldOut: string;
    policy: string;
    policyTier: (days: number, percent: number) => string;
    policyNone: (days: number) => string;
    policyBeforeConfirm: string;
    organisedBy: string;
  };
  /** API validation problems (400 details) in words, by their stable code; see src/problems.ts. */
  problems: {
    required: string;
    invalidValue: string;
    invalidFormat: string;
    invalidType: string;
    unknownField: string;
    tooSmall: (limit: number, of: 'characters' | 'items' | 'value') => string;
    tooBig: (limit: number, of: 'characters' | 'items' | 'value') => string;
    tooEarly: string;
    tooLate: string;
    /** Shifa's own rules, by the detail's `rule`, worded with its `params`. */
    rules: Record<DetailRule, string | ((params: Record<string, string | number | undefined>) => string)>;
  };
  book: {
    title: string;
    departure: string;
    signInFirst: string;
    wrongRole: string;
    travellers: string;
    traveller: Count;
    add: string;
    remove: string;
    fullName: string;
    fullNameHint: string;
    fullNameInvalid: string;
    birthDate: string;
    birthDateInvalid: string;
    nationality: string;
    preferredLanguage: string;
    healthNotes: string;
    healthNotesHint: string;
    consent: (hospital: string) => string;
    consentNeeded: string;
    currency: string;
    total: (travellers: string) => string;
    noSeats: Count;
    submit: string;
    submitting: string;
    holdNote: string;
    fixErrors: string;
    /** The tourist holds the most unpaid bookings allowed (409 too_many_unpaid_holds). */
    tooManyUnpaid: string;
    unavailable: string;
    overCardLimit: string;
    noPayableCurrency: string;
    nationalityMissing: string;
    /** The chosen departure's refund terms, before paying: today's, then from which date each other. */
    refundTitle: string;
    refundToday: (percent: string, amount: string) => string;
    /** Said before paying when nothing would come back if cancelled from today on. */
    nonRefundable: string;
    /** The last, open-ended period of the terms; the others are date ranges. */
    refundFrom: (date: string) => string;
    refundBack: (percent: string, amount: string) => string;
    refundNothing: string;
    refundClock: string;
    /** After a reload, where health notes had been written: they are not kept. */
    notesNotKept: string;
    alreadyBooked: string;
    toBooking: string;
  };
  booking: {
    title: string;
    reference: string;
    holdLeft: (time: string) => string;
    holdExpired: string;
    pay: string;
    payExplain: string;
    testCards: string;
    cardVisa: string;
    cardDeclined: string;
    card3ds: string;
    payButton: (amount: string) => string;
    paying: string;
    declined: string;
    authFailed: string;
    authorised: string;
    redirecting: string;
    stripeNotConfigured: string;
    stripeLoading: string;
    cardDetails: string;
    awaiting: (deadline: string) => string;
    confirmed: string;
    declinedBy: string;
    reason: string;
    hospitalNote: string;
    timeline: string;
    hospitalAnswer: string;
    answerBy: (deadline: string) => string;
    price: string;
    perTravellerTimes: (price: string, travellers: number) => string;
    travellers: string;
    healthShared: string;
    /** Shown for a traveller whose name and birth date the tourist erased. */
    erasedName: string;
    healthData: string;
    /** When the tourist deleted the notes. */
    healthDeleted: (when: string) => string;
    healthWhoOpened: string;
    healthNobodyYet: string;
    /** Who opened (or deleted) the notes: the tourist, the treating hospital, Shifa itself, the operator. */
    healthActor: Record<'tourist' | 'hospital' | 'platform' | 'operator' | 'agency', string>;
    healthPurpose: Record<'view' | 'webhook' | 'export' | 'delete' | 'retention', string>;
    healthDelete: string;
    healthDeleteConfirm: string;
    healthDeleteYes: string;
    cancel: string;
    cancelTitle: string;
    cancelHeld: string;
    cancelAuthorised: string;
    cancelRefund: (percent: number, amount: string, days: number) => string;
    cancelNoRefund: (days: number) => string;
    cancelReason: string;
    cancelKeep: string;
    cancelConfirm: string;
    cancelling: string;
    nothingCharged: string;
    toTour: string;
    bookAgain: string;
    keptNoRefund: (amount: string) => string;
    signInToSee: string;
    /** The hospital accepted and the card is being charged: not yet confirmed. */
    acceptedCharging: (amount: string) => string;
    /** A cancel refused with 409 decision_in_progress: it is tried again by itself. */
    decisionInProgress: string;
    retryNow: string;
  };
  /** Where a booking's money stands (src/money-status.ts). */
  money: {
    authorised: (amount: string) => string;
    charging: (amount: string) => string;
    charged: (amount: string) => string;
    releasing: (amount: string) => string;
    released: string;
    refunding: (charged: string, refund: string) => string;
    refunded: (charged: string, refunded: string) => string;
    delayed: string;
  };
  trips: { title: string; none: string; find: string };
  signIn: {
    title: string;
    localOnly: string;
    unavailable: string;
    redirecting: string;
    continue: string;
    completing: string;
    failed: string;
    cancelled: string;
    again: string;
    roles: Record<Role, string>;
    as: string;
    signedInAs: (name: string) => string;
  };
  inbox: {
    title: string;
    tabs: Record<'AWAITING_HOSPITAL' | 'CONFIRMED' | 'DECLINED', string>;
    none: string;
    answerBy: (time: string, left: string) => string;
    late: string;
    patients: string;
    accept: string;
    decline: string;
    reason: string;
    note: string;
    confirmDecline: string;
    accepted: string;
    /** After accepting, while the capture is still pending. */
    acceptedCharging: string;
    /** An accepted booking whose card is still being charged, as the inbox lists it. */
    charging: string;
    declinedDone: string;
    wrongRole: string;
    noteRequired: string;
    /** The note's label when the reason needs one (no "optional"). */
    noteNeeded: string;
  };
  agency: {
    title: string;
    none: string;
    statuses: Record<PackageStatus, string>;
    updated: (date: string) => string;
    wrongRole: string;
  };
};
