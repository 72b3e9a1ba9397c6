/**
 * The operator verifying and suspending agencies and hospitals, through the
 * real HTTP server and handlers on DynamoDB Local with the demo catalog: what
 * suspension hides from tourists, which moves are allowed, who may make them,
 * and what happens when two operators act at once.
 */
import {
  OrganisationDetail,
  OrganisationListResponse,
  type OrganisationView,
  PackageListResponse,
} from '@shifa/contracts';
import { changeOrganisationStatus, type OrganisationStore, todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { demoCatalog } from '@shifa/local/demo/catalog';
import { catalogItems, organisationStore, putIfAbsent, readSuspensions } from '@shifa/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './support/api';
import { useTable } from './support/table';

useTable();
const api = useApi();
const today = todayUtc(new Date());
const demo = demoCatalog(today);
const OPERATOR = 'operator';

/** Pending agencies made for this file, so tests that race or reject do not share one. */
const EXTRA_PENDING = ['race-verify-suspend', 'race-verify-verify', 'reject-me', 'no-body-verify'];

const packagesOf = (predicate: (pkg: (typeof demo.packages)[number]['pkg']) => boolean) =>
  demo.packages
    .map(({ pkg }) => pkg)
    .filter(predicate)
    .map((pkg) => pkg.packageId);

async function searchIds(): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const response = await api.get(`/packages?limit=50${suffix}`);
    expect(response.status).toBe(200);
    const page = PackageListResponse.parse(response.body);
    ids.push(...page.items.map((item) => item.packageId));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
}

async function readable(packageId: string): Promise<boolean> {
  const response = await api.get(`/packages/${packageId}`);
  expect([200, 404]).toContain(response.status);
  return response.status === 200;
}

const change = (action: 'verify' | 'suspend', kind: string, id: string, body?: unknown, as = OPERATOR) =>
  api.request('POST', `/operator/organisations/${kind}/${id}/${action}`, {
    as,
    ...(body === undefined ? {} : { body }),
  });

async function listAll(query: string, limit: number): Promise<OrganisationView[]> {
  const items: OrganisationView[] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const response = await api.request('GET', `/operator/organisations?limit=${limit}&${query}${suffix}`, {
      as: OPERATOR,
    });
    expect(response.status).toBe(200);
    const page = OrganisationListResponse.parse(response.body);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

beforeAll(async () => {
  await loadDemoData(today);
  const template = demo.agencies[0];
  if (template === undefined) throw new Error('the demo catalog has no agency');
  for (const agencyId of EXTRA_PENDING) {
    await putIfAbsent(catalogItems.agency({ ...template, agencyId, status: 'pending' }));
  }
});

describe('suspending and verifying again', () => {
  it('hides a suspended agency’s packages from search and package reads, and verifying brings them back', async () => {
    const agencyPackages = packagesOf((pkg) => pkg.agencyId === 'jibek-zholy-almaty');
    expect(agencyPackages.length).toBeGreaterThan(0);
    expect(await searchIds()).toEqual(expect.arrayContaining(agencyPackages));

    const suspended = await change('suspend', 'agency', 'jibek-zholy-almaty', { reason: 'licence expired' });

    expect(suspended.status).toBe(200);
    expect(OrganisationDetail.parse(suspended.body)).toMatchObject({
      kind: 'agency',
      id: 'jibek-zholy-almaty',
      status: 'suspended',
      statusReason: 'licence expired',
      history: [{ from: 'verified', to: 'suspended', reason: 'licence expired', by: 'operator' }],
    });
    const afterSuspend = await searchIds();
    expect(afterSuspend.filter((id) => agencyPackages.includes(id))).toEqual([]);
    expect(afterSuspend.length).toBeGreaterThan(0);
    for (const id of agencyPackages) expect(await readable(id)).toBe(false);
    expect((await readSuspensions()).agencies.has('jibek-zholy-almaty')).toBe(true);

    const verified = await change('verify', 'agency', 'jibek-zholy-almaty', { reason: 'licence renewed' });

    expect(verified.status).toBe(200);
    expect(OrganisationDetail.parse(verified.body).history.map((h) => `${h.from}→${h.to}`)).toEqual([
      'verified→suspended',
      'suspended→verified',
    ]);
    expect(await searchIds()).toEqual(expect.arrayContaining(agencyPackages));
    for (const id of agencyPackages) expect(await readable(id)).toBe(true);
    expect((await readSuspensions()).agencies.has('jibek-zholy-almaty')).toBe(false);
  });

  it('hides every package that uses a suspended hospital’s programmes, whichever agency sells it', async () => {
    const hospitalPackages = packagesOf((pkg) => pkg.treatment.hospitalId === 'xj-tcm-hospital');
    const others = packagesOf((pkg) => pkg.treatment.hospitalId !== 'xj-tcm-hospital');
    expect(
      new Set(
        demo.packages
          .filter(({ pkg }) => hospitalPackages.includes(pkg.packageId))
          .map(({ pkg }) => pkg.agencyId),
      ).size,
    ).toBeGreaterThan(1);

    const suspended = await change('suspend', 'hospital', 'xj-tcm-hospital', {
      reason: 'inspection pending',
    });

    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ kind: 'hospital', status: 'suspended' });
    const visible = await searchIds();
    expect(visible.filter((id) => hospitalPackages.includes(id))).toEqual([]);
    expect(visible).toEqual(expect.arrayContaining(others));
    for (const id of hospitalPackages) expect(await readable(id)).toBe(false);

    const verified = await change('verify', 'hospital', 'xj-tcm-hospital');

    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'verified', statusReason: null });
    expect(await searchIds()).toEqual(expect.arrayContaining(hospitalPackages));
  });
});

