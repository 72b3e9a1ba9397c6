/**
 * The one DynamoDB table: its keys and indexes, declared once as data and used
 * by the CDK app (infra/) and by the local runtime (CreateTable on DynamoDB Local).
 *
 * Access patterns
 * | # | who asks | pattern | how |
 * |---|----------|---------|-----|
 * | 1 | tourist | read a package with all its departures | Query PK = PKG#{packageId} (package item SK = PACKAGE, departures SK = DEP#{departureId}) |
 * | 2 | tourist | search published packages, optionally by treatment kind | Query index GSI1: GSI1PK = LISTING [AND begins_with(GSI1SK, {kind}#)]; each published package (GSI1SK = {kind}#{packageId}) is followed by its departures (GSI1SK = {kind}#{packageId}#DEP#{startDate}#{departureId}); city, language, date window, price and seats are matched in @shifa/domain on what the Query returns |
 * | 3 | anyone | read a hospital's profile | GetItem PK = HOSP#{hospitalId}, SK = PROFILE |
 * | 4 | anyone | list a hospital's treatment programmes | Query PK = HOSP#{hospitalId}, begins_with(SK, PROG#) |
 * | 5 | anyone | read an agency's profile | GetItem PK = AGENCY#{agencyId}, SK = PROFILE |
 * | 6 | operator | list agencies or hospitals | Query index GSI2: GSI2PK = ORGS#{agency or hospital}, GSI2SK = {organisationId} (status matched on what the Query returns) |
 * | 7 | agency | list its own packages | Query index GSI2: GSI2PK = AGENCY#{agencyId}, begins_with(GSI2SK, PKG#) |
 * | 8 | hospital, agency | read a hospital's capacity for a date range | Query PK = HOSP#{hospitalId}, SK BETWEEN CAP#{from} AND CAP#{to} |
 * | 9 | tourist, agency | which organisations are suspended (search and package reads hide their packages) | GetItem PK = PLATFORM, SK = SUSPENSIONS |
 * | 10 | agency | list its accommodation and excursion components | Query PK = AGENCY#{agencyId}, begins_with(SK, HOTEL#) / begins_with(SK, EXC#) |
 * | 11 | tourist | read a booking (with its encrypted health notes) | Query PK = BOOKING#{bookingId} (SK = BOOKING, HEALTH#{traveller}) |
 * | 12 | tourist | list my bookings, newest first | Query index GSI2: GSI2PK = TOURIST#{userId}, GSI2SK = {createdAt}#{bookingId} |
 * | 13 | agency | list its sales, newest first | Query index GSI3: GSI3PK = AGENCY#{agencyId}#BOOKINGS, GSI3SK = {createdAt}#{bookingId} |
 * | 14 | hospital | its bookings in one status (inbox), oldest deadline first | Query index GSI4: GSI4PK = HOSP#{hospitalId}#BOOKINGS, begins_with(GSI4SK, {status}#) |
 * | 15 | sweeper | holds whose time is up | Query index GSI1: GSI1PK = HOLDS, GSI1SK <= {now} (only HELD bookings without a money step carry it; GSI1 holds one sweep key at a time: MONEY, then HOLDS, DECISIONS (no answer yet), TRIPS) |
 * | 16 | webhook | was this payment event already processed? | the conditional Put of PK = STRIPE_EVENT#{eventId} in the same transaction as the change |
 * | 17 | operator | verify or suspend an agency or hospital | TransactWriteItems: Update PK = AGENCY#{agencyId} or HOSP#{hospitalId}, SK = PROFILE (status, statusReason, statusChangedAt, statusHistory (last 50); condition: the status and statusChangedAt read) + Update PK = PLATFORM, SK = SUSPENSIONS (ADD the id to, or DELETE it from, the string set `agencies` or `hospitals`) |
 * | 18 | agency | read or write one of its hotels or excursions; the excursions a package names | GetItem / BatchGetItem PK = AGENCY#{agencyId}, SK = HOTEL#{hotelId} or EXC#{excursionId}; a write is TransactWriteItems: Put (condition: absent, or the version read) + ConditionCheck PK = AGENCY#{agencyId}, SK = PROFILE (status <> suspended) |
 * | 19 | agency | compose, edit, publish or unpublish a package; add, change or delete its departures | TransactWriteItems: ConditionCheck the agency's profile (status <> suspended; = verified to sell) [+ ConditionCheck the hospital's profile (status = verified) to sell] + Put PK = PKG#{packageId}, SK = PACKAGE (condition: the version read; GSI1 keys only while published) + for each departure touched, Put / Update / Delete PK = PKG#{packageId}, SK = DEP#{departureId} (seats changed as a delta, conditional on seatsTotal read and enough seatsLeft; GSI1 keys set or removed with the package's status). At most 50 departures per package, so any of these fits one transaction |
 * | 20 | hospital | edit its profile | UpdateItem PK = HOSP#{hospitalId}, SK = PROFILE: SET the editable fields and version + 1 (condition: exists and version = the one read; a profile without a version counts as 0); status and city are never written here |
 * | 21 | hospital | add or edit a treatment programme | PutItem PK = HOSP#{hospitalId}, SK = PROG#{programmeId} (condition: absent) / UpdateItem of it (condition: exists and version = the one read) |
 * | 22 | hospital | set its capacity for a date range | TransactWriteItems per 100 days, in date order: Put PK = HOSP#{hospitalId}, SK = CAP#{date} (condition: absent) for a new day; Update SET capacity = new, available = available + (new - old) (condition: capacity = old AND available >= what the change removes) for a set one; a cancelled chunk is re-read (pattern 8) and written again |
 * | 23 | agency | list verified hospitals to build packages on | Query index GSI2: GSI2PK = ORGS#hospital, GSI2SK = {hospitalId}, paged; status and suspensions (pattern 9) matched on what the Query returns |
 * | 24 | hospital | read or set its webhook endpoint and signing secrets (sealed) | GetItem / PutItem PK = HOSP#{hospitalId}, SK = WEBHOOK (condition: absent, or the version read) |
 * | 25 | delivery worker | record a delivery once per event, claim an attempt, record its outcome | PutItem PK = HOSP#{hospitalId}, SK = DELIVERY#{deliveryId} (condition: absent); every later change a PutItem of it (condition: the version read), claiming before sending; PutItem PK = HOSP#{hospitalId}, SK = ATTEMPT#{deliveryId}#{round}#{attempt}; items expire 90 days after their last change (ttl) |
 * | 26 | hospital | list its deliveries, newest first, with their attempts | Query PK = HOSP#{hospitalId}, begins_with(SK, DELIVERY#), descending (delivery ids sort by event time); per delivery Query begins_with(SK, ATTEMPT#{deliveryId}#) |
 * | 27 | operator | deliveries that failed (dead-lettered) or are pending, across hospitals | Query index GSI1: GSI1PK = DELIVERIES#{failed or pending}, GSI1SK = {updatedAt}#{deliveryId}, descending (only those statuses carry it) |
 * | 28 | hospital, operator | redeliver or replay one delivery | the hospital is part of the delivery id: GetItem PK = HOSP#{hospitalId}, SK = DELIVERY#{deliveryId}; PutItem starting a new round (condition: the version read) |
 * | 29 | notification consumer | was this event already told to the tourist? | PutItem PK = NOTIFY_EVENT#{eventId}, SK = EVENT (condition: absent), deleted again if sending fails |
 * | 30 | tourist | hold a departure | TransactWriteItems: Put PK = BOOKING#{bookingId} (condition: absent; the id derives from the tourist and the Idempotency-Key, so a retried attempt is told it exists) + ConditionCheck PK = PKG#{packageId} (published) + ConditionCheck the agency's and the hospital's PROFILE (status = verified: each seller's own item, never one shared by every hold) + Update the tourist's unpaid-holds counter PK = TOURIST#{touristId}, SK = UNPAID_HOLDS (ADD 1, condition: below the limit) + Update the departure's seats and each treatment day's and hotel night's counters (condition: enough left) + Put each health note; at most 100 items, which composing a package checks. Every change that takes a booking out of HELD adds -1 to the counter in its own transaction |
 * | 31 | reconciler | bookings whose money step is due again | Query index GSI1: GSI1PK = MONEY, GSI1SK <= {now} (GSI1SK = {step.nextAttemptAt}#{bookingId}; a booking flagged for the operator with no step to retry sorts after every instant) |
 * | 32 | operator | bookings whose money needs a person, or every step in flight | Query index GSI1: GSI1PK = MONEY, filtered on payment.attention / payment.status = needs_attention, or on payment.step |
 * | 33 | tourist | declare a medical record before uploading it | PutItem PK = TOURIST#{userId}, SK = RECORD#{recordId} (condition: absent; status pending, ttl two days on, so a record never uploaded goes by itself) |
 * | 34 | tourist | read one of my records; list mine, newest first | GetItem PK = TOURIST#{userId}, SK = RECORD#{recordId}; Query PK = TOURIST#{userId}, begins_with(SK, RECORD#), descending (record ids begin with the time they were made) |
 * | 35 | record verifier | mark an upload checked (available, or rejected with its reason) | UpdateItem PK = TOURIST#{userId}, SK = RECORD#{recordId} from the object's key (condition: exists; to available only if not rejected), removing its ttl |
 * | 36 | tourist | delete a record (after its file, every version) | DeleteItem PK = TOURIST#{userId}, SK = RECORD#{recordId} |
 *
 * GSI1 is sparse: only published packages and their departures carry GSI1PK,
 * so drafts never reach search. Identifiers are slugs ([a-z0-9-]), which sort
 * after '#', so a package's departures always follow it and precede the next package.
 */

