/**
 * Request bodies for the agency API's tests, built on the demo catalog: a hotel
 * and excursions in Urumqi, a package on the Xinjiang TCM hospital's ten-day
 * acupuncture programme, and departures priced in tenge and dollars.
 */
import { AgencyPackageView, ErrorResponse, ExcursionComponent, Hotel } from '@shifa/contracts';
import { addDays } from '@shifa/domain';
import { expect } from 'vitest';
import type { ApiResponse, TestApi } from './api';

export const JIBEK = 'manager@jibek-zholy.example.kz';
export const SHIFO = 'manager@shifo-sayohat.example.uz';
export const SAMARKAND_PENDING = 'manager@samarkand-shifo.example.uz';
export const TOURIST = 'tourist-aigerim';

/** The demo hospital in Urumqi with 20 beds a day for international patients, and its programme. */
export const XJ_TCM = { hospitalId: 'xj-tcm-hospital', programmeId: 'xjtcm-acupuncture-10', beds: 20 };

export const hotelBody = (overrides: Record<string, unknown> = {}) => ({
  name: { en: 'Tianshan Garden Hotel', ru: 'Отель «Тяньшань Гарден»', kk: 'Тяньшань Гарден қонақүйі' },
  city: 'urumqi',
  stars: 4,
  address: '88 Youhao South Road, Urumqi',
  beds: 30,
  roomTypes: [
    { en: 'Twin room', ru: 'Двухместный номер' },
    { en: 'Single room', ru: 'Одноместный номер' },
  ],
  meals: ['breakfast', 'half_board'],
  ...overrides,
});

export const excursionBody = (overrides: Record<string, unknown> = {}) => ({
  name: { en: 'Xinjiang International Grand Bazaar', ru: 'Большой базар Синьцзяна' },
  description: { ru: 'Прогулка по базару с гидом', en: 'A guided walk through the bazaar' },
  city: 'urumqi',
  hours: 3,
  ...overrides,
});

export const compositionBody = (hotelId: string, excursionIds: readonly string[], overrides = {}) => ({
  title: {
    ru: 'Иглоукалывание в Урумчи, 13 дней',
    kk: 'Үрімжіде инемен емдеу, 13 күн',
    en: 'Acupuncture in Urumqi',
  },
  description: {
    ru: 'Курс иглоукалывания в больнице ТКМ, отель у парка и экскурсии.',
    en: 'An acupuncture course at the TCM hospital, a hotel by the park, and excursions.',
  },
  durationDays: 13,
  treatment: { hospitalId: XJ_TCM.hospitalId, programmeId: XJ_TCM.programmeId, startDay: 2 },
  accommodation: { hotelId, nights: 12, room: { en: 'twin room' }, meals: 'breakfast' },
  sightseeing: excursionIds.map((excursionId, index) => ({ excursionId, day: 3 + index * 4 })),
  services: [
    { kind: 'airport_pickup', languages: [] },
    { kind: 'interpreter', languages: ['ru', 'kk'] },
    { kind: 'familiar_meals', languages: [] },
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

export const departureBody = (today: string, inDays: number, seats = 10) => ({
  startDate: addDays(today, inDays),
  seats,
  prices: [
    {
      currency: 'KZT',
      lines: {
        treatment: 32_400_000,
        accommodation: 25_200_000,
        sightseeing: 5_000_000,
        services: 12_000_000,
      },
    },
    {
      currency: 'USD',
      lines: { treatment: 62_500, accommodation: 48_500, sightseeing: 9_500, services: 23_000 },
    },
  ],
});

export const errorOf = (response: ApiResponse) => ErrorResponse.parse(response.body).error;
export const pathsOf = (response: ApiResponse) =>
  (errorOf(response).details ?? []).map((detail) => detail.path);

export async function createHotel(api: TestApi, as: string, overrides = {}): Promise<Hotel> {
  const response = await api.request('POST', '/agency/hotels', { as, body: hotelBody(overrides) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return Hotel.parse(response.body);
}

export async function createExcursion(api: TestApi, as: string, overrides = {}): Promise<ExcursionComponent> {
  const response = await api.request('POST', '/agency/excursions', { as, body: excursionBody(overrides) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return ExcursionComponent.parse(response.body);
}

/** A draft package of `as` on its own new hotel and two excursions. */
export async function createDraft(
  api: TestApi,
  as: string,
  options: { hotel?: Record<string, unknown>; composition?: Record<string, unknown> } = {},
): Promise<AgencyPackageView> {
  const hotel = await createHotel(api, as, options.hotel);
  const bazaar = await createExcursion(api, as);
  const tianchi = await createExcursion(api, as, {
    name: { en: 'Tianchi Lake', ru: 'Озеро Тяньчи' },
    hours: 8,
  });
  const response = await api.request('POST', '/agency/packages', {
    as,
    body: compositionBody(hotel.hotelId, [bazaar.excursionId, tianchi.excursionId], options.composition),
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return AgencyPackageView.parse(response.body);
}

export async function addDeparture(
  api: TestApi,
  as: string,
  packageId: string,
  body: ReturnType<typeof departureBody>,
): Promise<AgencyPackageView> {
  const response = await api.request('POST', `/agency/packages/${packageId}/departures`, { as, body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return AgencyPackageView.parse(response.body);
}
