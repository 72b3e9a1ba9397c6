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
  listAgencyHotels: { query: AgencyListQuery, responses: { 200: HotelList } },
  createAgencyHotel: {
    body: CreateHotelBody,
    responses: { 201: Hotel },
  },
  getAgencyHotel: { path: HotelPathParams, responses: { 200: Hotel }, errors: { 404: 'hotel_not_found' } },
  updateAgencyHotel: {
    path: HotelPathParams,
    body: UpdateHotelBody,
    responses: { 200: Hotel },
    errors: { 404: 'hotel_not_found', 409: 'version_conflict' },
  },
  listAgencyExcursions: { query: AgencyListQuery, responses: { 200: ExcursionList } },
  createAgencyExcursion: {
    body: CreateExcursionBody,
    responses: { 201: ExcursionComponent },
  },
  getAgencyExcursion: {
    path: ExcursionPathParams,
    responses: { 200: ExcursionComponent },
    errors: { 404: 'excursion_not_found' },
  },
  updateAgencyExcursion: {
    path: ExcursionPathParams,
    body: UpdateExcursionBody,
    responses: { 200: ExcursionComponent },
    errors: { 404: 'excursion_not_found', 409: 'version_conflict' },
  },
  listAgencyPackages: { query: AgencyListQuery, responses: { 200: AgencyPackageList } },
  createAgencyPackage: {
    body: CreatePackageBody,
    responses: { 201: AgencyPackageView },
  },
  getAgencyPackage: {
    path: PackagePathParams,
    responses: { 200: AgencyPackageView },
    errors: { 404: 'package_not_found' },
  },
  updateAgencyPackage: {
    path: PackagePathParams,
    body: UpdatePackageBody,
    responses: { 200: AgencyPackageView },
    errors: { 404: 'package_not_found', 409: SELLING_CONFLICTS },
  },
  addAgencyDeparture: {
    path: PackagePathParams,
    body: CreateDepartureBody,
    responses: { 201: AgencyPackageView },
    errors: {
      404: 'package_not_found',
      409: `too_many_departures, departure_date_taken, ${SELLING_CONFLICTS}`,
    },
  },
  updateAgencyDeparture: {
    path: DeparturePathParams,
    body: UpdateDepartureBody,
    responses: { 200: AgencyPackageView },
    errors: {
      404: 'package_not_found, departure_not_found',
      409: `seats_below_sold, departure_started, ${SELLING_CONFLICTS}`,
    },
  },
  deleteAgencyDeparture: {
    path: DeparturePathParams,
    responses: { 200: AgencyPackageView },
    errors: {
      404: 'package_not_found, departure_not_found',
      409: 'departure_has_bookings, version_conflict, concurrent_update',
    },
  },
  publishAgencyPackage: {
    path: PackagePathParams,
    responses: { 200: AgencyPackageView },
    errors: {
      404: 'package_not_found',
      409: `package_already_published, no_upcoming_departure, ${SELLING_CONFLICTS}`,
    },
  },
  unpublishAgencyPackage: {
    path: PackagePathParams,
    responses: { 200: AgencyPackageView },
    errors: { 404: 'package_not_found', 409: 'package_not_published, version_conflict, concurrent_update' },
  },
} satisfies Operations;
