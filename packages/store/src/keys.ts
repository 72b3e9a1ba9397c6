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
} as const;
