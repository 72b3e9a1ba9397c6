/**
 * An agency's packages: composed as drafts, given departures, published and
 * unpublished. Each use case reads, applies the pure rules (composition,
 * departures, selling), and hands the store one conditional write that bumps
 * the package's version; a published package's departures stay listed in
 * step in that same write.
 */
import type {
  Agency,
  AgencyListQuery,
  AgencyPackageList,
  AgencyPackageView,
  CreateDepartureBody,
  Departure,
  Package,
  PackageComposition,
  UpdateDepartureBody,
  UpdatePackageBody,
} from '@shifa/contracts';
import { todayUtc } from '../dates';
import { ConflictError } from '../errors';
import { agencyPageOf } from './components';
import {
  type CompositionRefs,
  composePackage,
  compositionOf,
  lockedChanges,
  type PackageIdentity,
} from './composition';
import { assertDeletable, changeDeparture, endDateOf, newDeparture, seatsSold } from './departures';
import { agencyErrors } from './errors';
import { slugBase } from './ids';
import {
  assertAgencyMaySell,
  assertAgencyMayWrite,
  assertHospitalVerified,
  assertSellable,
  capacityWindow,
  type SellingFacts,
} from './selling';
import type { AgencyStore, DepartureWrite, PackageWrite } from './store';
import { agencyPackageSummary, agencyPackageView } from './views';

type Found = { pkg: Package; departures: Departure[] };

/** Packages written before versions existed read as version 0. */
export const packageVersionOf = (pkg: Package): number => pkg.version ?? 0;

async function writer(store: AgencyStore, agencyId: string): Promise<Agency> {
  return assertAgencyMayWrite(await store.agency(agencyId));
}

/** The agency's own package; another agency's is not found, exactly like an unknown id. */
async function ownPackage(store: AgencyStore, agencyId: string, packageId: string): Promise<Found> {
  const found = await store.packageWithDepartures(packageId);
  if (found === undefined || found.pkg.agencyId !== agencyId) throw agencyErrors.packageNotFound(packageId);
  return found;
}

async function referencesFor(
  store: AgencyStore,
  agency: Agency,
  composition: PackageComposition,
): Promise<CompositionRefs> {
  const { hospitalId, programmeId } = composition.treatment;
  const excursionIds = [...new Set(composition.sightseeing.map((visit) => visit.excursionId))];
  const [hospital, programme, hotel, excursions] = await Promise.all([
    store.hospital(hospitalId),
    store.programme(hospitalId, programmeId),
    store.hotel(agency.agencyId, composition.accommodation.hotelId),
    excursionIds.length === 0 ? [] : store.excursionsByIds(agency.agencyId, excursionIds),
  ]);
  return {
    agency,
    hospital,
    programme: programme?.hospitalId === hospitalId ? programme : undefined,
    hotel,
    excursions: new Map(excursions.map((excursion) => [excursion.excursionId, excursion])),
  };
}

async function sellingFacts(
  store: AgencyStore,
  agency: Agency,
  pkg: Package,
  departures: readonly Departure[],
  today: string,
  known: Partial<Pick<CompositionRefs, 'hospital' | 'hotel'>> = {},
): Promise<SellingFacts> {
  const window = capacityWindow(pkg, departures, today);
  const hotelId = pkg.accommodation.hotelId;
  const [hospital, hotel, capacity] = await Promise.all([
    'hospital' in known ? known.hospital : store.hospital(pkg.hospital.hospitalId),
    'hotel' in known
      ? known.hotel
      : hotelId === undefined
        ? undefined
        : store.hotel(agency.agencyId, hotelId),
    window === undefined ? [] : store.capacity(pkg.hospital.hospitalId, window.from, window.to),
  ]);
  return { agency, hospital, hotelBeds: hotel?.beds, capacity, today };
}

/** Who the package is, at its next version, for composing it again. */
function nextIdentity(pkg: Package, updatedAt: string, status = pkg.status): PackageIdentity {
  return {
    packageId: pkg.packageId,
    agencyId: pkg.agencyId,
    status,
    version: packageVersionOf(pkg) + 1,
    createdAt: pkg.createdAt ?? updatedAt,
    updatedAt,
  };
}

/** The next version of the package, its composition unchanged. */
const bumped = (pkg: Package, at: string, changes: Partial<Package> = {}): Package => ({
  ...pkg,
  ...changes,
  version: packageVersionOf(pkg) + 1,
  updatedAt: at,
});

