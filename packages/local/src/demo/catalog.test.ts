import {
  Agency,
  type Country,
  CreateExcursionBody,
  CreateHotelBody,
  CreatePackageBody,
  type Currency,
  Departure,
  ExcursionComponent,
  Hospital,
  Hotel,
  Package,
  type PackageComposition,
  type TreatmentKind,
  TreatmentProgramme,
} from '@shifa/contracts';
import {
  addDays,
  assertSellable,
  type CompositionRefs,
  composePackage,
  compositionOf,
  compositionProblems,
  daysBetween,
  hotelNights,
  totalOf,
} from '@shifa/domain';
import { describe, expect, it } from 'vitest';
import { type DemoCatalog, demoCapacity, demoCatalog } from './catalog';

const TODAY = '2026-11-23';
/** Six months ahead, give or take a day for the months' lengths. */
const SIX_MONTHS_DAYS = 184;
/** Different seasons, a month end, a leap day and a day that is itself a departure anchor. */
const DAYS = [TODAY, '2027-01-05', '2027-06-30', '2028-02-29'];

/**
 * What the agency area reads to compose or publish a package of `agencyId`:
 * the hospital and its programme, and only that agency's hotel and excursions
 * (as AgencyStore.hotel and excursionsByIds look them up, by agency and id).
 */
function referencesOf(
  catalog: DemoCatalog,
  agencyId: string,
  composition: PackageComposition,
): CompositionRefs {
  const agency = catalog.agencies.find((a) => a.agencyId === agencyId);
  if (agency === undefined) throw new Error(`no demo agency ${agencyId}`);
  const { hospitalId, programmeId } = composition.treatment;
  const named = new Set(composition.sightseeing.map((visit) => visit.excursionId));
  return {
    agency,
    hospital: catalog.hospitals.find((h) => h.hospitalId === hospitalId),
    programme: catalog.programmes.find((p) => p.hospitalId === hospitalId && p.programmeId === programmeId),
    hotel: catalog.hotels.find(
      (h) => h.agencyId === agencyId && h.hotelId === composition.accommodation.hotelId,
    ),
    excursions: new Map(
      catalog.excursions
        .filter((e) => e.agencyId === agencyId && named.has(e.excursionId))
        .map((e) => [e.excursionId, e]),
    ),
  };
}

const CURRENCIES_BY_COUNTRY: Partial<Record<Country, readonly Currency[]>> = {
  KZ: ['KZT', 'USD', 'CNY'],
  UZ: ['UZS', 'USD'],
  KG: ['KGS', 'RUB', 'USD'],
};

