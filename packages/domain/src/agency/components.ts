/**
 * An agency's hotels and excursions: created, read, listed and replaced by the
 * agency that owns them, with optimistic concurrency on `version`. Another
 * agency's ids are simply not found.
 */
import {
  AGENCY_LIST_LIMIT_DEFAULT,
  type AgencyListQuery,
  type CreateExcursionBody,
  type CreateHotelBody,
  type ExcursionComponent,
  type ExcursionList,
  type Hotel,
  type HotelList,
  type UpdateExcursionBody,
  type UpdateHotelBody,
} from '@shifa/contracts';
import { agencyErrors } from './errors';
import { slugBase } from './ids';
import { assertAgencyMayWrite } from './selling';
import type { AgencyPageRequest, AgencyStore } from './store';

export const agencyPageOf = (query: AgencyListQuery): AgencyPageRequest => ({
  limit: query.limit ?? AGENCY_LIST_LIMIT_DEFAULT,
  cursor: query.cursor,
});

async function writer(store: AgencyStore, agencyId: string) {
  return assertAgencyMayWrite(await store.agency(agencyId));
}

export async function createHotel(
  store: AgencyStore,
  agencyId: string,
  body: CreateHotelBody,
  now: Date,
): Promise<Hotel> {
  await writer(store, agencyId);
  const at = now.toISOString();
  const hotel: Hotel = {
    ...body,
    hotelId: store.newId(slugBase(body.name, 'hotel')),
    agencyId,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await store.saveHotel(hotel, undefined);
  return hotel;
}

export async function getHotel(store: AgencyStore, agencyId: string, hotelId: string): Promise<Hotel> {
  const hotel = await store.hotel(agencyId, hotelId);
  if (hotel === undefined) throw agencyErrors.hotelNotFound(hotelId);
  return hotel;
}

export async function listHotels(
  store: AgencyStore,
  agencyId: string,
  query: AgencyListQuery,
): Promise<HotelList> {
  return store.hotels(agencyId, agencyPageOf(query));
}

export async function updateHotel(
  store: AgencyStore,
  agencyId: string,
  hotelId: string,
  body: UpdateHotelBody,
  now: Date,
): Promise<Hotel> {
  await writer(store, agencyId);
  const current = await getHotel(store, agencyId, hotelId);
  const { version, ...fields } = body;
  if (current.version !== version) throw agencyErrors.versionConflict('hotel', version);
  const hotel: Hotel = {
    ...fields,
    hotelId,
    agencyId,
    version: version + 1,
    createdAt: current.createdAt,
    updatedAt: now.toISOString(),
  };
  await store.saveHotel(hotel, version);
  return hotel;
}

export async function createExcursion(
  store: AgencyStore,
  agencyId: string,
  body: CreateExcursionBody,
  now: Date,
): Promise<ExcursionComponent> {
  await writer(store, agencyId);
  const at = now.toISOString();
  const excursion: ExcursionComponent = {
    ...body,
    excursionId: store.newId(slugBase(body.name, 'excursion')),
    agencyId,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await store.saveExcursion(excursion, undefined);
  return excursion;
}

export async function getExcursion(
  store: AgencyStore,
  agencyId: string,
  excursionId: string,
): Promise<ExcursionComponent> {
  const excursion = await store.excursion(agencyId, excursionId);
  if (excursion === undefined) throw agencyErrors.excursionNotFound(excursionId);
  return excursion;
}

export async function listExcursions(
  store: AgencyStore,
  agencyId: string,
  query: AgencyListQuery,
): Promise<ExcursionList> {
  return store.excursions(agencyId, agencyPageOf(query));
}

export async function updateExcursion(
  store: AgencyStore,
  agencyId: string,
  excursionId: string,
  body: UpdateExcursionBody,
  now: Date,
): Promise<ExcursionComponent> {
  await writer(store, agencyId);
  const current = await getExcursion(store, agencyId, excursionId);
  const { version, ...fields } = body;
  if (current.version !== version) throw agencyErrors.versionConflict('excursion', version);
  const excursion: ExcursionComponent = {
    ...fields,
    excursionId,
    agencyId,
    version: version + 1,
    createdAt: current.createdAt,
    updatedAt: now.toISOString(),
  };
  await store.saveExcursion(excursion, version);
  return excursion;
}
