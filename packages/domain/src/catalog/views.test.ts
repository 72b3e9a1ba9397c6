import { type ItineraryDay, PackageDetail, PackageSummary } from '@shifa/contracts';
import { describe, expect, it } from 'vitest';
import { aDeparture, anOffer, aPackage, aTreatment } from './fixtures.test-support';
import { itinerary, toDepartureView, toPackageDetail, toPackageSummary } from './views';

const kindsByDay = (days: ItineraryDay[]) =>
  days.map((day) => day.activities.map((activity) => activity.kind));

describe('itinerary', () => {
  it('plans arrival, treatment days, excursions, free days and departure day by day', () => {
    // Prepare: 10 days, treatment on days 2–8, an excursion on day 5
    const pkg = aPackage();

    // Act
    const days = itinerary(pkg, ['en']);

    // Assess
    expect(days.map((day) => day.day)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(kindsByDay(days)).toEqual([
      ['arrival'],
      ['treatment'],
      ['treatment'],
      ['treatment'],
      ['treatment', 'excursion'],
      ['treatment'],
      ['treatment'],
      ['treatment'],
      ['free'],
      ['departure'],
    ]);
  });

  it('titles each activity in the reader’s language', () => {
    const days = itinerary(aPackage(), ['en']);

    expect(days[0]?.activities).toEqual([{ kind: 'arrival', title: 'Arrival, airport pick-up, check-in' }]);
    expect(days[4]?.activities).toEqual([
      { kind: 'treatment', title: 'Acupuncture course' },
      { kind: 'excursion', title: 'Tianchi Lake' },
    ]);
    expect(days[8]?.activities).toEqual([{ kind: 'free', title: 'Free day' }]);
    expect(days[9]?.activities).toEqual([{ kind: 'departure', title: 'Check-out, transfer to the airport' }]);
  });

  it('names the airport on the first and last day only when the package includes the airport service', () => {
    const without = aPackage({
      services: aPackage().services.filter((service) => service.kind !== 'airport_pickup'),
    });
    const days = itinerary(without, ['en']);

    expect(days[0]?.activities).toEqual([{ kind: 'arrival', title: 'Arrival, check-in' }]);
    expect(days.at(-1)?.activities).toEqual([{ kind: 'departure', title: 'Check-out' }]);
  });

  it('falls back per text when the package lacks the reader’s language', () => {
    // The fixed texts exist in Kazakh; the treatment title does not, so it falls back to Russian.
    const days = itinerary(aPackage(), ['kk']);

    expect(days[0]?.activities[0]?.title).toBe('Келу, әуежайда қарсы алу, қонақүйге орналасу');
    expect(days[1]?.activities[0]?.title).toBe('Курс иглоукалывания');
  });

  it('lists several excursions of one day in the package’s order', () => {
    const pkg = aPackage({
      sightseeing: [
        { name: { en: 'Grand Bazaar' }, day: 9, hours: 3 },
        { name: { en: 'Tianchi Lake' }, day: 5, hours: 8 },
        { name: { en: 'Red Hill Park' }, day: 9, hours: 2 },
      ],
    });

    const days = itinerary(pkg, ['en']);

    expect(days[8]?.activities).toEqual([
      { kind: 'excursion', title: 'Grand Bazaar' },
      { kind: 'excursion', title: 'Red Hill Park' },
    ]);
  });

  it('treats on arrival day and departure day when the treatment spans the whole trip', () => {
    const pkg = aPackage({
      durationDays: 3,
      treatment: aTreatment({ startDay: 1, days: 3 }),
      sightseeing: [],
      accommodation: { ...aPackage().accommodation, nights: 2 },
    });

    const days = itinerary(pkg, ['en']);

    expect(kindsByDay(days)).toEqual([['arrival', 'treatment'], ['treatment'], ['treatment', 'departure']]);
  });

  it('plans a 1-day package as arrival only, with no separate departure', () => {
    const pkg = aPackage({
      durationDays: 1,
      treatment: aTreatment({ startDay: 1, days: 1 }),
      sightseeing: [],
      accommodation: { ...aPackage().accommodation, nights: 0 },
    });

    const days = itinerary(pkg, ['en']);

    expect(kindsByDay(days)).toEqual([['arrival', 'treatment']]);
  });
});

describe('toDepartureView', () => {
  it('shows every price line with its total, per currency', () => {
    // Prepare
    const departure = aDeparture({
      prices: [
        anOffer('KZT', { treatment: 250_000, accommodation: 120_000, sightseeing: 30_000, services: 20_000 }),
        anOffer('RUB', { treatment: 5_000, accommodation: 2_500, sightseeing: 600, services: 401 }),
      ],
    });

    // Act
    const view = toDepartureView(departure);

    // Assess
    expect(view).toEqual({
      departureId: 'june-first',
      startDate: '2025-06-01',
      endDate: '2025-06-10',
      seatsTotal: 20,
      seatsLeft: 12,
      prices: [
        {
          currency: 'KZT',
          perTraveller: {
            treatment: 250_000,
            accommodation: 120_000,
            sightseeing: 30_000,
            services: 20_000,
            total: 420_000,
          },
        },
        {
          currency: 'RUB',
          perTraveller: {
            treatment: 5_000,
            accommodation: 2_500,
            sightseeing: 600,
            services: 401,
            total: 8_501,
          },
        },
      ],
    });
  });
});

describe('toPackageDetail', () => {
  it('resolves every text to the requested language, falling back where one is missing', () => {
    // Prepare: the title exists in Kazakh, the other texts only in Russian and English
    const pkg = aPackage();

    // Act
    const detail = toPackageDetail(pkg, [aDeparture()], ['kk'], 'kk');

    // Assess
    expect(detail.language).toBe('kk');
    expect(detail.title).toBe('Үрімжідегі инемен емдеу');
    expect(detail.description).toBe('Десять дней лечения и отдыха');
    expect(detail.hospital.name).toBe('Первая больница Синьцзянского медуниверситета');
    expect(detail.agency).toEqual({ agencyId: 'silk-road-travel', name: 'Шёлковый путь' });
    expect(detail.treatment.title).toBe('Курс иглоукалывания');
    expect(detail.treatment.includes).toEqual(['Осмотр врача', 'Иглоукалывание']);
    expect(detail.accommodation.name).toBe('Гостиница «Хунфу»');
    expect(detail.sightseeing).toEqual([{ day: 5, hours: 8, name: 'Озеро Тяньчи' }]);
  });

  it('uses the reader’s first language that a text has', () => {
    const detail = toPackageDetail(aPackage(), [], ['uz', 'zh', 'en'], 'uz');

    expect(detail.hospital.name).toBe('新疆医科大学第一附属医院');
    expect(detail.title).toBe('Acupuncture in Urumqi');
  });

  it('shows each departure with per-line totals, in the order given', () => {
    const departures = [
      aDeparture({ departureId: 'june-first', startDate: '2025-06-01' }),
      aDeparture({
        departureId: 'july-first',
        startDate: '2025-07-01',
        prices: [anOffer('KZT', { services: 0 })],
      }),
    ];

    const detail = toPackageDetail(aPackage(), departures, ['en'], 'en');

    expect(detail.departures.map((view) => [view.departureId, view.prices[0]?.perTraveller.total])).toEqual([
      ['june-first', 420_000],
      ['july-first', 400_000],
    ]);
  });

  it('carries the facts that need no translation as they are', () => {
    const pkg = aPackage();

    const detail = toPackageDetail(pkg, [], ['en'], 'en');

    expect(detail).toMatchObject({
      packageId: 'urumqi-acupuncture',
      city: 'urumqi',
      durationDays: 10,
      nights: 9,
      serviceLanguages: ['ru', 'kk'],
      services: pkg.services,
      cancellationPolicy: pkg.cancellationPolicy,
      treatment: { hospitalId: 'xjmu-first', kind: 'acupuncture', startDay: 2, days: 7, sessions: 14 },
      accommodation: { stars: 4, nights: 9, meals: 'full_board', room: 'Twin room' },
    });
    expect(detail.itinerary).toEqual(itinerary(pkg, ['en']));
  });

  it('leaves out the star rating of an unrated stay rather than sending it empty', () => {
    // Prepare
    const { stars: _unrated, ...unrated } = aPackage().accommodation;

    // Act
    const detail = toPackageDetail(aPackage({ accommodation: unrated }), [], ['en'], 'en');

    // Assess
    expect(Object.keys(detail.accommodation)).not.toContain('stars');
  });

  it('produces a response the PackageDetail contract accepts', () => {
    const detail = toPackageDetail(aPackage(), [aDeparture()], ['en'], 'en');

    expect(PackageDetail.safeParse(detail).error).toBeUndefined();
  });
});

describe('toPackageSummary', () => {
  it('starts the price at the lowest total in each currency across the departures', () => {
    // Prepare
    const departures = [
      aDeparture({
        departureId: 'june-first',
        prices: [anOffer('KZT', { treatment: 300_000 }), anOffer('RUB', { treatment: 9_000 })],
      }),
      aDeparture({ departureId: 'july-first', startDate: '2025-07-01', prices: [anOffer('KZT')] }),
      aDeparture({ departureId: 'august-first', startDate: '2025-08-01', prices: [anOffer('RUB')] }),
    ];

    // Act
    const summary = toPackageSummary(aPackage(), departures, ['en']);

    // Assess
    expect(summary.priceFrom).toEqual([
      { currency: 'KZT', amount: 420_000 },
      { currency: 'RUB', amount: 179_000 },
    ]);
    expect(summary.departures.map((view) => view.departureId)).toEqual([
      'june-first',
      'july-first',
      'august-first',
    ]);
  });

  it('summarises the package in the reader’s language', () => {
    const summary = toPackageSummary(aPackage(), [aDeparture()], ['en']);

    expect(summary).toMatchObject({
      packageId: 'urumqi-acupuncture',
      title: 'Acupuncture in Urumqi',
      description: 'Ten days of treatment and rest',
      city: 'urumqi',
      treatmentKind: 'acupuncture',
      durationDays: 10,
      hospital: {
        hospitalId: 'xjmu-first',
        name: 'First Affiliated Hospital of Xinjiang Medical University',
        city: 'urumqi',
        languages: ['zh', 'ru'],
      },
      agency: { agencyId: 'silk-road-travel', name: 'Silk Road Travel' },
      serviceLanguages: ['ru', 'kk'],
    });
    expect(PackageSummary.safeParse(summary).error).toBeUndefined();
  });
});
