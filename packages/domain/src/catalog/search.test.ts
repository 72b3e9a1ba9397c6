import { type Language, ListPackagesQuery, type Package, type PackageListResponse } from '@shifa/contracts';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { aDeparture, anOffer, aPackage, aTreatment, FakeCatalog, listed } from './fixtures.test-support';
import { LISTING_ENTRIES_PER_READ, LISTING_READS_PER_SEARCH, searchCriteria, searchPackages } from './search';

const today = '2025-03-01';

/** The query as the handler gets it: query-string parameters parsed by the contract. */
const query = (params: Record<string, string> = {}) => ListPackagesQuery.parse(params);

function search(
  reader: FakeCatalog,
  params: Record<string, string> = {},
  lang: Language[] = ['en'],
): Promise<PackageListResponse> {
  return searchPackages(reader, searchCriteria(query(params), today), lang, lang[0] ?? 'ru');
}

const ids = (response: PackageListResponse) => response.items.map((item) => item.packageId);

/** Follows nextCursor to the end; each page records how many listing reads it took. */
async function allPages(reader: FakeCatalog, params: Record<string, string>) {
  const pages: { response: PackageListResponse; reads: number }[] = [];
  let cursor: string | undefined;
  do {
    const readsBefore = reader.listingCalls.length;
    const response = await search(reader, cursor === undefined ? params : { ...params, cursor });
    pages.push({ response, reads: reader.listingCalls.length - readsBefore });
    cursor = response.nextCursor ?? undefined;
    // A cursor that never reaches the end is a failure, not a hang.
    if (pages.length > 200) throw new Error('pagination does not end');
  } while (cursor !== undefined);
  return pages;
}

const pkg = (packageId: string, overrides: Partial<Package> = {}) => aPackage({ packageId, ...overrides });

describe('searchCriteria', () => {
  it('searches a year from today for one traveller, 20 at a time, by default', () => {
    // Act
    const criteria = searchCriteria(query(), today);

    // Assess
    expect(criteria).toEqual({
      treatment: undefined,
      city: undefined,
      from: '2025-03-01',
      to: '2026-03-01',
      maxPrice: undefined,
      language: undefined,
      travellers: 1,
      limit: 20,
      cursor: undefined,
    });
  });

  it('ends the default window a year after an explicit start', () => {
    const criteria = searchCriteria(query({ from: '2025-09-15' }), today);

    expect([criteria.from, criteria.to]).toEqual(['2025-09-15', '2026-09-15']);
  });

  it('takes every filter from the query', () => {
    // Prepare
    const params = {
      treatment: 'massage',
      city: 'horgos',
      from: '2025-04-01',
      to: '2025-08-31',
      maxPrice: '500000',
      currency: 'KZT',
      language: 'kk',
      travellers: '3',
      limit: '5',
      cursor: 'opaque-position',
    };

    // Act
    const criteria = searchCriteria(query(params), today);

    // Assess
    expect(criteria).toEqual({
      treatment: 'massage',
      city: 'horgos',
      from: '2025-04-01',
      to: '2025-08-31',
      maxPrice: { amount: 500_000, currency: 'KZT' },
      language: 'kk',
      travellers: 3,
      limit: 5,
      cursor: 'opaque-position',
    });
  });

  it('sets no price limit for a currency without a maxPrice', () => {
    const criteria = searchCriteria(query({ currency: 'KZT' }), today);

    expect(criteria.maxPrice).toBeUndefined();
  });

  it('accepts a window of exactly 731 days', () => {
    const criteria = searchCriteria(query({ from: '2025-03-01', to: '2027-03-02' }), today);

    expect(criteria.to).toBe('2027-03-02');
  });

  it('refuses a window of 732 days with search_window_too_wide', () => {
    // Prepare
    const tooWide = query({ from: '2025-03-01', to: '2027-03-03' });

    // Act
    const act = () => searchCriteria(tooWide, today);

    // Assess
    expect(act).toThrow(ValidationError);
    expect(act).toThrow(
      expect.objectContaining({
        code: 'search_window_too_wide',
        details: [expect.objectContaining({ path: 'to' })],
      }),
    );
  });

  it('refuses a far end date measured from the default start of today', () => {
    expect(() => searchCriteria(query({ to: '2027-03-03' }), today)).toThrow(
      expect.objectContaining({ code: 'search_window_too_wide' }),
    );
  });
});

