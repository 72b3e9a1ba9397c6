/**
 * The agency area's operations, for the OpenAPI document. 403 codes besides
 * the role check: agency_unknown, agency_suspended (writes), agency_not_verified (selling).
 */
import {
  AgencyListQuery,
  AgencyPackageList,
  AgencyPackageView,
  CreateDepartureBody,
  CreateExcursionBody,
  CreateHotelBody,
  CreatePackageBody,
  DeparturePathParams,
  ExcursionComponent,
  ExcursionList,
  ExcursionPathParams,
  Hotel,
  HotelList,
  HotelPathParams,
  PackagePathParams,
  UpdateDepartureBody,
  UpdateExcursionBody,
  UpdateHotelBody,
  UpdatePackageBody,
} from '@shifa/contracts';
import type { Operations } from '../operations';

const SELLING_CONFLICTS =
  'hospital_not_verified, insufficient_hospital_capacity, insufficient_hotel_beds, composition_locked, version_conflict, concurrent_update';

export const agencyOperations = {
  listAgencyHotels: {
    summary: 'List your hotels',
    query: AgencyListQuery,
    responses: { 200: HotelList },
  },
  createAgencyHotel: {
    summary: 'Add a hotel with the beds it holds for your travellers',
    body: CreateHotelBody,
    responses: { 201: Hotel },
  },
  getAgencyHotel: {
    summary: 'Read one of your hotels with its version',
    path: HotelPathParams,
    responses: { 200: Hotel },
    errors: { 404: 'hotel_not_found' },
  },
  updateAgencyHotel: {
    summary: 'Replace one of your hotels, naming the version you read',
    path: HotelPathParams,
    body: UpdateHotelBody,
    responses: { 200: Hotel },
    errors: { 404: 'hotel_not_found', 409: 'version_conflict' },
  },
  listAgencyExcursions: {
    summary: 'List your excursions',
    query: AgencyListQuery,
    responses: { 200: ExcursionList },
  },
  createAgencyExcursion: {
    summary: 'Add an excursion',
    body: CreateExcursionBody,
    responses: { 201: ExcursionComponent },
  },
  getAgencyExcursion: {
    summary: 'Read one of your excursions with its version',
    path: ExcursionPathParams,
    responses: { 200: ExcursionComponent },
    errors: { 404: 'excursion_not_found' },
  },
  updateAgencyExcursion: {
    summary: 'Replace one of your excursions, naming the version you read',
    path: ExcursionPathParams,
    body: UpdateExcursionBody,
    responses: { 200: ExcursionComponent },
    errors: { 404: 'excursion_not_found', 409: 'version_conflict' },
  },
  listAgencyPackages: {
    summary: 'List your packages in every status',
    query: AgencyListQuery,
    responses: { 200: AgencyPackageList },
  },
  createAgencyPackage: {
    summary: 'Compose a draft package from a programme, one of your hotels and excursions',
    body: CreatePackageBody,
    responses: { 201: AgencyPackageView },
  },
  getAgencyPackage: {
    summary: 'Read one of your packages with all its departures',
    path: PackagePathParams,
    responses: { 200: AgencyPackageView },
    errors: { 404: 'package_not_found' },
  },
  updateAgencyPackage: {
    summary: "Replace a package's composition, naming the version you read",
    path: PackagePathParams,
    body: UpdatePackageBody,
    responses: { 200: AgencyPackageView },
    errors: { 404: 'package_not_found', 409: SELLING_CONFLICTS },
  },
  addAgencyDeparture: {
    summary: 'Add a dated departure with seats and prices',
    path: PackagePathParams,
    body: CreateDepartureBody,
    responses: { 201: AgencyPackageView },
    errors: {
      404: 'package_not_found',
      409: `too_many_departures, departure_date_taken, ${SELLING_CONFLICTS}`,
    },
  },
  updateAgencyDeparture: {
    summary: "Change a departure's seats and prices; bookings keep the prices they were made at",
    path: DeparturePathParams,
    body: UpdateDepartureBody,
    responses: { 200: AgencyPackageView },
    errors: {
      404: 'package_not_found, departure_not_found',
      409: `seats_below_sold, departure_started, ${SELLING_CONFLICTS}`,
    },
  },
  deleteAgencyDeparture: {
    summary: 'Delete a departure no seat of which is sold',
    path: DeparturePathParams,
    responses: { 200: AgencyPackageView },
    errors: {
      404: 'package_not_found, departure_not_found',
      409: 'departure_has_bookings, version_conflict, concurrent_update',
    },
  },
  publishAgencyPackage: {
    summary: 'Offer a package to tourists: it and its departures appear in search at once',
    path: PackagePathParams,
    responses: { 200: AgencyPackageView },
    errors: {
      404: 'package_not_found',
      409: `package_already_published, no_upcoming_departure, ${SELLING_CONFLICTS}`,
    },
  },
  unpublishAgencyPackage: {
    summary: 'Take a package and its departures out of search at once',
    path: PackagePathParams,
    responses: { 200: AgencyPackageView },
    errors: { 404: 'package_not_found', 409: 'package_not_published, version_conflict, concurrent_update' },
  },
} satisfies Operations;