export const TABLE = {
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: {
    listing: { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    /** Items listed under their owner or kind: an agency's packages, organisations by kind. */
    byOwner: { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    /** An agency's sales: its bookings by creation time. */
    byAgency: { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
    /** A hospital's inbox: its bookings by status, then by deadline or creation time. */
    byHospital: { indexName: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' },
  },
  /** Epoch seconds after which DynamoDB may delete an item (idempotency records, processed-event markers). */
  ttlAttribute: 'ttl',
  /** Streams carry committed changes to the event bus (the transactional outbox). */
  stream: 'NEW_AND_OLD_IMAGES',
} as const;

export type IndexDefinition = (typeof TABLE.indexes)[keyof typeof TABLE.indexes];

export const INDEXES: readonly IndexDefinition[] = Object.values(TABLE.indexes);

/** Attribute names of every key the table and its indexes use. */
export const KEY_ATTRIBUTES: readonly string[] = [
  TABLE.partitionKey,
  TABLE.sortKey,
  ...INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]),
];

/**
 * Idempotency records of mutating requests (Powertools Idempotency's layout):
 * one item per caller, route and Idempotency-Key, kept at least 24 hours.
 */
export const IDEMPOTENCY_TABLE = {
  partitionKey: 'id',
  ttlAttribute: 'expiration',
} as const;

/**
 * What a function may do to the table, as IAM actions, declared once: the CDK app grants them and
 * the local runtime refuses any other call the same way. Reads leave Scan out on purpose;
 * TransactGetItems and TransactWriteItems have no actions of their own: each item inside is
 * authorised as the matching item action.
 */
export const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
} as const;

/**
 * What Powertools Idempotency does to its records: read one, claim it with a condition, store the
 * response, free the key after an unexpected failure. Nothing else.
 */
export const IDEMPOTENCY_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;
