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
} as const;
