/**
 * Searching the published catalog. The store hands over the listing in key
 * order (each package followed by its departures); this module decides what
 * matches and where the next page starts. It reads a bounded number of listing
 * pages per request, so a narrow search answers with fewer items and a cursor
 * rather than reading the whole catalog; it reads on past that budget only
 * until the first package boundary, so every answer makes progress.
 */
import type {
  Currency,
  Departure,
  Language,
  ListPackagesQuery,
  Package,
  PackageListResponse,
  PackageSummary,
  TreatmentKind,
} from '@shifa/contracts';
import { LIST_LIMIT_DEFAULT, SEARCH_WINDOW_MAX_DAYS } from '@shifa/contracts';
import { addDays, daysBetween } from '../dates';
import { ValidationError } from '../errors';
import { priceIn, totalOf } from '../pricing';
import { toPackageSummary } from './views';

export type SearchCriteria = {
  treatment: TreatmentKind | undefined;
  city: string | undefined;
  from: string;
  to: string;
  maxPrice: { amount: number; currency: Currency } | undefined;
  language: Language | undefined;
  travellers: number;
  limit: number;
  cursor: string | undefined;
};

/** One item of the listing: a package, or one of its departures right after it. */
export type ListingEntry =
  | { type: 'package'; position: string; pkg: Package }
  | { type: 'departure'; position: string; departure: Departure };

export interface CatalogReader {
  /**
   * Listing entries after `after` (exclusive), in order: each published package
   * followed by its departures by start date. `next` is absent at the end.
   */
  listing(input: {
    treatment: TreatmentKind | undefined;
    after: string | undefined;
    maxEntries: number;
  }): Promise<{ entries: ListingEntry[]; next: string | undefined }>;
  /** A package and all its departures, whatever its status; undefined if none. */
  packageWithDepartures(packageId: string): Promise<{ pkg: Package; departures: Departure[] } | undefined>;
  /** Organisations an operator has suspended: their packages are hidden from tourists. */
  suspended(): Promise<Suspended>;
}

export type Suspended = { agencies: ReadonlySet<string>; hospitals: ReadonlySet<string> };

export const NONE_SUSPENDED: Suspended = { agencies: new Set(), hospitals: new Set() };

/** Whether tourists may see a package: published, and neither its agency nor its hospital suspended. */
export function isVisible(pkg: Package, suspended: Suspended): boolean {
  return (
    pkg.status === 'published' &&
    !suspended.agencies.has(pkg.agencyId) &&
    !suspended.hospitals.has(pkg.hospital.hospitalId)
  );
}

export const LISTING_ENTRIES_PER_READ = 100;
export const LISTING_READS_PER_SEARCH = 5;

export function searchCriteria(query: ListPackagesQuery, today: string): SearchCriteria {
  // Departures that have left cannot be booked: a window reaching into the past starts today.
  const from = query.from === undefined || query.from < today ? today : query.from;
  const to = query.to ?? addDays(from, 365);
  if (daysBetween(from, to) > SEARCH_WINDOW_MAX_DAYS) {
    throw new ValidationError('search_window_too_wide', 'narrow the date window to at most two years', [
      { path: 'to', message: `at most ${SEARCH_WINDOW_MAX_DAYS} days after from` },
    ]);
  }
  return {
    treatment: query.treatment,
    city: query.city,
    from,
    to,
    maxPrice:
      query.maxPrice !== undefined && query.currency !== undefined
        ? { amount: query.maxPrice, currency: query.currency }
        : undefined,
    language: query.language,
    travellers: query.travellers ?? 1,
    limit: query.limit ?? LIST_LIMIT_DEFAULT,
    cursor: query.cursor,
  };
}

export function packageMatches(
  pkg: Package,
  criteria: SearchCriteria,
  suspended: Suspended = NONE_SUSPENDED,
): boolean {
  if (!isVisible(pkg, suspended)) return false;
  if (criteria.treatment !== undefined && pkg.treatment.kind !== criteria.treatment) return false;
  if (criteria.city !== undefined && pkg.city !== criteria.city) return false;
  if (criteria.language !== undefined && !pkg.serviceLanguages.includes(criteria.language)) return false;
  return true;
}

export function departureMatches(departure: Departure, criteria: SearchCriteria): boolean {
  if (departure.startDate < criteria.from || departure.startDate > criteria.to) return false;
  if (departure.seatsLeft < criteria.travellers) return false;
  if (criteria.maxPrice !== undefined) {
    const offer = priceIn(departure.prices, criteria.maxPrice.currency);
    if (offer === undefined || totalOf(offer.lines) > criteria.maxPrice.amount) return false;
  }
  return true;
}

type Candidate = { pkg: Package; departures: Departure[] } | undefined;

export async function searchPackages(
  reader: CatalogReader,
  criteria: SearchCriteria,
  lang: readonly Language[],
  language: Language,
): Promise<PackageListResponse> {
  const suspended = await reader.suspended();
  const items: PackageSummary[] = [];
  let candidate: Candidate;
  // Position of the last entry read, and of the last entry before the package being assembled.
  let lastPosition = criteria.cursor;
  let settledPosition = criteria.cursor;
  let after = criteria.cursor;

  // True once a package boundary has been passed: the earliest point a page may end.
  let progressed = false;
  const settle = (): boolean => {
    if (candidate !== undefined && candidate.departures.length > 0) {
      items.push(toPackageSummary(candidate.pkg, candidate.departures, lang));
    }
    candidate = undefined;
    settledPosition = lastPosition;
    progressed = progressed || lastPosition !== criteria.cursor;
    return items.length >= criteria.limit;
  };

  for (let read = 0; read < LISTING_READS_PER_SEARCH || !progressed; read += 1) {
    const page = await reader.listing({
      treatment: criteria.treatment,
      after,
      maxEntries: LISTING_ENTRIES_PER_READ,
    });
    for (const entry of page.entries) {
      if (entry.type === 'package') {
        if (settle()) return { language, items, nextCursor: settledPosition ?? null };
        candidate = packageMatches(entry.pkg, criteria, suspended)
          ? { pkg: entry.pkg, departures: [] }
          : undefined;
      } else if (
        candidate !== undefined &&
        entry.departure.packageId === candidate.pkg.packageId &&
        departureMatches(entry.departure, criteria)
      ) {
        candidate.departures.push(entry.departure);
      }
      lastPosition = entry.position;
    }
    if (page.next === undefined) {
      settle();
      return { language, items, nextCursor: null };
    }
    after = page.next;
  }
  // Read budget spent: resume at the start of the package still being assembled.
  return { language, items, nextCursor: settledPosition ?? null };
}