describe('verifying applications', () => {
  it('verifies the pending agency samarkand-shifo-travel, which then leaves the pending list', async () => {
    const pendingBefore = await listAll('status=pending', 50);
    expect(pendingBefore.map((o) => o.id)).toContain('samarkand-shifo-travel');

    const response = await change('verify', 'agency', 'samarkand-shifo-travel', {
      reason: 'documents checked',
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'verified', statusReason: 'documents checked' });
    expect((await listAll('status=pending', 50)).map((o) => o.id)).not.toContain('samarkand-shifo-travel');
    const verified = await listAll('kind=agency&status=verified', 50);
    expect(verified.find((o) => o.id === 'samarkand-shifo-travel')).toMatchObject({
      kind: 'agency',
      status: 'verified',
      statusReason: 'documents checked',
      statusChangedAt: expect.stringMatching(/Z$/),
    });
  });

  it('verifies without a body: no reason is needed', async () => {
    const response = await change('verify', 'agency', 'no-body-verify');

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'verified', statusReason: null });
  });

  it('answers a repeated verify with 200 and changes nothing', async () => {
    const first = OrganisationDetail.parse((await change('verify', 'hospital', 'ili-tcm-hospital', {})).body);

    const again = await change('verify', 'hospital', 'ili-tcm-hospital', { reason: 'still fine' });

    expect(again.status).toBe(200);
    expect(again.body).toEqual(first);
    expect(first.history).toEqual([]);
  });

  it('rejects a pending application by suspending it, and can verify it later', async () => {
    const rejected = await change('suspend', 'agency', 'reject-me', { reason: 'no tour operator licence' });
    const verified = await change('verify', 'agency', 'reject-me', { reason: 'licence shown' });

    expect(rejected.body).toMatchObject({ status: 'suspended' });
    expect(verified.status).toBe(200);
    expect(OrganisationDetail.parse(verified.body).history.map((h) => `${h.from}→${h.to}`)).toEqual([
      'pending→suspended',
      'suspended→verified',
    ]);
  });
});

