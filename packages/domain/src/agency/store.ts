/**
 * What the agency's use cases need from storage, as an interface the store
 * package implements. Writes state their conditions as data: the store turns
 * them into one DynamoDB transaction and each failed condition into the
 * matching error from ./errors.
 */
import type {
  Agency,
  CapacityDay,
  Departure,
  ExcursionComponent,
  Hospital,
  Hotel,
  Package,
  TreatmentProgramme,
} from '@shifa/contracts';

export type AgencyPageRequest = { limit: number; cursor: string | undefined };
export type AgencyPage<T> = { items: T[]; nextCursor: string | null };

export type DepartureWrite =
  /** A new departure (listed at once if the package is published). */
  | { op: 'add'; departure: Departure }
  /** New seats and prices: seats left move by `seatsDelta`, but only if seatsTotal is still `seatsTotalRead` and no fewer seats are left than the change takes. */
  | { op: 'change'; departure: Departure; seatsDelta: number; seatsTotalRead: number }
  /**
   * End date and listing keys follow the package (its length, treatment kind, status).
   * With `lockedPaths` (fields bookings pin that this write changes), no seat may be sold either.
   */
  | { op: 'relist'; departure: Departure; lockedPaths: readonly string[] }
  /** Nothing written, but no seat may be sold when the write commits, as `lockedPaths` change. */
  | { op: 'check_unsold'; departure: Departure; lockedPaths: readonly string[] }
  /** Deleted, if no seat is sold. */
  | { op: 'remove'; departure: Departure };

export type PackageWrite = {
  /** The package as stored after the write, its version already bumped. */
  pkg: Package;
  /** The version the write is conditional on; undefined for a package that must not exist yet. */
  expectedVersion: number | undefined;
  departures: readonly DepartureWrite[];
  /** What the agency's profile must still say when the write commits. */
  agencyMust: 'not_be_suspended' | 'be_verified';
  /** Whether the package's hospital must still be verified when the write commits (selling writes). */
  hospitalMustBeVerified: boolean;
};

export interface AgencyStore {
  agency(agencyId: string): Promise<Agency | undefined>;
  hospital(hospitalId: string): Promise<Hospital | undefined>;
  programme(hospitalId: string, programmeId: string): Promise<TreatmentProgramme | undefined>;
  /** The hospital's capacity days from `from` to `to` inclusive; days never opened are absent. */
  capacity(hospitalId: string, from: string, to: string): Promise<CapacityDay[]>;

  hotel(agencyId: string, hotelId: string): Promise<Hotel | undefined>;
  hotels(agencyId: string, page: AgencyPageRequest): Promise<AgencyPage<Hotel>>;
  saveHotel(hotel: Hotel, expectedVersion: number | undefined): Promise<void>;

  excursion(agencyId: string, excursionId: string): Promise<ExcursionComponent | undefined>;
  /** The agency's excursions among these ids; ids of no excursion of the agency are left out. */
  excursionsByIds(agencyId: string, excursionIds: readonly string[]): Promise<ExcursionComponent[]>;
  excursions(agencyId: string, page: AgencyPageRequest): Promise<AgencyPage<ExcursionComponent>>;
  saveExcursion(excursion: ExcursionComponent, expectedVersion: number | undefined): Promise<void>;

  /** A package with all its departures, whoever owns it; the use cases check the owner. */
  packageWithDepartures(packageId: string): Promise<{ pkg: Package; departures: Departure[] } | undefined>;
  packages(agencyId: string, page: AgencyPageRequest): Promise<AgencyPage<Package>>;
  savePackage(write: PackageWrite): Promise<void>;

  /** A fresh id: `base` and a random suffix. */
  newId(base: string): string;
}