describe('searchPackages filters', () => {
  it('finds only packages of the asked treatment, and asks the listing for that treatment', async () => {
    // Prepare
    const reader = new FakeCatalog([
      listed(pkg('urumqi-acupuncture'), ['2025-06-01']),
      listed(pkg('horgos-massage', { treatment: aTreatment({ kind: 'massage' }) }), ['2025-06-01']),
    ]);

    // Act
    const response = await search(reader, { treatment: 'massage' });

    // Assess
    expect(ids(response)).toEqual(['horgos-massage']);
    expect(reader.listingCalls.map((call) => call.treatment)).toEqual(['massage']);
  });

  it('finds only packages in the asked city', async () => {
    const reader = new FakeCatalog([
      listed(pkg('urumqi-acupuncture'), ['2025-06-01']),
      listed(pkg('horgos-acupuncture', { city: 'horgos' }), ['2025-06-01']),
    ]);

    const response = await search(reader, { city: 'horgos' });

    expect(ids(response)).toEqual(['horgos-acupuncture']);
  });

  it('finds only packages that serve travellers in the asked language', async () => {
    const reader = new FakeCatalog([
      listed(pkg('for-kazakhs', { serviceLanguages: ['ru', 'kk'] }), ['2025-06-01']),
      listed(pkg('for-uzbeks', { serviceLanguages: ['ru', 'uz'] }), ['2025-06-01']),
    ]);

    const response = await search(reader, { language: 'uz' });

    expect(ids(response)).toEqual(['for-uzbeks']);
  });

  it('keeps only departures inside the date window, both ends included', async () => {
    // Prepare
    const reader = new FakeCatalog([
      listed(pkg('urumqi-acupuncture'), [
        '2025-03-31',
        '2025-04-01',
        '2025-05-15',
        '2025-07-01',
        '2025-07-02',
      ]),
    ]);

    // Act
    const response = await search(reader, { from: '2025-04-01', to: '2025-07-01' });

    // Assess
    expect(response.items[0]?.departures.map((departure) => departure.startDate)).toEqual([
      '2025-04-01',
      '2025-05-15',
      '2025-07-01',
    ]);
  });

  it('leaves out departures before today when no start is given', async () => {
    const reader = new FakeCatalog([listed(pkg('urumqi-acupuncture'), ['2025-02-28', '2025-03-01'])]);

    const response = await search(reader);

    expect(response.items[0]?.departures.map((departure) => departure.startDate)).toEqual(['2025-03-01']);
  });

  it('keeps only departures with seats for every traveller', async () => {
    // Prepare
    const reader = new FakeCatalog([
      {
        pkg: pkg('urumqi-acupuncture'),
        departures: [
          aDeparture({ departureId: 'two-left', startDate: '2025-06-01', seatsLeft: 2 }),
          aDeparture({ departureId: 'three-left', startDate: '2025-07-01', seatsLeft: 3 }),
          aDeparture({ departureId: 'sold-out', startDate: '2025-08-01', seatsLeft: 0 }),
        ],
      },
    ]);

    // Act
    const response = await search(reader, { travellers: '3' });

    // Assess
    expect(response.items[0]?.departures.map((departure) => departure.departureId)).toEqual(['three-left']);
  });

  it('leaves out a sold-out departure even for the default single traveller', async () => {
    const reader = new FakeCatalog([listed(pkg('urumqi-acupuncture'), ['2025-06-01'], { seatsLeft: 0 })]);

    const response = await search(reader);

    expect(response.items).toEqual([]);
  });

  it('keeps only departures priced in the asked currency at or under maxPrice', async () => {
    // Prepare
    const reader = new FakeCatalog([
      {
        pkg: pkg('urumqi-acupuncture'),
        departures: [
          aDeparture({ departureId: 'dearer', startDate: '2025-06-01', prices: [anOffer('KZT')] }), // 420 000
          aDeparture({
            departureId: 'exactly',
            startDate: '2025-07-01',
            prices: [anOffer('KZT', { treatment: 230_000 }), anOffer('RUB', { treatment: 1 })], // 400 000
          }),
          aDeparture({
            departureId: 'cheaper',
            startDate: '2025-08-01',
            prices: [anOffer('KZT', { treatment: 200_000 })], // 370 000
          }),
          aDeparture({
            departureId: 'roubles-only',
            startDate: '2025-09-01',
            prices: [anOffer('RUB', { treatment: 1 })],
          }),
        ],
      },
    ]);

    // Act
    const response = await search(reader, { maxPrice: '400000', currency: 'KZT' });

    // Assess
    const [summary] = response.items;
    expect(summary?.departures.map((departure) => departure.departureId)).toEqual(['exactly', 'cheaper']);
    expect(summary?.priceFrom).toEqual([
      { currency: 'KZT', amount: 370_000 },
      { currency: 'RUB', amount: 170_001 },
    ]);
  });

  it('leaves out a package whose departures are not priced in the asked currency at all', async () => {
    const reader = new FakeCatalog([
      listed(pkg('priced-in-roubles'), ['2025-06-01'], { prices: [anOffer('RUB', { treatment: 1 })] }),
    ]);

    const response = await search(reader, { maxPrice: '999999999', currency: 'KZT' });

    expect(response.items).toEqual([]);
  });

  it('leaves out a package the listing still shows but that is no longer published', async () => {
    // Prepare: the listing index can lag behind a status change
    const reader = new FakeCatalog([
      listed(pkg('draft-one', { status: 'draft' }), ['2025-06-01']),
      listed(pkg('published-one'), ['2025-06-01']),
      listed(pkg('withdrawn-one', { status: 'unpublished' }), ['2025-06-01']),
    ]);

    // Act
    const response = await search(reader);

    // Assess
    expect(ids(response)).toEqual(['published-one']);
  });

  it('leaves out packages without a matching departure, or without any', async () => {
    const reader = new FakeCatalog([
      listed(pkg('a-too-late'), ['2026-06-01']),
      listed(pkg('b-no-departures'), []),
      listed(pkg('c-in-window'), ['2025-06-01']),
    ]);

    const response = await search(reader);

    expect(ids(response)).toEqual(['c-in-window']);
  });

  it('summarises each match in the reader’s language with only its matching departures', async () => {
    // Prepare
    const reader = new FakeCatalog([listed(pkg('urumqi-acupuncture'), ['2025-06-01', '2026-06-01'])]);

    // Act
    const response = await search(reader, {}, ['kk', 'ru']);

    // Assess
    expect(response.language).toBe('kk');
    expect(response.items).toHaveLength(1);
    expect(response.items[0]).toMatchObject({
      title: 'Үрімжідегі инемен емдеу',
      description: 'Десять дней лечения и отдыха',
      priceFrom: [{ currency: 'KZT', amount: 420_000 }],
      departures: [{ departureId: 'urumqi-acupuncture-2025-06-01' }],
    });
    expect(response.items[0]?.departures).toHaveLength(1);
  });
});

