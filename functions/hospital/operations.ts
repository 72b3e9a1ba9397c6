/** The hospital area's operations, and the two reads agencies make of it, for the OpenAPI document. */
import {
  CapacityCalendar,
  CapacityQuery,
  CreateProgrammeBody,
  HospitalDirectoryQuery,
  HospitalDirectoryResponse,
  HospitalPathParams,
  HospitalProfile,
  HospitalProgramme,
  HospitalProgrammeList,
  HospitalProgrammesQuery,
  HospitalProgrammesResponse,
  ProgrammePathParams,
  SetCapacityBody,
  UpdateHospitalProfileBody,
  UpdateProgrammeBody,
} from '@shifa/contracts';
import type { Operations } from '../operations';

export const hospitalOperations = {
  getHospitalProfile: { responses: { 200: HospitalProfile }, errors: { 404: 'hospital_not_found' } },
  updateHospitalProfile: {
    body: UpdateHospitalProfileBody,
    responses: { 200: HospitalProfile },
    errors: { 404: 'hospital_not_found', 409: 'version_conflict' },
  },
  listHospitalProgrammes: { responses: { 200: HospitalProgrammeList } },
  createHospitalProgramme: {
    body: CreateProgrammeBody,
    responses: { 201: HospitalProgramme },
    errors: { 404: 'hospital_not_found' },
  },
  getHospitalProgramme: {
    path: ProgrammePathParams,
    responses: { 200: HospitalProgramme },
    errors: { 404: 'programme_not_found' },
  },
  updateHospitalProgramme: {
    path: ProgrammePathParams,
    body: UpdateProgrammeBody,
    responses: { 200: HospitalProgramme },
    errors: { 404: 'programme_not_found', 409: 'version_conflict' },
  },
  getHospitalCapacity: { query: CapacityQuery, responses: { 200: CapacityCalendar } },
  setHospitalCapacity: {
    body: SetCapacityBody,
    responses: { 200: CapacityCalendar },
    errors: {
      404: 'hospital_not_found',
      409: 'capacity_below_taken, capacity_contended',
    },
  },
  listVerifiedHospitals: { query: HospitalDirectoryQuery, responses: { 200: HospitalDirectoryResponse } },
  listVerifiedHospitalProgrammes: {
    path: HospitalPathParams,
    query: HospitalProgrammesQuery,
    responses: { 200: HospitalProgrammesResponse },
    errors: { 404: 'hospital_not_found' },
  },
} satisfies Operations;