describe('demoCatalog', () => {
  it.each(DAYS)('every record for %s parses with its contract schema', (today) => {
    // Act
    const catalog = demoCatalog(today);

    // Assess
    for (const hospital of catalog.hospitals) expect(Hospital.parse(hospital)).toEqual(hospital);
    for (const programme of catalog.programmes)
      expect(TreatmentProgramme.parse(programme)).toEqual(programme);
    for (const agency of catalog.agencies) expect(Agency.parse(agency)).toEqual(agency);
    for (const hotel of catalog.hotels) expect(Hotel.parse(hotel)).toEqual(hotel);
    for (const excursion of catalog.excursions) {
      expect(ExcursionComponent.parse(excursion)).toEqual(excursion);
    }
    for (const { pkg, departures } of catalog.packages) {
      expect(Package.parse(pkg)).toEqual(pkg);
      for (const departure of departures) expect(Departure.parse(departure)).toEqual(departure);
    }
  });

  it('ids are unique within hospitals, programmes, agencies, packages and departures', () => {
    // Act
    const catalog = demoCatalog(TODAY);

    // Assess
    const unique = (ids: string[]) => expect(new Set(ids).size).toBe(ids.length);
    unique(catalog.hospitals.map((h) => h.hospitalId));
    unique(catalog.programmes.map((p) => p.programmeId));
    unique(catalog.agencies.map((a) => a.agencyId));
    unique(catalog.hotels.map((h) => h.hotelId));
    unique(catalog.excursions.map((e) => e.excursionId));
    unique(catalog.packages.map(({ pkg }) => pkg.packageId));
    unique(catalog.packages.flatMap(({ departures }) => departures.map((d) => d.departureId)));
  });

  it('every package refers to an existing agency, hospital and programme and copies them faithfully', () => {
    // Act
    const catalog = demoCatalog(TODAY);

    // Assess
    for (const { pkg } of catalog.packages) {
      const agency = catalog.agencies.find((a) => a.agencyId === pkg.agencyId);
      const hospital = catalog.hospitals.find((h) => h.hospitalId === pkg.hospital.hospitalId);
      const programme = catalog.programmes.find((p) => p.programmeId === pkg.treatment.programmeId);
      expect(agency, pkg.packageId).toBeDefined();
      expect(hospital, pkg.packageId).toBeDefined();
      expect(programme, pkg.packageId).toBeDefined();
      expect(pkg.agency.name).toEqual(agency?.name);
      expect(pkg.hospital).toEqual({
        name: hospital?.name,
        hospitalId: hospital?.hospitalId,
        city: hospital?.city,
        languages: hospital?.languages,
      });
      expect(pkg.city).toBe(hospital?.city);
      expect(programme?.hospitalId).toBe(pkg.hospital.hospitalId);
      expect(pkg.treatment).toMatchObject({
        hospitalId: programme?.hospitalId,
        kind: programme?.kind,
        title: programme?.title,
        days: programme?.days,
        sessions: programme?.sessions,
        includes: programme?.includes,
      });
      expect(pkg.serviceLanguages).toEqual(agency?.languages);
      expect(pkg.status).toBe('published');
    }
  });

  it('treatment, stay and excursions of every package fit inside the trip', () => {
    // Act
    const { packages } = demoCatalog(TODAY);

    // Assess
    for (const { pkg } of packages) {
      expect(pkg.treatment.startDay + pkg.treatment.days - 1).toBeLessThanOrEqual(pkg.durationDays);
      expect(pkg.accommodation.nights).toBe(pkg.durationDays - 1);
      for (const excursion of pkg.sightseeing) expect(excursion.day).toBeLessThanOrEqual(pkg.durationDays);
    }
  });

  it('day-long excursions fall on days without treatment', () => {
    // Act
    const { packages } = demoCatalog(TODAY);

    // Assess
    for (const { pkg } of packages) {
      const firstDay = pkg.treatment.startDay;
      const lastDay = firstDay + pkg.treatment.days - 1;
      const clashes = pkg.sightseeing.filter((e) => e.hours > 5 && e.day >= firstDay && e.day <= lastDay);
      expect(clashes, pkg.packageId).toEqual([]);
    }
  });

  it('every package offers an interpreter in its agency languages and an airport pick-up or a transfer', () => {
    // Act
    const catalog = demoCatalog(TODAY);

    // Assess
    for (const { pkg } of catalog.packages) {
      const kinds = pkg.services.map((s) => s.kind);
      const interpreter = pkg.services.find((s) => s.kind === 'interpreter');
      expect(interpreter?.languages, pkg.packageId).toEqual(pkg.serviceLanguages);
      expect(kinds.includes('airport_pickup') || kinds.includes('transfers'), pkg.packageId).toBe(true);
    }
  });

  it.each(DAYS)(
    'departures for %s start after today, within six months, and end on the last trip day',
    (today) => {
      // Act
      const { packages } = demoCatalog(today);

      // Assess
      for (const { pkg, departures } of packages) {
        expect(departures.length, pkg.packageId).toBeGreaterThanOrEqual(6);
        for (const departure of departures) {
          expect(departure.packageId).toBe(pkg.packageId);
          expect(departure.startDate > today).toBe(true);
          expect(daysBetween(today, departure.startDate)).toBeLessThanOrEqual(SIX_MONTHS_DAYS);
          expect(departure.endDate).toBe(addDays(departure.startDate, pkg.durationDays - 1));
          expect(departure.departureId).toBe(`${pkg.packageId}-${departure.startDate}`);
        }
        const starts = departures.map((d) => d.startDate);
        expect(starts).toEqual([...starts].sort());
      }
    },
  );

  it('nobody has booked a demo seat yet, and some departures have only a few seats', () => {
    // Act
    const departures = demoCatalog(TODAY).packages.flatMap((p) => p.departures);

    // Assess
    for (const departure of departures) expect(departure.seatsLeft).toBe(departure.seatsTotal);
    expect(departures.some((d) => d.seatsTotal <= 4)).toBe(true);
    expect(departures.some((d) => d.seatsTotal >= 8)).toBe(true);
  });

  it('the same day gives the same catalog', () => {
    // Act
    const first = demoCatalog(TODAY);
    const second = demoCatalog(TODAY);

    // Assess
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });

  it('a later day keeps every departure still ahead unchanged and adds new ones', () => {
    // Prepare
    const later = '2027-01-10';
    const before = demoCatalog(TODAY).packages.flatMap((p) => p.departures);

    // Act
    const after = demoCatalog(later).packages.flatMap((p) => p.departures);

    // Assess
    const stillAhead = before.filter((d) => d.startDate > later);
    expect(stillAhead.length).toBeGreaterThan(0);
    for (const departure of stillAhead) {
      expect(after.find((d) => d.departureId === departure.departureId)).toEqual(departure);
    }
    const beforeIds = new Set(before.map((d) => d.departureId));
    expect(after.some((d) => !beforeIds.has(d.departureId))).toBe(true);
  });

  it('covers hospitals in Urumqi and Horgos, three agencies and the main treatment kinds', () => {
    // Act
    const catalog = demoCatalog(TODAY);

    // Assess
    expect(catalog.hospitals.length).toBeGreaterThanOrEqual(3);
    expect(catalog.hospitals.map((h) => h.city)).toEqual(expect.arrayContaining(['urumqi', 'horgos']));
    expect(catalog.agencies.map((a) => a.country)).toEqual(expect.arrayContaining(['KZ', 'UZ', 'KG']));
    expect(catalog.packages.length).toBeGreaterThanOrEqual(6);
    const kinds: TreatmentKind[] = [
      'acupuncture',
      'massage',
      'herbal_therapy',
      'catgut_embedding',
      'rehabilitation',
      'orthopaedics',
    ];
    expect(catalog.packages.map(({ pkg }) => pkg.treatment.kind)).toEqual(expect.arrayContaining(kinds));
  });

  it('prices come in KZT, UZS, RUB, CNY and USD, each in a currency its agency sells in', () => {
    // Act
    const catalog = demoCatalog(TODAY);

    // Assess
    const seen = new Set<Currency>();
    for (const { pkg, departures } of catalog.packages) {
      const country = catalog.agencies.find((a) => a.agencyId === pkg.agencyId)?.country;
      const allowed = country === undefined ? [] : (CURRENCIES_BY_COUNTRY[country] ?? []);
      for (const departure of departures) {
        expect(departure.prices.length).toBeLessThanOrEqual(3);
        for (const offer of departure.prices) {
          expect(allowed, pkg.packageId).toContain(offer.currency);
          seen.add(offer.currency);
        }
      }
    }
    expect([...seen]).toEqual(expect.arrayContaining(['KZT', 'UZS', 'RUB', 'CNY', 'USD']));
  });

  it('a price in yuan charges the treatment at the hospital fee', () => {
    // Act
    const catalog = demoCatalog(TODAY);

    // Assess
    const inYuan = catalog.packages.filter(({ departures }) =>
      departures.some((d) => d.prices.some((offer) => offer.currency === 'CNY')),
    );
    expect(inYuan.length).toBeGreaterThan(0);
    for (const { pkg, departures } of inYuan) {
      const fee = catalog.programmes.find((p) => p.programmeId === pkg.treatment.programmeId)?.price;
      for (const departure of departures) {
        const offer = departure.prices.find((o) => o.currency === 'CNY');
        expect(offer?.lines.treatment).toBe(fee?.amount);
      }
    }
  });

  it('totals are safe integers of a realistic size, and a summer trip costs more than a spring one', () => {
    // Prepare: from this day both April and July departures are on sale.
    const today = '2027-02-10';

    // Act
    const { packages } = demoCatalog(today);

    // Assess
    for (const { pkg, departures } of packages) {
      for (const offer of departures.flatMap((d) => d.prices)) {
        const total = totalOf(offer.lines);
        if (offer.currency === 'USD') expect(total, pkg.packageId).toBeGreaterThan(100_000);
        if (offer.currency === 'USD') expect(total, pkg.packageId).toBeLessThan(500_000);
      }
      const usdTotalIn = (month: string) => {
        const offer = departures
          .find((d) => d.startDate.slice(5, 7) === month)
          ?.prices.find((o) => o.currency === 'USD');
        return offer === undefined ? undefined : totalOf(offer.lines);
      };
      expect(usdTotalIn('07'), pkg.packageId).toBeGreaterThan(usdTotalIn('04') ?? Number.POSITIVE_INFINITY);
    }
  });

  it('every package title and description is in Russian and English', () => {
    // Act
    const { packages } = demoCatalog(TODAY);

    // Assess
    for (const { pkg } of packages) {
      expect(pkg.title.ru && pkg.title.en, pkg.packageId).toBeTruthy();
      expect(pkg.description.ru && pkg.description.en, pkg.packageId).toBeTruthy();
    }
  });

  it('every programme lists one to three contraindications, in Russian, English and Chinese', () => {
    // Act
    const { programmes } = demoCatalog(TODAY);

    // Assess
    for (const programme of programmes) {
      expect(programme.contraindications.length, programme.programmeId).toBeGreaterThanOrEqual(1);
      expect(programme.contraindications.length, programme.programmeId).toBeLessThanOrEqual(3);
      for (const text of programme.contraindications) {
        expect(text.ru && text.en && text.zh, programme.programmeId).toBeTruthy();
      }
    }
  });

  it('hotels and excursions are what the agency API would have stored from a valid request', () => {
    // Act
    const { hotels, excursions, agencies } = demoCatalog(TODAY);

    // Assess
    const agencyIds = agencies.map((a) => a.agencyId);
    for (const { hotelId, agencyId, version, createdAt, updatedAt, ...fields } of hotels) {
      expect(CreateHotelBody.parse(fields), hotelId).toEqual(fields);
      expect(agencyIds, hotelId).toContain(agencyId);
      expect(version).toBe(1);
      expect(updatedAt).toBe(createdAt);
    }
    for (const { excursionId, agencyId, version, createdAt, updatedAt, ...fields } of excursions) {
      expect(CreateExcursionBody.parse(fields), excursionId).toEqual(fields);
      expect(agencyIds, excursionId).toContain(agencyId);
      expect(version).toBe(1);
      expect(updatedAt).toBe(createdAt);
    }
  });

  it('hotels and excursions, ids and timestamps included, are the same whatever the day', () => {
    // Act
    const catalogs = DAYS.map(demoCatalog);

    // Assess
    for (const catalog of catalogs.slice(1)) {
      expect(catalog.hotels).toEqual(catalogs[0]?.hotels);
      expect(catalog.excursions).toEqual(catalogs[0]?.excursions);
    }
  });

  it('every package passes the agency area composition rules and is exactly what they compose from its references', () => {
    // Prepare
    const catalog = demoCatalog(TODAY);

    for (const { pkg } of catalog.packages) {
      // Act
      const composition = CreatePackageBody.parse(compositionOf(pkg));
      const refs = referencesOf(catalog, pkg.agencyId, composition);
      const problems = compositionProblems(composition, refs);
      const { version, createdAt, updatedAt, ...composed } = composePackage(composition, refs, {
        packageId: pkg.packageId,
        agencyId: pkg.agencyId,
        status: pkg.status,
        version: 1,
        createdAt: '2026-01-12T06:00:00.000Z',
        updatedAt: '2026-01-12T06:00:00.000Z',
      });

      // Assess
      expect(problems, pkg.packageId).toEqual([]);
      expect(composed, pkg.packageId).toStrictEqual(pkg);
      expect(refs.hotel?.city, pkg.packageId).toBe(pkg.city);
    }
  });

  it.each(DAYS)(
    'on %s an agency may publish each demo package again: it names that agency’s own hotel and excursions, with beds for every seat',
    (today) => {
      // Prepare
      const catalog = demoCatalog(today);
      const capacity = demoCapacity(today);

      for (const { pkg, departures } of catalog.packages) {
        // Act: what publishing reads and checks, as the owner and as every other demo agency.
        const composition = compositionOf(pkg);
        const own = referencesOf(catalog, pkg.agencyId, composition);
        const others = catalog.agencies
          .filter((a) => a.agencyId !== pkg.agencyId)
          .map((a) => referencesOf(catalog, a.agencyId, composition));
        const publish = () =>
          assertSellable(
            pkg,
            departures,
            {
              agency: own.agency,
              hospital: own.hospital,
              hotelBeds: own.hotel?.beds,
              capacity: capacity.filter((day) => day.hospitalId === pkg.hospital.hospitalId),
              today,
            },
            { requireUpcomingDeparture: true },
          );

        // Assess
        expect(own.hotel?.agencyId, pkg.packageId).toBe(pkg.agencyId);
        expect([...own.excursions.keys()].sort(), pkg.packageId).toEqual(
          composition.sightseeing.map((visit) => visit.excursionId).sort(),
        );
        for (const excursion of own.excursions.values()) expect(excursion.agencyId).toBe(pkg.agencyId);
        expect(compositionProblems(composition, own), pkg.packageId).toEqual([]);
        expect(publish, pkg.packageId).not.toThrow();
        for (const theirs of others) {
          expect(theirs.hotel, pkg.packageId).toBeUndefined();
          expect(theirs.excursions.size, pkg.packageId).toBe(0);
        }
      }
    },
  );

  it.each(DAYS)(
    'on every night from %s each hotel holds more beds than the seats of all its agency departures staying then',
    (today) => {
      // Prepare
      const catalog = demoCatalog(today);

      // Act
      const seatsByNight = new Map<string, number>();
      for (const { pkg, departures } of catalog.packages) {
        for (const departure of departures) {
          for (const night of hotelNights(pkg, departure.startDate)) {
            const key = `${pkg.agencyId} ${pkg.accommodation.hotelId} ${night}`;
            seatsByNight.set(key, (seatsByNight.get(key) ?? 0) + departure.seatsTotal);
          }
        }
      }

      // Assess
      expect(seatsByNight.size).toBeGreaterThan(0);
      for (const [key, seats] of seatsByNight) {
        const [agencyId, hotelId] = key.split(' ');
        const hotel = catalog.hotels.find((h) => h.agencyId === agencyId && h.hotelId === hotelId);
        expect(hotel?.beds ?? 0, key).toBeGreaterThan(seats);
      }
    },
  );

  it('a day that is not a calendar date is refused', () => {
    // Act / Assess
    expect(() => demoCatalog('2026-13-01')).toThrow();
  });
});