describe('searchPackages pagination', () => {
  const fivePackages = ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) =>
    listed(pkg(`${id}-urumqi`), ['2025-05-01', '2025-06-01', '2025-07-01']),
  );

  it('pages 5 matches 2 at a time as 2, 2 and 1, losing and repeating none', async () => {
    // Prepare
    const reader = new FakeCatalog(fivePackages);

    // Act
    const pages = await allPages(reader, { limit: '2' });

    // Assess
    expect(pages.map((page) => ids(page.response))).toEqual([
      ['p1-urumqi', 'p2-urumqi'],
      ['p3-urumqi', 'p4-urumqi'],
      ['p5-urumqi'],
    ]);
    expect(pages.map((page) => page.response.nextCursor === null)).toEqual([false, false, true]);
  });

  it('resumes a package whose departures straddle the listing’s page boundary with all its departures', async () => {
    // Prepare: 4 entries per package, 3 per listing page, so packages straddle pages
    const reader = new FakeCatalog(fivePackages, { pageSize: 3 });

    // Act
    const pages = await allPages(reader, { limit: '2' });

    // Assess
    expect(pages.map((page) => ids(page.response))).toEqual([
      ['p1-urumqi', 'p2-urumqi'],
      ['p3-urumqi', 'p4-urumqi'],
      ['p5-urumqi'],
    ]);
    for (const item of pages.flatMap((page) => page.response.items)) {
      expect(item.departures.map((departure) => departure.startDate)).toEqual([
        '2025-05-01',
        '2025-06-01',
        '2025-07-01',
      ]);
    }
  });

  it('asks the listing for a full page at a time', async () => {
    const reader = new FakeCatalog(fivePackages, { pageSize: 3 });

    await search(reader);

    expect(reader.listingCalls.every((call) => call.maxEntries === LISTING_ENTRIES_PER_READ)).toBe(true);
  });

  it('returns no cursor when the listing is exhausted', async () => {
    const reader = new FakeCatalog(fivePackages);

    const response = await search(reader);

    expect(ids(response)).toHaveLength(5);
    expect(response.nextCursor).toBeNull();
  });

  it('returns no cursor when the last listing page is full and the one after it empty', async () => {
    // Prepare: like DynamoDB, a full last page still carries a `next`
    const reader = new FakeCatalog(fivePackages, { pageSize: 5, nextOnFullLastPage: true });

    // Act
    const response = await search(reader);

    // Assess
    expect(ids(response)).toHaveLength(5);
    expect(response.nextCursor).toBeNull();
    expect(reader.listingCalls.at(-1)?.after).toBe(
      'acupuncture#p5-urumqi#DEP#2025-07-01#p5-urumqi-2025-07-01',
    );
  });

  it('returns an empty last page with no cursor when the matches end exactly at the limit', async () => {
    // Prepare: the limit is only known to be reached at the next package, which does not match
    const reader = new FakeCatalog([
      ...fivePackages.slice(0, 2),
      listed(pkg('p9-kashgar', { city: 'kashgar' }), ['2025-06-01']),
    ]);

    // Act
    const pages = await allPages(reader, { limit: '2', city: 'urumqi' });

    // Assess
    expect(pages.map((page) => ids(page.response))).toEqual([['p1-urumqi', 'p2-urumqi'], []]);
  });
});

