import type { Hospital, TreatmentProgramme } from '@shifa/contracts';
import { describe, expect, it } from 'vitest';
import { NONE_SUSPENDED, type Suspended } from '../catalog/search';
import { NotFoundError } from '../errors';
import {
  type HospitalDirectoryReader,
  hospitalProgrammesForAgencies,
  isOpenToAgencies,
  listHospitalsForAgencies,
} from './directory';
import { programmeIdFor } from './programmes';

const hospital = (hospitalId: string, status: Hospital['status']): Hospital => ({
  hospitalId,
  status,
  name: { en: `${hospitalId} hospital`, ru: `Больница ${hospitalId}` },
  city: 'urumqi',
  languages: ['zh', 'ru'],
  departments: [{ en: 'Acupuncture', zh: '针灸科' }],
});

const programme: TreatmentProgramme = {
  programmeId: 'acupuncture-10d-abc123',
  hospitalId: 'open',
  kind: 'acupuncture',
  title: { en: 'Acupuncture course', ru: 'Курс иглоукалывания' },
  days: 10,
  sessions: 10,
  includes: [{ zh: '针刺治疗10次' }],
  contraindications: [{ en: 'Pregnancy', ru: 'Беременность' }],
  price: { amount: 450_000, currency: 'CNY' },
};

function reader(hospitals: Hospital[], suspended: Suspended = NONE_SUSPENDED): HospitalDirectoryReader {
  return {
    hospitals: async () => ({ hospitals, next: 'next-page' }),
    hospital: async (id) => hospitals.find((h) => h.hospitalId === id),
    programmes: async (id) => (id === programme.hospitalId ? [programme] : []),
    suspended: async () => suspended,
  };
}

describe('isOpenToAgencies', () => {
  it('is true only for a verified hospital the operator has not suspended', () => {
    const suspended = { agencies: new Set<string>(), hospitals: new Set(['open']) };

    expect(isOpenToAgencies(hospital('open', 'verified'), NONE_SUSPENDED)).toBe(true);
    expect(isOpenToAgencies(hospital('open', 'verified'), suspended)).toBe(false);
    expect(isOpenToAgencies(hospital('open', 'pending'), NONE_SUSPENDED)).toBe(false);
    expect(isOpenToAgencies(hospital('open', 'suspended'), NONE_SUSPENDED)).toBe(false);
  });
});

describe('listHospitalsForAgencies', () => {
  it('keeps verified hospitals, in the reader language, and passes the next page on', async () => {
    const hospitals = [
      hospital('open', 'verified'),
      hospital('waiting', 'pending'),
      hospital('shut', 'suspended'),
    ];

    const page = await listHospitalsForAgencies(
      reader(hospitals),
      { limit: 20, cursor: undefined },
      ['ru'],
      'ru',
    );

    expect(page).toEqual({
      language: 'ru',
      items: [
        {
          hospitalId: 'open',
          name: 'Больница open',
          city: 'urumqi',
          languages: ['zh', 'ru'],
          departments: ['Acupuncture'],
        },
      ],
      nextCursor: 'next-page',
    });
  });
});

describe('hospitalProgrammesForAgencies', () => {
  it('reads a verified hospital programmes in one language, falling back where a text lacks it', async () => {
    const result = await hospitalProgrammesForAgencies(
      reader([hospital('open', 'verified')]),
      'open',
      ['en'],
      'en',
    );

    expect(result.hospital.name).toBe('open hospital');
    expect(result.items).toEqual([
      {
        programmeId: 'acupuncture-10d-abc123',
        hospitalId: 'open',
        kind: 'acupuncture',
        title: 'Acupuncture course',
        days: 10,
        sessions: 10,
        includes: ['针刺治疗10次'],
        contraindications: ['Pregnancy'],
        price: { amount: 450_000, currency: 'CNY' },
      },
    ]);
  });

  it.each([
    ['pending', [hospital('open', 'pending')], NONE_SUSPENDED],
    [
      'suspended by the operator',
      [hospital('open', 'verified')],
      { agencies: new Set<string>(), hospitals: new Set(['open']) },
    ],
    ['unknown', [], NONE_SUSPENDED],
  ])('answers 404 for a hospital that is %s', async (_, hospitals, suspended) => {
    await expect(
      hospitalProgrammesForAgencies(reader(hospitals, suspended), 'open', ['en'], 'en'),
    ).rejects.toThrow(NotFoundError);
  });
});

describe('programmeIdFor', () => {
  it('names the kind as a slug, the days and the suffix', () => {
    expect(programmeIdFor('herbal_therapy', 14, 'k3x9q2')).toBe('herbal-therapy-14d-k3x9q2');
  });
});
