/**
 * A hospital's own profile through the real HTTP server and handlers on
 * DynamoDB Local: reading it, editing it with optimistic concurrency, the
 * fields it may not change, and who may call these routes at all.
 */
import { ErrorResponse, HospitalProfile } from '@shifa/contracts';
import { todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { demoCatalog } from '@shifa/local/demo/catalog';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, useApi } from './support/api';
import { useTable } from './support/table';

useTable();
const api = useApi();
const today = todayUtc(new Date());

const XJ_TCM = 'international@xj-tcm.example.cn';
const HORGOS = 'hospital-horgos';
const ILI = 'hospital-ili-tcm';

beforeAll(async () => {
  await loadDemoData(today);
});

const profileOf = (response: ApiResponse) => HospitalProfile.parse(response.body);
const errorOf = (response: ApiResponse) => ErrorResponse.parse(response.body).error;

/** The editable fields of a profile as read, ready to send back with changes. */
function editable(profile: HospitalProfile) {
  const { hospitalId: _id, status: _status, city: _city, ...fields } = profile;
  return fields;
}

describe('GET /hospital/profile', () => {
  it("answers the caller's own hospital in every language, a demo profile without a version reading as 0", async () => {
    // Prepare
    const demo = demoCatalog(today).hospitals.find((h) => h.hospitalId === 'xj-tcm-hospital');

    // Act
    const response = await api.request('GET', '/hospital/profile', { as: XJ_TCM });

    // Assess
    expect(response.status).toBe(200);
    expect(profileOf(response)).toEqual({ ...demo, version: 0 });
  });

  it('answers 404 to a hospital account whose hospital has no profile', async () => {
    // Act
    const response = await api.request('GET', '/hospital/profile', {
      as: {
        id: 'hospital-new',
        email: 'intl@new.example.cn',
        role: 'hospital',
        organisation: 'new-hospital',
      },
    });

    // Assess
    expect(response.status).toBe(404);
    expect(errorOf(response).code).toBe('hospital_not_found');
  });
});

