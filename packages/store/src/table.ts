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
  },
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