/** Selling writes need the agency and hospital still verified when they commit; others only an agency not suspended. */
const guards = (selling: boolean): Pick<PackageWrite, 'agencyMust' | 'hospitalMustBeVerified'> => ({
  agencyMust: selling ? 'be_verified' : 'not_be_suspended',
  hospitalMustBeVerified: selling,
});

function assertNotLocked(before: Package, after: Package, departures: readonly Departure[]): string[] {
  const locked = lockedChanges(before, after);
  if (locked.length > 0 && departures.some((departure) => seatsSold(departure) > 0)) {
    throw agencyErrors.compositionLocked(locked);
  }
  return locked;
}

/**
 * Departure writes that keep the departures in step with a recomposed package:
 * end dates and listing keys rewritten when they change, and (when fields that
 * bookings pin have changed) a condition that still no seat is sold.
 */
function followPackage(
  before: Package,
  after: Package,
  departures: readonly Departure[],
  locked: readonly string[],
): { writes: DepartureWrite[]; departures: Departure[] } {
  const relist =
    before.status !== after.status ||
    before.durationDays !== after.durationDays ||
    (after.status === 'published' && before.treatment.kind !== after.treatment.kind);
  const next = departures.map((departure) => ({
    ...departure,
    endDate: endDateOf(after, departure.startDate),
  }));
  const writes: DepartureWrite[] = next.flatMap((departure): DepartureWrite[] => {
    if (relist) return [{ op: 'relist', departure, lockedPaths: locked }];
    return locked.length > 0 ? [{ op: 'check_unsold', departure, lockedPaths: locked }] : [];
  });
  return { writes, departures: next };
}

export async function createPackage(
  store: AgencyStore,
  agencyId: string,
  body: PackageComposition,
  now: Date,
): Promise<AgencyPackageView> {
  const agency = await writer(store, agencyId);
  const refs = await referencesFor(store, agency, body);
  const at = now.toISOString();
  const pkg = composePackage(body, refs, {
    packageId: store.newId(slugBase(body.title, 'package')),
    agencyId,
    status: 'draft',
    version: 1,
    createdAt: at,
    updatedAt: at,
  });
  await store.savePackage({ pkg, expectedVersion: undefined, departures: [], ...guards(false) });
  return agencyPackageView(pkg, []);
}

export async function getAgencyPackage(
  store: AgencyStore,
  agencyId: string,
  packageId: string,
): Promise<AgencyPackageView> {
  const { pkg, departures } = await ownPackage(store, agencyId, packageId);
  return agencyPackageView(pkg, departures);
}

export async function listAgencyPackages(
  store: AgencyStore,
  agencyId: string,
  query: AgencyListQuery,
): Promise<AgencyPackageList> {
  const page = await store.packages(agencyId, agencyPageOf(query));
  return { items: page.items.map(agencyPackageSummary), nextCursor: page.nextCursor };
}

export async function updatePackage(
  store: AgencyStore,
  agencyId: string,
  packageId: string,
  body: UpdatePackageBody,
  now: Date,
): Promise<AgencyPackageView> {
  const agency = await writer(store, agencyId);
  const { pkg: current, departures } = await ownPackage(store, agencyId, packageId);
  const { version, ...composition } = body;
  if (packageVersionOf(current) !== version) throw agencyErrors.versionConflict('package', version);
  const refs = await referencesFor(store, agency, composition);
  const next = composePackage(composition, refs, nextIdentity(current, now.toISOString()));
  const locked = assertNotLocked(current, next, departures);
  const following = followPackage(current, next, departures, locked);
  const selling = next.status === 'published';
  if (selling) {
    const today = todayUtc(now);
    const facts = await sellingFacts(store, agency, next, following.departures, today, refs);
    assertSellable(next, following.departures, facts, { requireUpcomingDeparture: false });
  }
  await store.savePackage({
    pkg: next,
    expectedVersion: version,
    departures: following.writes,
    ...guards(selling),
  });
  return agencyPackageView(next, following.departures);
}

export async function addDeparture(
  store: AgencyStore,
  agencyId: string,
  packageId: string,
  body: CreateDepartureBody,
  now: Date,
): Promise<AgencyPackageView> {
  const agency = await writer(store, agencyId);
  const { pkg, departures } = await ownPackage(store, agencyId, packageId);
  const today = todayUtc(now);
  const departure = newDeparture(pkg, departures, body, store.newId(body.startDate), today);
  const next = bumped(pkg, now.toISOString());
  const all = [...departures, departure];
  const selling = next.status === 'published';
  if (selling) {
    assertSellable(next, all, await sellingFacts(store, agency, next, all, today), {
      requireUpcomingDeparture: false,
    });
  }
  await store.savePackage({
    pkg: next,
    expectedVersion: packageVersionOf(pkg),
    departures: [{ op: 'add', departure }],
    ...guards(selling),
  });
  return agencyPackageView(next, all);
}

