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
  getHospitalProfile: {
    summary: "Read your hospital's profile with its version",
    responses: { 200: HospitalProfile },
    errors: { 404: 'hospital_not_found' },
  },
  updateHospitalProfile: {
    summary: "Replace your hospital's editable profile fields, naming the version you read",
    body: UpdateHospitalProfileBody,
    responses: { 200: HospitalProfile },
    errors: { 404: 'hospital_not_found', 409: 'version_conflict' },
  },
  listHospitalProgrammes: {
    summary: "List your hospital's treatment programmes",
    responses: { 200: HospitalProgrammeList },
  },
  createHospitalProgramme: {
    summary: 'Publish a treatment programme for international patients',
    body: CreateProgrammeBody,
    responses: { 201: HospitalProgramme },
    errors: { 404: 'hospital_not_found' },
  },
  getHospitalProgramme: {
    summary: 'Read one of your treatment programmes with its version',
    path: ProgrammePathParams,
    responses: { 200: HospitalProgramme },
    errors: { 404: 'programme_not_found' },
  },
  updateHospitalProgramme: {
    summary: 'Replace one of your treatment programmes, naming the version you read',
    path: ProgrammePathParams,
    body: UpdateProgrammeBody,
    responses: { 200: HospitalProgramme },
    errors: { 404: 'programme_not_found', 409: 'version_conflict' },
  },
  getHospitalCapacity: {
    summary: 'Read your beds for international patients, day by day, with how many are taken',
    query: CapacityQuery,
    responses: { 200: CapacityCalendar },
  },
  setHospitalCapacity: {
    summary: 'Set your beds for international patients on every day of a date range',
    body: SetCapacityBody,
    responses: { 200: CapacityCalendar },
    errors: {
      404: 'hospital_not_found',
      409: 'capacity_below_taken, capacity_contended',
    },
  },
  listVerifiedHospitals: {
    summary: 'List verified hospitals an agency can build packages on',
    query: HospitalDirectoryQuery,
    responses: { 200: HospitalDirectoryResponse },
  },
  listVerifiedHospitalProgrammes: {
    summary: "List a verified hospital's treatment programmes",
    path: HospitalPathParams,
    query: HospitalProgrammesQuery,
    responses: { 200: HospitalProgrammesResponse },
    errors: { 404: 'hospital_not_found' },
  },
} satisfies Operations;
