/**
 * Builders for the agency area's tests: an agency, a hospital with a programme,
 * a hotel and excursions of the agency, and a composition that fits them.
 * Records go through their schemas, so a fixture cannot drift from the contracts.
 */
import {
  Agency,
  CreatePackageBody,
  Departure,
  ExcursionComponent,
  Hospital,
  Hotel,
  type PackageComposition,
  TreatmentProgramme,
} from '@shifa/contracts';
import type { CompositionRefs } from './composition';

const AT = '2026-01-10T08:00:00.000Z';

export const anAgency = (overrides: Partial<Agency> = {}): Agency =>
  Agency.parse({
    agencyId: 'silk-road-travel',
    status: 'verified',
    name: { ru: 'Шёлковый путь', en: 'Silk Road Travel' },
    city: 'Almaty',
    country: 'KZ',
    languages: ['ru', 'kk'],
    ...overrides,
  });

export const aHospital = (overrides: Partial<Hospital> = {}): Hospital =>
  Hospital.parse({
    hospitalId: 'xj-tcm',
    status: 'verified',
    name: { zh: '新疆中医医院', en: 'Xinjiang TCM Hospital', ru: 'Больница ТКМ Синьцзяна' },
    city: 'urumqi',
    languages: ['zh', 'ru'],
    departments: [],
    ...overrides,
  });

export const aProgramme = (overrides: Partial<TreatmentProgramme> = {}): TreatmentProgramme =>
  TreatmentProgramme.parse({
    programmeId: 'acupuncture-10',
    hospitalId: 'xj-tcm',
    kind: 'acupuncture',
    title: { en: 'Acupuncture course, 10 days', ru: 'Курс иглоукалывания, 10 дней' },
    days: 10,
    sessions: 10,
    includes: [{ en: 'Acupuncture, 10 sessions' }],
    price: { amount: 450_000, currency: 'CNY' },
    ...overrides,
  });

export const aHotel = (overrides: Partial<Hotel> = {}): Hotel =>
  Hotel.parse({
    hotelId: 'tianshan-garden',
    agencyId: 'silk-road-travel',
    name: { en: 'Tianshan Garden Hotel', ru: 'Отель «Тяньшань Гарден»' },
    city: 'urumqi',
    stars: 4,
    beds: 20,
    roomTypes: [
      { en: 'Twin room', ru: 'Двухместный номер' },
      { en: 'Single room', ru: 'Одноместный номер' },
    ],
    meals: ['breakfast', 'half_board'],
    version: 1,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  });

export const anExcursion = (overrides: Partial<ExcursionComponent> = {}): ExcursionComponent =>
  ExcursionComponent.parse({
    excursionId: 'grand-bazaar',
    agencyId: 'silk-road-travel',
    name: { en: 'Grand Bazaar', ru: 'Большой базар' },
    city: 'urumqi',
    hours: 3,
    version: 1,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  });

export const aComposition = (overrides: Partial<PackageComposition> = {}): PackageComposition =>
  CreatePackageBody.parse({
    title: { ru: 'Иглоукалывание в Урумчи', en: 'Acupuncture in Urumqi' },
    description: { ru: 'Курс иглоукалывания с экскурсиями' },
    durationDays: 13,
    treatment: { hospitalId: 'xj-tcm', programmeId: 'acupuncture-10', startDay: 2 },
    accommodation: {
      hotelId: 'tianshan-garden',
      nights: 12,
      room: { ru: 'двухместный номер' },
      meals: 'breakfast',
    },
    sightseeing: [
      { excursionId: 'grand-bazaar', day: 3 },
      { excursionId: 'tianchi-lake', day: 12 },
    ],
    services: [
      { kind: 'airport_pickup', languages: [] },
      { kind: 'interpreter', languages: ['ru', 'kk'] },
    ],
    serviceLanguages: ['ru', 'kk'],
    cancellationPolicy: {
      tiers: [
        { daysBeforeDeparture: 30, refundPercent: 100 },
        { daysBeforeDeparture: 14, refundPercent: 50 },
        { daysBeforeDeparture: 0, refundPercent: 0 },
      ],
    },
    ...overrides,
  });

export const refs = (overrides: Partial<CompositionRefs> = {}): CompositionRefs => ({
  agency: anAgency(),
  hospital: aHospital(),
  programme: aProgramme(),
  hotel: aHotel(),
  excursions: new Map(
    [anExcursion(), anExcursion({ excursionId: 'tianchi-lake', name: { en: 'Tianchi Lake' }, hours: 8 })].map(
      (excursion) => [excursion.excursionId, excursion],
    ),
  ),
  ...overrides,
});

export const IDENTITY = {
  packageId: 'urumqi-acupuncture-ab12cd',
  agencyId: 'silk-road-travel',
  status: 'draft' as const,
  version: 1,
  createdAt: AT,
  updatedAt: AT,
};

export const aDeparture = (overrides: Partial<Departure> = {}): Departure =>
  Departure.parse({
    departureId: '2026-03-05-aaaaaa',
    packageId: IDENTITY.packageId,
    startDate: '2026-03-05',
    endDate: '2026-03-17',
    seatsTotal: 10,
    seatsLeft: 10,
    prices: [{ currency: 'KZT', lines: { treatment: 1, accommodation: 1, sightseeing: 1, services: 1 } }],
    ...overrides,
  });