function departureIn(departures: readonly Departure[], departureId: string): Departure {
  const departure = departures.find((candidate) => candidate.departureId === departureId);
  if (departure === undefined) throw agencyErrors.departureNotFound(departureId);
  return departure;
}

export async function updateDeparture(
  store: AgencyStore,
  agencyId: string,
  packageId: string,
  departureId: string,
  body: UpdateDepartureBody,
  now: Date,
): Promise<AgencyPackageView> {
  const agency = await writer(store, agencyId);
  const { pkg, departures } = await ownPackage(store, agencyId, packageId);
  const current = departureIn(departures, departureId);
  if (packageVersionOf(pkg) !== body.version) throw agencyErrors.versionConflict('package', body.version);
  const today = todayUtc(now);
  const { departure, seatsDelta } = changeDeparture(current, body, today);
  const next = bumped(pkg, now.toISOString());
  const all = departures.map((candidate) => (candidate.departureId === departureId ? departure : candidate));
  // Fewer seats or new prices never need more beds; more seats on sale must still fit.
  const selling = next.status === 'published' && seatsDelta > 0;
  if (selling) {
    assertSellable(next, all, await sellingFacts(store, agency, next, all, today), {
      requireUpcomingDeparture: false,
    });
  }
  await store.savePackage({
    pkg: next,
    expectedVersion: body.version,
    departures: [{ op: 'change', departure, seatsDelta, seatsTotalRead: current.seatsTotal }],
    ...guards(selling),
  });
  return agencyPackageView(next, all);
}

export async function deleteDeparture(
  store: AgencyStore,
  agencyId: string,
  packageId: string,
  departureId: string,
  now: Date,
): Promise<AgencyPackageView> {
  await writer(store, agencyId);
  const { pkg, departures } = await ownPackage(store, agencyId, packageId);
  const departure = departureIn(departures, departureId);
  assertDeletable(departure);
  const next = bumped(pkg, now.toISOString());
  await store.savePackage({
    pkg: next,
    expectedVersion: packageVersionOf(pkg),
    departures: [{ op: 'remove', departure }],
    ...guards(false),
  });
  return agencyPackageView(
    next,
    departures.filter((candidate) => candidate.departureId !== departureId),
  );
}

/**
 * Publishing composes the package again from what its hospital, hotel and
 * excursions say now, so tourists read current names and the checks see
 * current capacity; then the package and every departure are listed at once.
 */
export async function publishPackage(
  store: AgencyStore,
  agencyId: string,
  packageId: string,
  now: Date,
): Promise<AgencyPackageView> {
  const agency = await writer(store, agencyId);
  const { pkg: current, departures } = await ownPackage(store, agencyId, packageId);
  if (current.status === 'published') {
    throw new ConflictError('package_already_published', 'the package is published already');
  }
  assertAgencyMaySell(agency);
  const composition = compositionOf(current);
  const refs = await referencesFor(store, agency, composition);
  assertHospitalVerified(composition.treatment.hospitalId, refs.hospital);
  const next = composePackage(composition, refs, nextIdentity(current, now.toISOString(), 'published'));
  const locked = assertNotLocked(current, next, departures);
  const following = followPackage(current, next, departures, locked);
  const facts = await sellingFacts(store, agency, next, following.departures, todayUtc(now), refs);
  assertSellable(next, following.departures, facts, { requireUpcomingDeparture: true });
  await store.savePackage({
    pkg: next,
    expectedVersion: packageVersionOf(current),
    departures: following.writes,
    ...guards(true),
  });
  return agencyPackageView(next, following.departures);
}

/** Takes the package and all its departures out of search at once; bookings already made stand. */
export async function unpublishPackage(
  store: AgencyStore,
  agencyId: string,
  packageId: string,
  now: Date,
): Promise<AgencyPackageView> {
  await writer(store, agencyId);
  const { pkg: current, departures } = await ownPackage(store, agencyId, packageId);
  if (current.status !== 'published') {
    throw new ConflictError('package_not_published', 'only a published package can be unpublished');
  }
  const next = bumped(current, now.toISOString(), { status: 'unpublished' });
  const following = followPackage(current, next, departures, []);
  await store.savePackage({
    pkg: next,
    expectedVersion: packageVersionOf(current),
    departures: following.writes,
    ...guards(false),
  });
  return agencyPackageView(next, following.departures);
}
