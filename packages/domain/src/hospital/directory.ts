/**
 * The hospitals agencies may build packages on: verified and not suspended,
 * read in one language. A hospital that is not open to agencies answers as if
 * it did not exist, like any object a caller may not see.
 */
import type {
  Hospital,
  HospitalDirectoryEntry,
  HospitalDirectoryResponse,
  HospitalProgrammesResponse,
  HospitalProgrammeView,
  Language,
  TreatmentProgramme,
} from '@shifa/contracts';
import type { Suspended } from '../catalog/search';
import { NotFoundError } from '../errors';
import { pickText } from '../language';

export interface HospitalDirectoryReader {
  /** One page of hospitals of every status, in id order; `next` is absent at the end. */
  hospitals(page: {
    limit: number;
    cursor: string | undefined;
  }): Promise<{ hospitals: Hospital[]; next: string | undefined }>;
  hospital(hospitalId: string): Promise<Hospital | undefined>;
  programmes(hospitalId: string): Promise<TreatmentProgramme[]>;
  suspended(): Promise<Suspended>;
}

export const isOpenToAgencies = (hospital: Hospital, suspended: Suspended): boolean =>
  hospital.status === 'verified' && !suspended.hospitals.has(hospital.hospitalId);

export function toDirectoryEntry(hospital: Hospital, lang: readonly Language[]): HospitalDirectoryEntry {
  return {
    hospitalId: hospital.hospitalId,
    name: pickText(hospital.name, lang),
    city: hospital.city,
    languages: hospital.languages,
    departments: hospital.departments.map((department) => pickText(department, lang)),
    ...(hospital.accreditation === undefined ? {} : { accreditation: hospital.accreditation }),
    ...(hospital.internationalOffice === undefined
      ? {}
      : { internationalOffice: hospital.internationalOffice }),
  };
}

export function toProgrammeView(
  programme: TreatmentProgramme,
  lang: readonly Language[],
): HospitalProgrammeView {
  return {
    programmeId: programme.programmeId,
    hospitalId: programme.hospitalId,
    kind: programme.kind,
    title: pickText(programme.title, lang),
    days: programme.days,
    sessions: programme.sessions,
    includes: programme.includes.map((text) => pickText(text, lang)),
    contraindications: programme.contraindications.map((text) => pickText(text, lang)),
    price: { amount: programme.price.amount, currency: programme.price.currency },
  };
}

/** A page of hospitals open to agencies; a page may hold fewer than `limit` when others are skipped. */
export async function listHospitalsForAgencies(
  reader: HospitalDirectoryReader,
  page: { limit: number; cursor: string | undefined },
  lang: readonly Language[],
  language: Language,
): Promise<HospitalDirectoryResponse> {
  const [{ hospitals, next }, suspended] = await Promise.all([reader.hospitals(page), reader.suspended()]);
  return {
    language,
    items: hospitals
      .filter((hospital) => isOpenToAgencies(hospital, suspended))
      .map((hospital) => toDirectoryEntry(hospital, lang)),
    nextCursor: next ?? null,
  };
}

export async function hospitalProgrammesForAgencies(
  reader: HospitalDirectoryReader,
  hospitalId: string,
  lang: readonly Language[],
  language: Language,
): Promise<HospitalProgrammesResponse> {
  const [hospital, suspended, programmes] = await Promise.all([
    reader.hospital(hospitalId),
    reader.suspended(),
    reader.programmes(hospitalId),
  ]);
  if (hospital === undefined || !isOpenToAgencies(hospital, suspended)) {
    throw new NotFoundError('hospital_not_found', `no verified hospital has the id ${hospitalId}`);
  }
  return {
    language,
    hospital: toDirectoryEntry(hospital, lang),
    items: programmes.map((programme) => toProgrammeView(programme, lang)),
  };
}