describe('searchPackages read budget', () => {
  it('a search past the read budget returns a cursor that resumes at the unfinished package', async () => {
    // Prepare: 4 non-matching packages fill 4 reads of 2 entries; the match straddles reads 5 and 6
    const reader = new FakeCatalog(
      [
        ...['n1', 'n2', 'n3', 'n4'].map((id) =>
          listed(pkg(`${id}-kashgar`, { city: 'kashgar' }), ['2025-06-01']),
        ),
        listed(pkg('u1-urumqi'), ['2025-05-01', '2025-06-01', '2025-07-01']),
      ],
      { pageSize: 2 },
    );

    // Act
    const first = await search(reader, { city: 'urumqi' });
    const readsOfFirst = reader.listingCalls.length;
    const second = await search(reader, { city: 'urumqi', cursor: first.nextCursor ?? 'missing' });

    // Assess
    expect(readsOfFirst).toBe(LISTING_READS_PER_SEARCH);
    expect(first.items).toEqual([]);
    expect(first.nextCursor).not.toBeNull();
    expect(ids(second)).toEqual(['u1-urumqi']);
    expect(second.items[0]?.departures).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
  });

  it('following the cursors through a mostly non-matching catalog yields every match once, in full', async () => {
    // Prepare: 60 packages, one in six a match with 3 departures, the rest failing one filter each
    const misses: Partial<Package>[] = [
      { city: 'kashgar' },
      { status: 'unpublished' },
      { serviceLanguages: ['zh'] },
      { city: 'turpan' },
      { status: 'draft' },
    ];
    const records = Array.from({ length: 60 }, (_, index) => {
      const id = `p${String(index).padStart(2, '0')}`;
      const miss = misses[index % 6];
      return miss === undefined
        ? listed(pkg(id), ['2025-04-01', '2025-05-01', '2025-06-01'])
        : listed(pkg(id, miss), ['2025-04-01', '2025-05-01']);
    });
    const expected = records.filter((_, index) => index % 6 === 5).map((record) => record.pkg.packageId);
    const reader = new FakeCatalog(records, { pageSize: 3 });

    // Act
    const pages = await allPages(reader, { city: 'urumqi', language: 'kk', limit: '3' });

    // Assess
    expect(pages.flatMap((page) => ids(page.response))).toEqual(expected);
    for (const item of pages.flatMap((page) => page.response.items)) {
      expect(item.departures).toHaveLength(3);
    }
    expect(pages.every((page) => page.reads <= LISTING_READS_PER_SEARCH)).toBe(true);
    // The budget, not the limit, ended some pages: short pages that still carry a cursor.
    expect(pages.some((page) => page.response.items.length < 3 && page.response.nextCursor !== null)).toBe(
      true,
    );
  });
});

