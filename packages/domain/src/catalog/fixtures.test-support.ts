/**
 * Builders of catalog records for the domain's tests, and an in-memory catalog
 * reader. Every record goes through its zod schema, so a fixture that drifts
 * from the contracts fails loudly instead of testing an impossible shape.
 */
import {
  type Currency,
  Departure,
  Package,
  type PriceLines,
  PriceOffer,
  Treatment,
  type TreatmentKind,
} from '@shifa/contracts';
import type { CatalogReader, ListingEntry, Suspended } from './search';

export function aTreatment(overrides: Partial<Treatment> = {}): Treatment {
  return Treatment.parse({
    hospitalId: 'xjmu-first',
    programmeId: 'acupuncture-8-days',
    kind: 'acupuncture',
    title: { ru: 'Курс иглоукалывания', en: 'Acupuncture course', zh: '针灸疗程' },
    startDay: 2,
    days: 7,
    sessions: 14,
    includes: [
      { ru: 'Осмотр врача', en: 'Doctor’s examination' },
      { ru: 'Иглоукалывание', en: 'Acupuncture' },
    ],
    ...overrides,
  });
}

export function aPackage(overrides: Partial<Package> = {}): Package {
  return Package.parse({
    packageId: 'urumqi-acupuncture',
    agencyId: 'silk-road-travel',
    agency: { name: { ru: 'Шёлковый путь', en: 'Silk Road Travel' } },
    hospital: {
      hospitalId: 'xjmu-first',
      name: {
        ru: 'Первая больница Синьцзянского медуниверситета',
        en: 'First Affiliated Hospital of Xinjiang Medical University',
        zh: '新疆医科大学第一附属医院',
      },
      city: 'urumqi',
      languages: ['zh', 'ru'],
    },
    status: 'published',
    title: { ru: 'Иглоукалывание в Урумчи', en: 'Acupuncture in Urumqi', kk: 'Үрімжідегі инемен емдеу' },
    description: { ru: 'Десять дней лечения и отдыха', en: 'Ten days of treatment and rest' },
    city: 'urumqi',
    durationDays: 10,
    treatment: aTreatment(),
    accommodation: {
      name: { ru: 'Гостиница «Хунфу»', en: 'Hoi Tak Hotel' },
      stars: 4,
      nights: 9,
      room: { ru: 'Двухместный номер', en: 'Twin room' },
      meals: 'full_board',
    },
    sightseeing: [{ name: { ru: 'Озеро Тяньчи', en: 'Tianchi Lake' }, day: 5, hours: 8 }],
    services: [
      { kind: 'airport_pickup', languages: [] },
      { kind: 'interpreter', languages: ['ru', 'kk'] },
    ],
    serviceLanguages: ['ru', 'kk'],
    cancellationPolicy: {
      tiers: [
        { daysBeforeDeparture: 30, refundPercent: 100 },
        { daysBeforeDeparture: 14, refundPercent: 50 },
      ],
    },
    ...overrides,
  });
}

export function anOffer(currency: Currency, lines: Partial<PriceLines> = {}): PriceOffer {
  return PriceOffer.parse({
    currency,
    lines: { treatment: 250_000, accommodation: 120_000, sightseeing: 30_000, services: 20_000, ...lines },
  });
}

export function aDeparture(overrides: Partial<Departure> = {}): Departure {
  return Departure.parse({
    departureId: 'june-first',
    packageId: 'urumqi-acupuncture',
    startDate: '2025-06-01',
    endDate: '2025-06-10',
    seatsTotal: 20,
    seatsLeft: 12,
    prices: [anOffer('KZT')],
    ...overrides,
  });
}

/** A package with one departure per start date, ids derived from the package's. */
export function listed(
  pkg: Package,
  startDates: readonly string[],
  departure: Partial<Departure> = {},
): { pkg: Package; departures: Departure[] } {
  return {
    pkg,
    departures: startDates.map((startDate) =>
      aDeparture({
        departureId: `${pkg.packageId}-${startDate}`,
        packageId: pkg.packageId,
        startDate,
        ...departure,
      }),
    ),
  };
}

export type FakeCatalogOptions = {
  /** Entries per page at most, whatever the caller asks for (to make departures straddle pages). */
  pageSize?: number;
  /** Like DynamoDB when a page ends exactly at the end: hand out a `next` that leads to an empty page. */
  nextOnFullLastPage?: boolean;
  /** Organisations an operator has suspended. */
  suspended?: { agencies?: string[]; hospitals?: string[] };
};

/**
 * An in-memory CatalogReader that pages the listing like the DynamoDB index:
 * entries in sort-key order (a package, then its departures by start date),
 * `after` exclusive, filtered by treatment, `next` the last entry's position.
 */
export class FakeCatalog implements CatalogReader {
  /** Every listing call, to see how much a search read. */
  readonly listingCalls: {
    treatment: TreatmentKind | undefined;
    after: string | undefined;
    maxEntries: number;
  }[] = [];
  readonly #records: { pkg: Package; departures: Departure[] }[];
  readonly #pageSize: number;
  readonly #nextOnFullLastPage: boolean;
  readonly #suspended: Suspended;

  constructor(records: { pkg: Package; departures: Departure[] }[], options: FakeCatalogOptions = {}) {
    this.#records = records;
    this.#pageSize = options.pageSize ?? Number.POSITIVE_INFINITY;
    this.#nextOnFullLastPage = options.nextOnFullLastPage ?? false;
    this.#suspended = {
      agencies: new Set(options.suspended?.agencies ?? []),
      hospitals: new Set(options.suspended?.hospitals ?? []),
    };
  }

  async suspended(): Promise<Suspended> {
    return this.#suspended;
  }

  async listing(input: {
    treatment: TreatmentKind | undefined;
    after: string | undefined;
    maxEntries: number;
  }): Promise<{ entries: ListingEntry[]; next: string | undefined }> {
    this.listingCalls.push({ ...input });
    const prefix = input.treatment === undefined ? '' : `${input.treatment}#`;
    const remaining = this.#entries().filter(
      (entry) =>
        entry.position.startsWith(prefix) && (input.after === undefined || entry.position > input.after),
    );
    const pageLimit = Math.min(input.maxEntries, this.#pageSize);
    const entries = remaining.slice(0, pageLimit);
    const last = entries.at(-1);
    const more =
      remaining.length > entries.length || (this.#nextOnFullLastPage && entries.length === pageLimit);
    return { entries, next: more ? last?.position : undefined };
  }

  async packageWithDepartures(
    packageId: string,
  ): Promise<{ pkg: Package; departures: Departure[] } | undefined> {
    const record = this.#records.find((candidate) => candidate.pkg.packageId === packageId);
    return record === undefined ? undefined : { pkg: record.pkg, departures: [...record.departures] };
  }

  #entries(): ListingEntry[] {
    const entries: ListingEntry[] = this.#records.flatMap(({ pkg, departures }) => {
      const key = `${pkg.treatment.kind}#${pkg.packageId}`;
      return [
        { type: 'package' as const, position: key, pkg },
        ...departures.map((departure) => ({
          type: 'departure' as const,
          position: `${key}#DEP#${departure.startDate}#${departure.departureId}`,
          departure,
        })),
      ];
    });
    return entries.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  }
}
