/**
 * Treatment programmes through the real HTTP server and handlers on DynamoDB
 * Local: a hospital publishes and edits its own, another hospital cannot see
 * them, and agencies read the programmes of verified hospitals only.
 */
import {
  ErrorResponse,
  type Hospital,
  HospitalDirectoryResponse,
  HospitalProgramme,
  HospitalProgrammeList,
  HospitalProgrammesResponse,
} from '@shifa/contracts';
import { todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { demoCatalog } from '@shifa/local/demo/catalog';
import { catalogItems, putIfAbsent } from '@shifa/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, useApi } from './support/api';
import { useTable } from './support/table';

useTable();
const api = useApi();
const today = todayUtc(new Date());
const demo = demoCatalog(today);

const XJ_TCM = 'hospital-xj-tcm';
const HORGOS = 'hospital-horgos';
const AGENCY = 'agency-jibek-zholy';

const PENDING: Hospital = {
  hospitalId: 'altay-pending-hospital',
  status: 'pending',
  name: { en: 'Altay hospital awaiting verification' },
  city: 'altay',
  languages: ['zh'],
  departments: [],
};

const acupuncture = {
  kind: 'acupuncture',
  title: {
    en: 'Electro-acupuncture for back pain, 10 days',
    ru: 'Электроакупунктура при боли в спине, 10 дней',
  },
  days: 10,
  sessions: 10,
  includes: [{ en: 'Electro-acupuncture, 10 sessions', ru: 'Электроакупунктура, 10 сеансов' }],
  contraindications: [
    { en: 'A pacemaker', ru: 'Кардиостимулятор' },
    { en: 'Pregnancy', ru: 'Беременность' },
  ],
  price: { amount: 400_000, currency: 'CNY' },
};

const programmeOf = (response: ApiResponse) => HospitalProgramme.parse(response.body);
const errorOf = (response: ApiResponse) => ErrorResponse.parse(response.body).error;

async function create(as: string, body: unknown = acupuncture): Promise<HospitalProgramme> {
  const response = await api.request('POST', '/hospital/programmes', { as, body });
  expect(response.status).toBe(201);
  return programmeOf(response);
}

/** The fields of a programme as read, ready to send back with changes. */
function editable(programme: HospitalProgramme) {
  const { programmeId: _id, hospitalId: _hospital, ...fields } = programme;
  return fields;
}

beforeAll(async () => {
  await loadDemoData(today);
  await putIfAbsent(catalogItems.hospital(PENDING));
});

describe('GET /hospital/programmes', () => {
  it("lists the caller's own programmes only, demo ones reading as version 0 with their contraindications", async () => {
    // Prepare
    const own = demo.programmes.filter((p) => p.hospitalId === 'horgos-peoples-hospital');

    // Act
    const response = await api.request('GET', '/hospital/programmes', { as: HORGOS });

    // Assess
    expect(response.status).toBe(200);
    const { items } = HospitalProgrammeList.parse(response.body);
    expect(items).toEqual(expect.arrayContaining(own.map((p) => ({ ...p, version: 0 }))));
    expect(items.every((p) => p.hospitalId === 'horgos-peoples-hospital')).toBe(true);
  });
});

describe('POST /hospital/programmes', () => {
  it('publishes a programme under a server-made id, readable at its location and in the list', async () => {
    // Act
    const response = await api.request('POST', '/hospital/programmes', { as: XJ_TCM, body: acupuncture });

    // Assess
    expect(response.status).toBe(201);
    const programme = programmeOf(response);
    expect(programme).toEqual({
      ...acupuncture,
      programmeId: expect.stringMatching(/^acupuncture-10d-[a-z0-9]{6}$/),
      hospitalId: 'xj-tcm-hospital',
      version: 1,
    });
    expect(response.headers.get('location')).toBe(`/hospital/programmes/${programme.programmeId}`);
    const read = await api.request('GET', `/hospital/programmes/${programme.programmeId}`, { as: XJ_TCM });
    expect(programmeOf(read)).toEqual(programme);
    const list = HospitalProgrammeList.parse(
      (await api.request('GET', '/hospital/programmes', { as: XJ_TCM })).body,
    );
    expect(list.items).toContainEqual(programme);
  });

  it('gives two programmes of the same kind and length different ids', async () => {
    // Act
    const [first, second] = await Promise.all([create(XJ_TCM), create(XJ_TCM)]);

    // Assess
    expect(first.programmeId).not.toBe(second.programmeId);
  });

  it('names kinds with underscores as slugs', async () => {
    // Act
    const programme = await create(XJ_TCM, { ...acupuncture, kind: 'herbal_therapy', days: 14 });

    // Assess
    expect(programme.programmeId).toMatch(/^herbal-therapy-14d-[a-z0-9]{6}$/);
  });

  it.each([
    ['a zero price', { price: { amount: 0, currency: 'CNY' } }, 'price.amount'],
    ['a price with a fraction', { price: { amount: 4000.5, currency: 'CNY' } }, 'price.amount'],
    ['a price as a string', { price: { amount: '400000', currency: 'CNY' } }, 'price.amount'],
    ['an unknown currency', { price: { amount: 400_000, currency: 'EUR' } }, 'price.currency'],
    ['an unknown field in the price', { price: { amount: 400_000, currency: 'CNY', vat: 0 } }, 'price.vat'],
    ['an unknown kind', { kind: 'homeopathy' }, 'kind'],
    ['an unknown field', { discount: 10 }, 'discount'],
    ['a title longer than 200 characters', { title: { en: 'x'.repeat(201) } }, 'title.en'],
    ['an empty title', { title: {} }, 'title'],
    [
      'a contraindication longer than 300 characters',
      { contraindications: [{ ru: 'я'.repeat(301) }] },
      'contraindications.0.ru',
    ],
    [
      'more than 20 contraindications',
      { contraindications: Array.from({ length: 21 }, () => ({ en: 'x' })) },
      'contraindications',
    ],
    ['more than 20 inclusions', { includes: Array.from({ length: 21 }, () => ({ en: 'x' })) }, 'includes'],
    ['no contraindications field', { contraindications: undefined }, 'contraindications'],
    ['zero days', { days: 0 }, 'days'],
    ['a programme id of its own', { programmeId: 'my-own-id' }, 'programmeId'],
  ])('refuses %s with a 400 naming its path', async (_, change, path) => {
    // Act
    const response = await api.request('POST', '/hospital/programmes', {
      as: XJ_TCM,
      body: { ...acupuncture, ...change },
    });

    // Assess
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('invalid_body');
    expect(errorOf(response).details?.map((d) => d.path)).toContain(path);
  });

  it('answers 404 to a hospital account whose hospital has no profile', async () => {
    // Act
    const response = await api.request('POST', '/hospital/programmes', {
      as: {
        id: 'hospital-new',
        email: 'intl@new.example.cn',
        role: 'hospital',
        organisation: 'new-hospital',
      },
      body: acupuncture,
    });

    // Assess
    expect(response.status).toBe(404);
    expect(errorOf(response).code).toBe('hospital_not_found');
  });
});

describe('PUT /hospital/programmes/{programmeId}', () => {
  it('replaces the programme and moves to the next version', async () => {
    // Prepare
    const programme = await create(XJ_TCM);
    const body = { ...editable(programme), sessions: 12, price: { amount: 420_000, currency: 'CNY' } };

    // Act
    const response = await api.request('PUT', `/hospital/programmes/${programme.programmeId}`, {
      as: XJ_TCM,
      body,
    });

    // Assess
    expect(response.status).toBe(200);
    expect(programmeOf(response)).toEqual({ ...programme, sessions: 12, price: body.price, version: 2 });
  });

  it('edits a demo programme stored before versions existed as version 0', async () => {
    // Prepare
    const read = programmeOf(
      await api.request('GET', '/hospital/programmes/horgos-acupuncture-10', { as: HORGOS }),
    );
    expect(read.version).toBe(0);

    // Act
    const response = await api.request('PUT', '/hospital/programmes/horgos-acupuncture-10', {
      as: HORGOS,
      body: { ...editable(read), contraindications: [...read.contraindications, { en: 'Acute infection' }] },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(programmeOf(response).version).toBe(1);
    expect(programmeOf(response).contraindications).toHaveLength(read.contraindications.length + 1);
  });

  it('of two concurrent edits of the same version, exactly one wins and the other gets 409 version_conflict', async () => {
    // Prepare
    const programme = await create(XJ_TCM);
    const edit = (days: number) =>
      api.request('PUT', `/hospital/programmes/${programme.programmeId}`, {
        as: XJ_TCM,
        body: { ...editable(programme), days },
      });

    // Act
    const responses = await Promise.all([edit(12), edit(14)]);

    // Assess
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = responses.find((r) => r.status === 409);
    expect(loser && errorOf(loser).code).toBe('version_conflict');
    const winner = responses.find((r) => r.status === 200);
    const current = await api.request('GET', `/hospital/programmes/${programme.programmeId}`, { as: XJ_TCM });
    expect(programmeOf(current)).toEqual(winner && programmeOf(winner));
  });

  it('refuses an edit that changes the programme id, and one without a version', async () => {
    // Prepare
    const programme = await create(XJ_TCM);
    const path = `/hospital/programmes/${programme.programmeId}`;

    // Act
    const renamed = await api.request('PUT', path, {
      as: XJ_TCM,
      body: { ...editable(programme), programmeId: 'another-id' },
    });
    const { version: _version, ...unversioned } = editable(programme);
    const blind = await api.request('PUT', path, { as: XJ_TCM, body: unversioned });

    // Assess
    expect(renamed.status).toBe(400);
    expect(errorOf(renamed).details?.map((d) => d.path)).toEqual(['programmeId']);
    expect(blind.status).toBe(400);
    expect(errorOf(blind).details?.map((d) => d.path)).toEqual(['version']);
  });

  it('answers 404 for a programme id that does not exist, creating nothing', async () => {
    // Prepare
    const path = '/hospital/programmes/acupuncture-10d-nosuch';

    // Act
    const response = await api.request('PUT', path, { as: XJ_TCM, body: { ...acupuncture, version: 0 } });

    // Assess
    expect(response.status).toBe(404);
    expect(errorOf(response).code).toBe('programme_not_found');
    expect((await api.request('GET', path, { as: XJ_TCM })).status).toBe(404);
  });

  it('refuses a programme id that is not a slug with a 400 naming the path parameter', async () => {
    // Act
    const response = await api.request('GET', '/hospital/programmes/Not_A_Slug', { as: XJ_TCM });

    // Assess
    expect(response.status).toBe(400);
    expect(errorOf(response).details?.[0]?.path).toBe('programmeId');
  });
});

describe('tenant walls around programmes', () => {
  it("another hospital gets 404 reading or editing a hospital's programme, which stays unchanged", async () => {
    // Prepare
    const programme = await create(XJ_TCM);
    const path = `/hospital/programmes/${programme.programmeId}`;

    // Act
    const read = await api.request('GET', path, { as: HORGOS });
    const write = await api.request('PUT', path, { as: HORGOS, body: { ...editable(programme), days: 3 } });
    const list = HospitalProgrammeList.parse(
      (await api.request('GET', '/hospital/programmes', { as: HORGOS })).body,
    );

    // Assess
    expect([read.status, write.status]).toEqual([404, 404]);
    expect(errorOf(read).code).toBe('programme_not_found');
    expect(list.items.map((p) => p.programmeId)).not.toContain(programme.programmeId);
    expect(programmeOf(await api.request('GET', path, { as: XJ_TCM }))).toEqual(programme);
  });

  it.each([
    ['a tourist', 'tourist-aigerim'],
    ['an agency', AGENCY],
  ])('%s gets 403 on every /hospital/programmes route', async (_, user) => {
    // Act
    const statuses = await Promise.all([
      api.request('GET', '/hospital/programmes', { as: user }),
      api.request('POST', '/hospital/programmes', { as: user, body: acupuncture }),
      api.request('GET', '/hospital/programmes/xjtcm-acupuncture-10', { as: user }),
      api.request('PUT', '/hospital/programmes/xjtcm-acupuncture-10', {
        as: user,
        body: { ...acupuncture, version: 0 },
      }),
    ]);

    // Assess
    expect(statuses.map((r) => r.status)).toEqual([403, 403, 403, 403]);
  });

  it('a request without a token gets 401', async () => {
    // Act
    const response = await api.request('POST', '/hospital/programmes', { body: acupuncture });

    // Assess
    expect(response.status).toBe(401);
  });
});

describe('GET /agency/hospitals', () => {
  async function listAll(query: string, as: string): Promise<HospitalDirectoryResponse['items']> {
    const items: HospitalDirectoryResponse['items'] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const response = await api.request('GET', `/agency/hospitals?${query}${suffix}`, { as });
      expect(response.status).toBe(200);
      const page = HospitalDirectoryResponse.parse(response.body);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return items;
  }

  it('lists every verified hospital in the asked language, page by page, and never a pending one', async () => {
    // Act
    const items = await listAll('limit=2&lang=ru', AGENCY);

    // Assess
    expect(items.map((h) => h.hospitalId).sort()).toEqual(demo.hospitals.map((h) => h.hospitalId).sort());
    const horgos = items.find((h) => h.hospitalId === 'horgos-peoples-hospital');
    const expected = demo.hospitals.find((h) => h.hospitalId === 'horgos-peoples-hospital');
    expect(horgos?.name).toBe(expected?.name.ru);
    expect(horgos?.departments).toEqual(expected?.departments.map((d) => d.ru));
    expect(horgos?.internationalOffice).toEqual(expected?.internationalOffice);
    expect(items.map((h) => h.hospitalId)).not.toContain(PENDING.hospitalId);
  });

  it('answers the operator too, in the language of Accept-Language', async () => {
    // Act
    const response = await api.request('GET', '/agency/hospitals?limit=50', {
      as: 'operator',
      headers: { 'accept-language': 'zh-CN,zh;q=0.9' },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-language')).toBe('zh');
    const page = HospitalDirectoryResponse.parse(response.body);
    expect(page.items.find((h) => h.hospitalId === 'xj-tcm-hospital')?.name).toBe('新疆维吾尔自治区中医医院');
  });

  it.each([
    ['a forged cursor', 'cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['a limit over 50', 'limit=51', 'limit'],
    ['an unknown parameter', 'city=urumqi', 'city'],
  ])('refuses %s with a 400 naming it', async (_, query, path) => {
    // Act
    const response = await api.request('GET', `/agency/hospitals?${query}`, { as: AGENCY });

    // Assess
    expect(response.status).toBe(400);
    expect(errorOf(response).details?.map((d) => d.path)).toContain(path);
  });

  it.each([
    ['a tourist', 'tourist-aigerim'],
    ['a hospital', XJ_TCM],
  ])('%s gets 403', async (_, user) => {
    // Act
    const response = await api.request('GET', '/agency/hospitals', { as: user });

    // Assess
    expect(response.status).toBe(403);
  });
});

describe('GET /agency/hospitals/{hospitalId}/programmes', () => {
  it("lists a verified hospital's programmes in one language, new ones included", async () => {
    // Prepare
    const created = await create(HORGOS);

    // Act
    const response = await api.request(
      'GET',
      '/agency/hospitals/horgos-peoples-hospital/programmes?lang=en',
      {
        as: AGENCY,
      },
    );

    // Assess
    expect(response.status).toBe(200);
    const body = HospitalProgrammesResponse.parse(response.body);
    expect(body.hospital.hospitalId).toBe('horgos-peoples-hospital');
    expect(body.items).toContainEqual({
      programmeId: created.programmeId,
      hospitalId: 'horgos-peoples-hospital',
      kind: 'acupuncture',
      title: acupuncture.title.en,
      days: 10,
      sessions: 10,
      includes: [acupuncture.includes[0]?.en],
      contraindications: ['A pacemaker', 'Pregnancy'],
      price: acupuncture.price,
    });
    const tuina = body.items.find((p) => p.programmeId === 'horgos-tuina-10');
    expect(tuina?.contraindications.length).toBeGreaterThan(0);
  });

  it.each([
    ['pending', PENDING.hospitalId],
    ['unknown', 'no-such-hospital'],
  ])('answers 404 for a hospital that is %s', async (_, hospitalId) => {
    // Act
    const response = await api.request('GET', `/agency/hospitals/${hospitalId}/programmes`, { as: AGENCY });

    // Assess
    expect(response.status).toBe(404);
    expect(errorOf(response).code).toBe('hospital_not_found');
  });

  it('a hospital gets 403, and no token 401', async () => {
    // Act
    const asHospital = await api.request('GET', '/agency/hospitals/xj-tcm-hospital/programmes', {
      as: XJ_TCM,
    });
    const anonymous = await api.request('GET', '/agency/hospitals/xj-tcm-hospital/programmes');

    // Assess
    expect([asHospital.status, anonymous.status]).toEqual([403, 401]);
  });
});
