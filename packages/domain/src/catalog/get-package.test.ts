import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors';
import { aDeparture, aPackage, FakeCatalog, listed } from './fixtures.test-support';
import { getPublishedPackage } from './get-package';

const today = '2025-03-01';

describe('getPublishedPackage', () => {
  it('shows a published package in the reader’s language', async () => {
    // Prepare
    const reader = new FakeCatalog([listed(aPackage(), ['2025-06-01'])]);

    // Act
    const detail = await getPublishedPackage(reader, 'urumqi-acupuncture', today, ['en'], 'en');

    // Assess
    expect(detail).toMatchObject({
      language: 'en',
      packageId: 'urumqi-acupuncture',
      title: 'Acupuncture in Urumqi',
    });
    expect(detail.departures.map((departure) => departure.startDate)).toEqual(['2025-06-01']);
  });

  it('answers package_not_found for an unknown id', async () => {
    const reader = new FakeCatalog([listed(aPackage(), ['2025-06-01'])]);

    const reading = getPublishedPackage(reader, 'no-such-package', today, ['en'], 'en');

    await expect(reading).rejects.toThrow(NotFoundError);
    await expect(reading).rejects.toMatchObject({ code: 'package_not_found' });
  });

  it.each(['draft', 'unpublished'] as const)(
    'answers package_not_found for a %s package, as for an unknown id',
    async (status) => {
      const reader = new FakeCatalog([listed(aPackage({ status }), ['2025-06-01'])]);

      const reading = getPublishedPackage(reader, 'urumqi-acupuncture', today, ['en'], 'en');

      await expect(reading).rejects.toThrow(NotFoundError);
      await expect(reading).rejects.toMatchObject({ code: 'package_not_found' });
    },
  );

  it('drops past departures and sorts the rest by date, today’s included', async () => {
    // Prepare: stored in no particular order
    const reader = new FakeCatalog([
      {
        pkg: aPackage(),
        departures: [
          aDeparture({ departureId: 'may', startDate: '2025-05-01' }),
          aDeparture({ departureId: 'yesterday', startDate: '2025-02-28' }),
          aDeparture({ departureId: 'today', startDate: '2025-03-01' }),
          aDeparture({ departureId: 'last-year', startDate: '2024-06-01' }),
          aDeparture({ departureId: 'april', startDate: '2025-04-01' }),
        ],
      },
    ]);

    // Act
    const detail = await getPublishedPackage(reader, 'urumqi-acupuncture', today, ['en'], 'en');

    // Assess
    expect(detail.departures.map((departure) => departure.departureId)).toEqual(['today', 'april', 'may']);
  });

  it('orders departures on the same date by their id', async () => {
    const reader = new FakeCatalog([
      {
        pkg: aPackage(),
        departures: [
          aDeparture({ departureId: 'june-second-group', startDate: '2025-06-01' }),
          aDeparture({ departureId: 'june-first-group', startDate: '2025-06-01' }),
        ],
      },
    ]);

    const detail = await getPublishedPackage(reader, 'urumqi-acupuncture', today, ['en'], 'en');

    expect(detail.departures.map((departure) => departure.departureId)).toEqual([
      'june-first-group',
      'june-second-group',
    ]);
  });

  it('still shows a published package whose departures have all left, with none to book', async () => {
    const reader = new FakeCatalog([listed(aPackage(), ['2024-06-01', '2025-02-01'])]);

    const detail = await getPublishedPackage(reader, 'urumqi-acupuncture', today, ['en'], 'en');

    expect(detail.departures).toEqual([]);
  });
});
