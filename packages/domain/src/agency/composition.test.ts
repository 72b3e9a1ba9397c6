import { Package } from '@shifa/contracts';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { composePackage, compositionOf, compositionProblems, lockedChanges } from './composition';
import {
  aComposition,
  aHospital,
  aHotel,
  anExcursion,
  aProgramme,
  IDENTITY,
  refs,
} from './fixtures.test-support';

const paths = (problems: { path: string }[]) => problems.map((problem) => problem.path);

function problemPaths(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return paths(error.details ?? []);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('composePackage', () => {
  it('copies names and titles from what the ids name, and takes the city from the hospital', () => {
    const pkg = composePackage(aComposition(), refs(), IDENTITY);

    expect(Package.parse(pkg)).toEqual(pkg);
    expect(pkg.city).toBe('urumqi');
    expect(pkg.hospital).toMatchObject({
      hospitalId: 'xj-tcm',
      name: aHospital().name,
      languages: ['zh', 'ru'],
    });
    expect(pkg.agency.name).toEqual({ ru: 'Шёлковый путь', en: 'Silk Road Travel' });
    expect(pkg.treatment).toMatchObject({
      programmeId: 'acupuncture-10',
      kind: 'acupuncture',
      title: aProgramme().title,
      startDay: 2,
      days: 10,
      sessions: 10,
    });
    expect(pkg.accommodation).toEqual({
      hotelId: 'tianshan-garden',
      name: aHotel().name,
      stars: 4,
      nights: 12,
      // The hotel's own wording of the room, in every language it has.
      room: { en: 'Twin room', ru: 'Двухместный номер' },
      meals: 'breakfast',
    });
    expect(pkg.sightseeing).toEqual([
      { excursionId: 'grand-bazaar', name: { en: 'Grand Bazaar', ru: 'Большой базар' }, day: 3, hours: 3 },
      { excursionId: 'tianchi-lake', name: { en: 'Tianchi Lake' }, day: 12, hours: 8 },
    ]);
    expect(pkg).toMatchObject({ status: 'draft', version: 1, packageId: IDENTITY.packageId });
  });

  it('refuses a treatment that ends after the trip, naming treatment.startDay', () => {
    const input = aComposition({
      durationDays: 10,
      accommodation: { ...aComposition().accommodation, nights: 9 },
    });

    const problems = compositionProblems({ ...input, sightseeing: [] }, refs());

    expect(problems).toEqual([
      {
        path: 'treatment.startDay',
        message: "the 10-day treatment starting on day 2 ends on day 11, after the trip's last day 10",
        rule: 'treatment_past_trip',
        params: { days: 10, lastDay: 11, durationDays: 10 },
      },
    ]);
  });

  it('accepts a treatment ending on the last day of the trip', () => {
    const input = aComposition({ durationDays: 11, sightseeing: [] });

    expect(
      compositionProblems({ ...input, accommodation: { ...input.accommodation, nights: 10 } }, refs()),
    ).toEqual([]);
  });

  it('refuses excursions after the last day and more nights than the trip has', () => {
    const input = aComposition({
      sightseeing: [{ excursionId: 'grand-bazaar', day: 14 }],
      accommodation: { ...aComposition().accommodation, nights: 13 },
    });

    expect(paths(compositionProblems(input, refs()))).toEqual(['accommodation.nights', 'sightseeing.0.day']);
  });

  it('names each reference that is not the agency’s, without saying whose it is', () => {
    const problems = compositionProblems(
      aComposition(),
      refs({ hotel: undefined, excursions: new Map([['grand-bazaar', anExcursion()]]) }),
    );

    expect(problems).toEqual([
      { path: 'accommodation.hotelId', message: 'none of your hotels has this id' },
      { path: 'sightseeing.1.excursionId', message: 'none of your excursions has this id' },
    ]);
  });

  it('refuses a programme of another hospital and an unknown hospital', () => {
    expect(paths(compositionProblems(aComposition(), refs({ programme: undefined })))).toEqual([
      'treatment.programmeId',
    ]);
    expect(
      paths(compositionProblems(aComposition(), refs({ hospital: undefined, programme: undefined }))),
    ).toEqual(['treatment.hospitalId']);
  });

  it('refuses a hotel in another city than the hospital', () => {
    const problems = compositionProblems(aComposition(), refs({ hotel: aHotel({ city: 'horgos' }) }));

    expect(problems).toEqual([
      {
        path: 'accommodation.hotelId',
        message: 'the hotel is in horgos, the hospital in urumqi: choose a hotel in urumqi',
        rule: 'hotel_other_city',
        params: { hotelCity: 'horgos', hospitalCity: 'urumqi' },
      },
    ]);
  });

  it('refuses a room the hotel does not have and meals it does not offer', () => {
    const input = aComposition({
      accommodation: {
        hotelId: 'tianshan-garden',
        nights: 12,
        room: { en: 'Presidential suite' },
        meals: 'full_board',
      },
    });

    expect(paths(compositionProblems(input, refs()))).toEqual(['accommodation.room', 'accommodation.meals']);
  });

  it('needs an interpreter to speak at least one language, each also a service language', () => {
    const input = aComposition({
      services: [
        { kind: 'interpreter', languages: [] },
        { kind: 'familiar_meals', languages: ['uz'] },
      ],
    });
    const listed = aComposition({ services: [{ kind: 'interpreter', languages: ['ru', 'uz'] }] });

    expect(paths(compositionProblems(input, refs()))).toEqual(['services.0.languages']);
    expect(paths(compositionProblems(listed, refs()))).toEqual(['services.0.languages.1']);
  });

  it('refuses a service, excursion or language listed twice', () => {
    const input = aComposition({
      serviceLanguages: ['ru', 'kk', 'ru'],
      services: [
        { kind: 'airport_pickup', languages: [] },
        { kind: 'airport_pickup', languages: [] },
      ],
      sightseeing: [
        { excursionId: 'grand-bazaar', day: 3 },
        { excursionId: 'grand-bazaar', day: 5 },
      ],
    });

    expect(paths(compositionProblems(input, refs()))).toEqual([
      'sightseeing.1.excursionId',
      'serviceLanguages.2',
      'services.1.kind',
    ]);
  });

  it('needs cancellation tiers from the most days to the fewest, each once, refunding no more later', () => {
    const tiers = (list: [number, number][]) =>
      aComposition({
        cancellationPolicy: {
          tiers: list.map(([daysBeforeDeparture, refundPercent]) => ({ daysBeforeDeparture, refundPercent })),
        },
      });

    expect(
      paths(
        compositionProblems(
          tiers([
            [14, 50],
            [30, 100],
          ]),
          refs(),
        ),
      ),
    ).toEqual(['cancellationPolicy.tiers.1.daysBeforeDeparture']);
    expect(
      paths(
        compositionProblems(
          tiers([
            [30, 100],
            [30, 50],
          ]),
          refs(),
        ),
      ),
    ).toEqual(['cancellationPolicy.tiers.1.daysBeforeDeparture']);
    expect(
      paths(
        compositionProblems(
          tiers([
            [30, 50],
            [7, 80],
          ]),
          refs(),
        ),
      ),
    ).toEqual(['cancellationPolicy.tiers.1.refundPercent']);
  });

  it('throws one 400 listing every problem at once', () => {
    const input = aComposition({
      durationDays: 5,
      serviceLanguages: ['ru', 'kk', 'ru'],
      accommodation: { ...aComposition().accommodation, nights: 4 },
    });

    expect(problemPaths(() => composePackage(input, refs({ hotel: undefined }), IDENTITY))).toEqual([
      'accommodation.hotelId',
      'treatment.startDay',
      'sightseeing.1.day',
      'serviceLanguages.2',
    ]);
  });
});

describe('compositionOf', () => {
  it('gives back the composition a package was made from, so composing it again changes nothing', () => {
    const pkg = composePackage(aComposition(), refs(), IDENTITY);

    expect(composePackage(compositionOf(pkg), refs(), IDENTITY)).toEqual(pkg);
  });

  it('asks for a hotel and excursions when the package was composed outside this API', () => {
    const pkg = composePackage(aComposition(), refs(), IDENTITY);
    const { hotelId: _, ...accommodation } = pkg.accommodation;
    const legacy = {
      ...pkg,
      accommodation,
      sightseeing: pkg.sightseeing.map(({ excursionId: __, ...visit }) => visit),
    };

    expect(problemPaths(() => compositionOf(legacy))).toEqual([
      'accommodation.hotelId',
      'sightseeing.0.excursionId',
      'sightseeing.1.excursionId',
    ]);
  });
});

describe('lockedChanges', () => {
  it('lists the fields bookings pin that a new composition changes, and nothing else', () => {
    const before = composePackage(aComposition(), refs(), IDENTITY);
    const after = composePackage(
      aComposition({
        durationDays: 14,
        title: { en: 'New title' },
        treatment: { hospitalId: 'xj-tcm', programmeId: 'acupuncture-10', startDay: 3 },
      }),
      refs(),
      IDENTITY,
    );

    expect(lockedChanges(before, before)).toEqual([]);
    expect(lockedChanges(before, after)).toEqual(['durationDays', 'treatment.startDay']);
  });
});