describe('searchPackages on a package larger than the read budget', () => {
  const dates = Array.from({ length: 12 }, (_, i) => `2025-06-${String(i + 1).padStart(2, '0')}`);

  it('reads on to the end of a package that straddles the budget instead of repeating the cursor', async () => {
    // Prepare: pages of 2 entries, so the big package alone spans 7 reads
    const reader = new FakeCatalog(
      [listed(pkg('a-small-one'), ['2025-06-01']), listed(pkg('big-one'), dates)],
      {
        pageSize: 2,
      },
    );

    // Act
    const pages = await allPages(reader, { limit: '1' });

    // Assess
    expect(pages.flatMap((page) => ids(page.response))).toEqual(['a-small-one', 'big-one']);
    expect(pages.at(-1)?.response.items[0]?.departures).toHaveLength(12);
  });

  it('never loses a large package that comes first', async () => {
    // Prepare
    const reader = new FakeCatalog(
      [listed(pkg('big-one'), dates), listed(pkg('z-small-one'), ['2025-06-01'])],
      {
        pageSize: 2,
      },
    );

    // Act
    const pages = await allPages(reader, {});

    // Assess
    expect(pages.flatMap((page) => ids(page.response))).toEqual(['big-one', 'z-small-one']);
  });
});

describe('searchCriteria and the past', () => {
  it('starts a window that reaches into the past at today', () => {
    // Act
    const criteria = searchCriteria({ from: '2024-01-01', to: '2025-04-01' }, '2025-03-01');

    // Assess
    expect(criteria.from).toBe('2025-03-01');
    expect(criteria.to).toBe('2025-04-01');
  });
});

describe('searchPackages and suspended organisations', () => {
  it('hides the packages of a suspended agency and of a suspended hospital', async () => {
    // Prepare
    const reader = new FakeCatalog(
      [
        listed(pkg('a-kept'), ['2025-06-01']),
        listed(pkg('b-agency-out', { agencyId: 'suspended-agency' }), ['2025-06-01']),
        listed(
          pkg('c-hospital-out', { hospital: { ...aPackage().hospital, hospitalId: 'suspended-hospital' } }),
          ['2025-06-01'],
        ),
      ],
      { suspended: { agencies: ['suspended-agency'], hospitals: ['suspended-hospital'] } },
    );

    // Act
    const response = await search(reader);

    // Assess
    expect(ids(response)).toEqual(['a-kept']);
  });
});