describe('refused changes', () => {
  it('refuses to suspend a suspended organisation with 409 invalid_status_transition naming its status', async () => {
    await change('suspend', 'agency', 'ala-too-med-bishkek', { reason: 'complaints under review' });

    const again = await change('suspend', 'agency', 'ala-too-med-bishkek', { reason: 'second attempt' });

    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      error: { code: 'invalid_status_transition', message: expect.stringContaining('suspended') },
    });
    await change('verify', 'agency', 'ala-too-med-bishkek');
  });

  it('answers 404 for an organisation that does not exist, or exists only as the other kind', async () => {
    const unknown = await change('verify', 'agency', 'no-such-agency');
    const wrongKind = await change('suspend', 'hospital', 'shifo-sayohat-tashkent', { reason: 'wrong kind' });

    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'organisation_not_found' } });
    expect(wrongKind.status).toBe(404);
  });

  it.each([
    ['no reason', {}, 'reason'],
    ['a reason too short', { reason: 'no' }, 'reason'],
    ['a reason too long', { reason: 'x'.repeat(501) }, 'reason'],
    ['an unknown field', { reason: 'fraud reports', notify: true }, 'notify'],
  ])('refuses a suspension with %s: 400 naming the field', async (_, body, path) => {
    const response = await change('suspend', 'agency', 'shifo-sayohat-tashkent', body);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'invalid_body', details: [{ path }] } });
  });

  it('refuses an unknown kind of organisation and unknown list filters with 400', async () => {
    const badKind = await change('verify', 'bank', 'shifo-sayohat-tashkent');
    const badQuery = await api.request('GET', '/operator/organisations?status=closed&colour=red', {
      as: OPERATOR,
    });

    expect(badKind.status).toBe(400);
    expect(badKind.body).toMatchObject({ error: { code: 'invalid_path', details: [{ path: 'kind' }] } });
    expect(badQuery.status).toBe(400);
    const paths = (badQuery.body as { error: { details: { path: string }[] } }).error.details.map(
      (d) => d.path,
    );
    expect(paths.sort()).toEqual(['colour', 'status']);
  });
});

describe('who may', () => {
  it.each([
    ['an agency', 'manager@jibek-zholy.example.kz'],
    ['a hospital', 'hospital-xj-tcm'],
    ['a tourist', 'tourist-aigerim'],
  ])('refuses %s with 403, on listing and on changing', async (_, user) => {
    const list = await api.request('GET', '/operator/organisations', { as: user });
    const suspend = await change(
      'suspend',
      'agency',
      'shifo-sayohat-tashkent',
      { reason: 'not allowed' },
      user,
    );
    const verify = await change('verify', 'agency', 'samarkand-shifo-travel', {}, user);

    expect([list.status, suspend.status, verify.status]).toEqual([403, 403, 403]);
    expect(suspend.body).toMatchObject({ error: { code: 'forbidden_role' } });
  });

  it('refuses a request without a token with 401', async () => {
    const list = await api.request('GET', '/operator/organisations');
    const suspend = await api.request(
      'POST',
      '/operator/organisations/agency/shifo-sayohat-tashkent/suspend',
      {
        body: { reason: 'no token' },
      },
    );

    expect([list.status, suspend.status]).toEqual([401, 401]);
  });
});

