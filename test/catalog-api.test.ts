/**
 * The public catalog through the real HTTP server and handlers, on DynamoDB
 * Local, loaded with the demo catalog plus a few packages made for edge cases.
 */
import { ErrorResponse, PackageDetail, PackageListResponse } from '@shifa/contracts';
import { addDays, todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { demoCatalog } from '@shifa/local/demo/catalog';
import { catalogItems, putIfAbsent } from '@shifa/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './support/api';
import { useTable } from './support/table';

useTable();
const api = useApi();
const today = todayUtc(new Date());
const demo = demoCatalog(today);

/** A copy of a demo package with its own id, status and departures. */
async function addPackage(
  id: string,
  status: 'draft' | 'published',
  departures: { start: number; seatsLeft: number }[],
): Promise<void> {
  const base = demo.packages[0];
  if (base === undefined) throw new Error('the demo catalog has no package');
  const pkg = { ...base.pkg, packageId: id, status };
  await putIfAbsent(catalogItems.package(pkg));
  for (const [index, d] of departures.entries()) {
    const template = base.departures[0];
    if (template === undefined) throw new Error('the demo package has no departure');
    const startDate = addDays(today, d.start);
    await putIfAbsent(
      catalogItems.departure(
        {
          ...template,
          departureId: `${id}-${index}`,
          packageId: id,
          startDate,
          endDate: addDays(startDate, pkg.durationDays - 1),
          seatsTotal: Math.max(d.seatsLeft, 1),
          seatsLeft: d.seatsLeft,
        },
        pkg,
      ),
    );
  }
}

async function listAll(query: string): Promise<PackageListResponse['items']> {
  const items: PackageListResponse['items'] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const response = await api.get(`/packages?${query}${suffix}`);
    expect(response.status).toBe(200);
    const page = PackageListResponse.parse(response.body);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

beforeAll(async () => {
  await loadDemoData(today);
  await addPackage('edge-draft', 'draft', [{ start: 40, seatsLeft: 5 }]);
  await addPackage('edge-sold-out', 'published', [{ start: 40, seatsLeft: 0 }]);
  await addPackage('edge-past', 'published', [{ start: -10, seatsLeft: 5 }]);
});

describe('GET /packages', () => {
  it('lists every published demo package with seats, in the asked language', async () => {
    const response = await api.get('/packages?limit=50', { 'accept-language': 'en-GB,en;q=0.9,ru;q=0.5' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-language')).toBe('en');
    const page = PackageListResponse.parse(response.body);
    const ids = page.items.map((item) => item.packageId).sort();
    expect(ids).toEqual(demo.packages.map(({ pkg }) => pkg.packageId).sort());
    const first = demo.packages.find(({ pkg }) => pkg.packageId === page.items[0]?.packageId);
    expect(page.items[0]?.title).toBe(first?.pkg.title.en);
    expect(page.items.every((item) => item.departures.every((d) => d.seatsLeft >= 1))).toBe(true);
  });

  it('never lists drafts, sold-out departures or departures in the past', async () => {
    const items = await listAll('limit=50');

    const ids = items.map((item) => item.packageId);
    expect(ids).not.toContain('edge-draft');
    expect(ids).not.toContain('edge-sold-out');
    expect(ids).not.toContain('edge-past');
  });

  it('pages through the catalog with a cursor, each package exactly once', async () => {
    const everything = (await listAll('limit=50')).map((item) => item.packageId);

    const paged = (await listAll('limit=2')).map((item) => item.packageId);

    expect(paged).toEqual(everything);
    expect(new Set(paged).size).toBe(paged.length);
  });

  it('filters by treatment, city and language of service', async () => {
    const byTreatment = await listAll('treatment=acupuncture');
    const byCity = await listAll('city=horgos');
    const byLanguage = await listAll('language=kk');

    expect(byTreatment.length).toBeGreaterThan(0);
    expect(byTreatment.every((item) => item.treatmentKind === 'acupuncture')).toBe(true);
    expect(byCity.length).toBeGreaterThan(0);
    expect(byCity.every((item) => item.city === 'horgos')).toBe(true);
    expect(byLanguage.length).toBeGreaterThan(0);
    expect(byLanguage.every((item) => item.serviceLanguages.includes('kk'))).toBe(true);
    const expectedKk = demo.packages.filter(({ pkg }) => pkg.serviceLanguages.includes('kk')).length;
    expect(byLanguage).toHaveLength(expectedKk);
  });

  it('keeps only departures inside the date window that fit the travellers and the budget', async () => {
    const from = addDays(today, 30);
    const to = addDays(today, 90);
    const all = await listAll('limit=50');
    const usd = await listAll(`from=${from}&to=${to}&currency=USD&maxPrice=150000&travellers=3`);

    expect(usd.length).toBeGreaterThan(0);
    expect(usd.length).toBeLessThan(all.length);

    for (const item of usd) {
      for (const departure of item.departures) {
        expect(departure.startDate >= from && departure.startDate <= to).toBe(true);
        expect(departure.seatsLeft).toBeGreaterThanOrEqual(3);
        const price = departure.prices.find((p) => p.currency === 'USD');
        expect(price?.perTraveller.total).toBeLessThanOrEqual(150000);
      }
    }
    const tooMany = await listAll('travellers=50');
    expect(tooMany).toEqual([]);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=51', 'limit'],
    ['treatment=surgery', 'treatment'],
    ['city=paris', 'city'],
    ['from=2026-02-30', 'from'],
    ['from=2027-05-01&to=2027-04-01', 'to'],
    ['maxPrice=1000', 'currency'],
    ['currency=EUR&maxPrice=1000', 'currency'],
    ['colour=red', 'colour'],
    ['cursor=not-a-cursor', 'cursor'],
    ['from=2027-01-01&to=2030-01-01', 'to'],
  ])('refuses ?%s with 400 naming %s', async (query, field) => {
    const response = await api.get(`/packages?${query}`);

    expect(response.status).toBe(400);
    const body = ErrorResponse.parse(response.body);
    expect(body.error.code).toMatch(/^[a-z_]+$/);
    expect(body.error.details?.map((d) => d.path)).toContain(field);
    expect(body.requestId).toBeTruthy();
  });
});

describe('GET /packages/{packageId}', () => {
  it('returns a full package: components, itinerary, departures with seats and totals, policy', async () => {
    const entry = demo.packages[0];
    if (entry === undefined) throw new Error('no demo package');

    const response = await api.get(`/packages/${entry.pkg.packageId}?lang=ru`);

    expect(response.status).toBe(200);
    const detail = PackageDetail.parse(response.body);
    expect(detail.language).toBe('ru');
    expect(detail.title).toBe(entry.pkg.title.ru);
    expect(detail.treatment.kind).toBe(entry.pkg.treatment.kind);
    expect(detail.itinerary).toHaveLength(entry.pkg.durationDays);
    expect(detail.departures.length).toBe(entry.departures.length);
    for (const departure of detail.departures) {
      for (const price of departure.prices) {
        const { treatment, accommodation, sightseeing, services, total } = price.perTraveller;
        expect(total).toBe(treatment + accommodation + sightseeing + services);
        expect(Number.isInteger(total)).toBe(true);
      }
    }
    expect(detail.cancellationPolicy).toEqual(entry.pkg.cancellationPolicy);
    expect(detail.services.map((s) => s.kind)).toEqual(
      expect.arrayContaining(['airport_pickup', 'interpreter']),
    );
  });

  it('answers 404 for an unknown id and for a draft', async () => {
    for (const id of ['no-such-package', 'edge-draft']) {
      const response = await api.get(`/packages/${id}`);

      expect(response.status).toBe(404);
      expect(ErrorResponse.parse(response.body).error.code).toBe('package_not_found');
    }
  });

  it('refuses a malformed id with 400', async () => {
    const response = await api.get('/packages/NOT_A_SLUG');

    expect(response.status).toBe(400);
    expect(ErrorResponse.parse(response.body).error.details?.[0]?.path).toBe('packageId');
  });
});

describe('routes that do not exist', () => {
  it('answers an unknown path with 404 JSON', async () => {
    const response = await api.get('/nowhere');

    expect(response.status).toBe(404);
    expect(ErrorResponse.parse(response.body).error.code).toBe('route_not_found');
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const response = await fetch(api.url('/packages'), { method: 'DELETE' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(ErrorResponse.parse(await response.json()).error.code).toBe('method_not_allowed');
  });
});