describe('PUT /hospital/profile', () => {
  it('replaces the editable fields and moves to the next version, leaving status and city alone', async () => {
    // Prepare
    const read = profileOf(await api.request('GET', '/hospital/profile', { as: ILI }));
    const { accreditation: _dropped, ...rest } = editable(read);
    const body = {
      ...rest,
      name: { ...read.name, ky: 'Или казак автономиялык облусунун салттуу кытай медицинасы ооруканасы' },
      languages: ['zh', 'kk', 'ru', 'ky'],
    };

    // Act
    const response = await api.request('PUT', '/hospital/profile', { as: ILI, body });
    const reread = await api.request('GET', '/hospital/profile', { as: ILI });

    // Assess
    expect(response.status).toBe(200);
    const updated = profileOf(response);
    expect(updated.version).toBe(read.version + 1);
    expect(updated.name.ky).toBe(body.name.ky);
    expect(updated.languages).toEqual(['zh', 'kk', 'ru', 'ky']);
    expect(updated).not.toHaveProperty('accreditation');
    expect(updated.status).toBe(read.status);
    expect(updated.city).toBe(read.city);
    expect(profileOf(reread)).toEqual(updated);
  });

  it('refuses an edit made on a version that is no longer current with 409 version_conflict', async () => {
    // Prepare
    const read = profileOf(await api.request('GET', '/hospital/profile', { as: XJ_TCM }));
    const first = await api.request('PUT', '/hospital/profile', {
      as: XJ_TCM,
      body: { ...editable(read), accreditation: 'Grade III Class A' },
    });
    expect(first.status).toBe(200);

    // Act
    const stale = await api.request('PUT', '/hospital/profile', {
      as: XJ_TCM,
      body: { ...editable(read), accreditation: 'Something else' },
    });

    // Assess
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('version_conflict');
    const current = profileOf(await api.request('GET', '/hospital/profile', { as: XJ_TCM }));
    expect(current.accreditation).toBe('Grade III Class A');
    expect(current.version).toBe(read.version + 1);
  });

  it('of two concurrent edits of the same version, exactly one wins and the other gets 409', async () => {
    // Prepare
    const read = profileOf(await api.request('GET', '/hospital/profile', { as: HORGOS }));
    const edit = (accreditation: string) =>
      api.request('PUT', '/hospital/profile', { as: HORGOS, body: { ...editable(read), accreditation } });

    // Act
    const responses = await Promise.all([edit('first editor'), edit('second editor')]);

    // Assess
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = responses.find((r) => r.status === 200);
    const current = profileOf(await api.request('GET', '/hospital/profile', { as: HORGOS }));
    expect(current).toEqual(winner && profileOf(winner));
    expect(current.version).toBe(read.version + 1);
  });

  it.each([
    ['city', { city: 'kashgar' }, /city cannot be changed/],
    ['status', { status: 'verified' }, /operator/],
    ['hospitalId', { hospitalId: 'someone-else' }, /cannot change/],
  ])('refuses a body that sets %s, saying why', async (field, change, message) => {
    // Prepare
    const read = profileOf(await api.request('GET', '/hospital/profile', { as: XJ_TCM }));

    // Act
    const response = await api.request('PUT', '/hospital/profile', {
      as: XJ_TCM,
      body: { ...editable(read), ...change },
    });

    // Assess
    expect(response.status).toBe(400);
    expect(errorOf(response).details).toEqual([
      { path: field, message: expect.stringMatching(message), code: expect.any(String) },
    ]);
  });

  it.each([
    ['an unknown field', { colour: 'green' }, 'colour'],
    ['a name longer than 200 characters', { name: { en: 'x'.repeat(201) } }, 'name.en'],
    ['a name in an unknown language', { name: { fr: 'Hôpital' } }, 'name'],
    ['a language listed twice', { languages: ['zh', 'zh'] }, 'languages'],
    ['no version', { version: undefined }, 'version'],
    ['a negative version', { version: -1 }, 'version'],
    [
      'an office phone not in international form',
      { internationalOffice: { email: 'a@b.cn', phone: '123', messengers: [] } },
      'internationalOffice.phone',
    ],
  ])('refuses %s with a 400 naming its path', async (_, change, path) => {
    // Prepare
    const read = profileOf(await api.request('GET', '/hospital/profile', { as: XJ_TCM }));

    // Act
    const response = await api.request('PUT', '/hospital/profile', {
      as: XJ_TCM,
      body: { ...editable(read), ...change },
    });

    // Assess
    expect(response.status).toBe(400);
    expect(errorOf(response).details?.map((d) => d.path)).toContain(path);
  });

  it('answers 404 to a hospital account whose hospital has no profile, creating nothing', async () => {
    // Prepare
    const stranger = {
      id: 'hospital-new',
      email: 'intl@new.example.cn',
      role: 'hospital',
      organisation: 'new-hospital',
    } as const;
    const body = { version: 0, name: { en: 'New' }, languages: ['zh'], departments: [] };

    // Act
    const response = await api.request('PUT', '/hospital/profile', { as: stranger, body });

    // Assess
    expect(response.status).toBe(404);
    expect((await api.request('GET', '/hospital/profile', { as: stranger })).status).toBe(404);
  });
});

describe('who may call /hospital/profile', () => {
  it.each([
    ['a tourist', 'tourist-aigerim'],
    ['an agency', 'agency-jibek-zholy'],
    ['the operator', 'operator'],
  ])('%s gets 403', async (_, user) => {
    // Act
    const read = await api.request('GET', '/hospital/profile', { as: user });
    const write = await api.request('PUT', '/hospital/profile', { as: user, body: { version: 0 } });

    // Assess
    expect([read.status, write.status]).toEqual([403, 403]);
    expect(errorOf(read).code).toBe('forbidden_role');
  });

  it('a request without a token gets 401', async () => {
    // Act
    const response = await api.request('GET', '/hospital/profile');

    // Assess
    expect(response.status).toBe(401);
  });
});