describe('two operators at once', () => {
  it('lets exactly one of a verify and a suspend that both read the pending status win; the other gets 409', async () => {
    // Both changes read before either writes: the interleaving a race can produce, made certain.
    let reads = 0;
    let bothRead: () => void = () => {};
    const barrier = new Promise<void>((resolve) => {
      bothRead = resolve;
    });
    const racing: OrganisationStore = {
      find: async (kind, id) => {
        const found = await organisationStore.find(kind, id);
        reads += 1;
        if (reads === 2) bothRead();
        return found;
      },
      saveStatusChange: async (before, after) => {
        await barrier;
        return organisationStore.saveStatusChange(before, after);
      },
    };
    const at = new Date().toISOString();

    const [verify, suspend] = await Promise.allSettled([
      changeOrganisationStatus(racing, 'agency', 'race-verify-suspend', {
        action: 'verify',
        reason: undefined,
        at,
        by: 'operator-a',
      }),
      changeOrganisationStatus(racing, 'agency', 'race-verify-suspend', {
        action: 'suspend',
        reason: 'looks wrong',
        at,
        by: 'operator-b',
      }),
    ]);

    expect([verify.status, suspend.status].sort()).toEqual(['fulfilled', 'rejected']);
    const lost = [verify, suspend].find((result) => result.status === 'rejected');
    expect(lost?.reason).toMatchObject({ code: 'status_changed', kind: 'conflict' });
    const winner = verify.status === 'fulfilled' ? 'verified' : 'suspended';
    const stored = await organisationStore.find('agency', 'race-verify-suspend');
    expect(stored?.status).toBe(winner);
    expect(stored?.history).toHaveLength(1);
    expect((await readSuspensions()).agencies.has('race-verify-suspend')).toBe(winner === 'suspended');
  });

  it('lets exactly one of two concurrent suspensions through HTTP win; the other gets 409', async () => {
    const results = await Promise.all([
      change('suspend', 'agency', 'shifo-sayohat-tashkent', { reason: 'first operator' }),
      change('suspend', 'agency', 'shifo-sayohat-tashkent', { reason: 'second operator' }),
    ]);

    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = OrganisationDetail.parse(results.find((r) => r.status === 200)?.body);
    expect(winner.history).toHaveLength(1);
    await change('verify', 'agency', 'shifo-sayohat-tashkent');
  });

  it('answers two concurrent verifies both with 200, recording the change once', async () => {
    const results = await Promise.all([
      change('verify', 'agency', 'race-verify-verify', { reason: 'first operator' }),
      change('verify', 'agency', 'race-verify-verify', { reason: 'second operator' }),
    ]);

    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const final = OrganisationDetail.parse((await change('verify', 'agency', 'race-verify-verify')).body);
    expect(final.history).toHaveLength(1);
  });
});

describe('GET /operator/organisations', () => {
  it('lists agencies then hospitals, each once, the same in pages of one as in one page', async () => {
    const whole = await listAll('', 50);

    const paged = await listAll('', 1);

    expect(paged).toEqual(whole);
    const kinds = whole.map((o) => o.kind);
    expect(kinds.indexOf('hospital')).toBe(kinds.filter((k) => k === 'agency').length);
    expect(
      whole
        .filter((o) => o.kind === 'agency')
        .map((o) => o.id)
        .sort(),
    ).toEqual([...demo.agencies.map((a) => a.agencyId), ...EXTRA_PENDING].sort());
    expect(
      whole
        .filter((o) => o.kind === 'hospital')
        .map((o) => o.id)
        .sort(),
    ).toEqual(demo.hospitals.map((h) => h.hospitalId).sort());
  });

  it('narrows to one kind and one status, in pages that fill up to the limit', async () => {
    const hospitals = await listAll('kind=hospital&status=verified', 2);

    expect(hospitals.length).toBe(demo.hospitals.length);
    expect(hospitals.every((o) => o.kind === 'hospital' && o.status === 'verified')).toBe(true);
    expect(hospitals[0]).toEqual({
      kind: 'hospital',
      id: expect.any(String),
      name: expect.objectContaining({ en: expect.any(String) }),
      city: expect.any(String),
      status: 'verified',
      statusReason: expect.toBeOneOf([null, expect.any(String)]),
      statusChangedAt: expect.toBeOneOf([null, expect.any(String)]),
    });
  });

  it('refuses a cursor from a listing of another kind', async () => {
    const first = await api.request('GET', '/operator/organisations?kind=hospital&limit=1', { as: OPERATOR });
    const cursor = OrganisationListResponse.parse(first.body).nextCursor;
    expect(cursor).not.toBeNull();

    const response = await api.request(
      'GET',
      `/operator/organisations?kind=agency&cursor=${encodeURIComponent(cursor ?? '')}`,
      { as: OPERATOR },
    );

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'invalid_cursor' } });
  });
});
