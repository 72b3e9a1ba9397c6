/**
 * A hospital's daily capacity through the real HTTP server and handlers on
 * DynamoDB Local: setting beds for a range, reading them back, never going
 * below the beds bookings have taken, and staying right while bookings and
 * other edits race the update. Bookings are played by the conditional
 * decrement of `available` the booking path makes.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CapacityCalendar, ErrorResponse } from '@shifa/contracts';
import { addDays, todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { DEMO_BEDS } from '@shifa/local/demo/catalog';
import { documentClient, keys, tableName } from '@shifa/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, type RequestOptions, useApi } from './support/api';
import { useTable } from './support/table';

useTable();
const api = useApi();
const today = todayUtc(new Date());
const day = (offset: number) => addDays(today, offset);

const XJ_TCM = 'hospital-xj-tcm';
const HORGOS = 'hospital-horgos';

/** Demo capacity runs about eight months ahead; days from here on are unset. */
const BEYOND_DEMO = 300;

const calendarOf = (response: ApiResponse) => CapacityCalendar.parse(response.body);
const errorOf = (response: ApiResponse) => ErrorResponse.parse(response.body).error;

type Caller = NonNullable<RequestOptions['as']>;

async function read(as: Caller, from: string, to: string): Promise<CapacityCalendar> {
  const response = await api.request('GET', `/hospital/capacity?from=${from}&to=${to}`, { as });
  expect(response.status).toBe(200);
  return calendarOf(response);
}

const set = (as: Caller, from: string, to: string, capacity: number) =>
  api.request('PUT', '/hospital/capacity', { as, body: { from, to, capacity } });

/** A booking taking `beds` on one day as the booking path does: only if that many are still available. */
async function takeBeds(hospitalId: string, date: string, beds: number): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.capacity(hospitalId, date),
        UpdateExpression: 'SET #available = #available - :n',
        ConditionExpression: '#available >= :n',
        ExpressionAttributeNames: { '#available': 'available' },
        ExpressionAttributeValues: { ':n': beds },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

beforeAll(async () => {
  await loadDemoData(today);
});

describe('GET /hospital/capacity', () => {
  it('answers every day of the window, demo days with their beds and unset days with none', async () => {
    // Act
    const calendar = await read(XJ_TCM, day(-2), day(3));

    // Assess
    expect(calendar.hospitalId).toBe('xj-tcm-hospital');
    expect(calendar.days.map((d) => d.date)).toEqual([-2, -1, 0, 1, 2, 3].map(day));
    const beds = DEMO_BEDS['xj-tcm-hospital'];
    expect(calendar.days.slice(0, 2)).toEqual([
      { date: day(-2), capacity: 0, available: 0, taken: 0 },
      { date: day(-1), capacity: 0, available: 0, taken: 0 },
    ]);
    for (const d of calendar.days.slice(2))
      expect(d).toMatchObject({ capacity: beds, available: beds, taken: 0 });
  });

  it('reads a window of 366 days and refuses one of 367', async () => {
    // Act
    const longest = await api.request('GET', `/hospital/capacity?from=${day(0)}&to=${day(365)}`, {
      as: XJ_TCM,
    });
    const tooLong = await api.request('GET', `/hospital/capacity?from=${day(0)}&to=${day(366)}`, {
      as: XJ_TCM,
    });

    // Assess
    expect(calendarOf(longest).days).toHaveLength(366);
    expect(tooLong.status).toBe(400);
    expect(errorOf(tooLong).code).toBe('date_range_too_long');
  });

  it.each([
    ['a missing end', `from=${day(0)}`, 'to'],
    ['a date that does not exist', `from=${day(0)}&to=2027-02-30`, 'to'],
    ['an unknown parameter', `from=${day(0)}&to=${day(1)}&hospitalId=horgos-peoples-hospital`, 'hospitalId'],
    ['a window that ends before it starts', `from=${day(5)}&to=${day(1)}`, 'to'],
  ])('refuses %s with a 400 naming it', async (_, query, path) => {
    // Act
    const response = await api.request('GET', `/hospital/capacity?${query}`, { as: XJ_TCM });

    // Assess
    expect(response.status).toBe(400);
    expect(errorOf(response).details?.map((d) => d.path)).toContain(path);
  });
});

describe('PUT /hospital/capacity', () => {
  it('opens unset days with every bed available and answers the range as it now stands', async () => {
    // Prepare
    const from = day(BEYOND_DEMO);
    const to = day(BEYOND_DEMO + 6);

    // Act
    const response = await set(XJ_TCM, from, to, 7);

    // Assess
    expect(response.status).toBe(200);
    const expected = [0, 1, 2, 3, 4, 5, 6].map((offset) => ({
      date: day(BEYOND_DEMO + offset),
      capacity: 7,
      available: 7,
      taken: 0,
    }));
    expect(calendarOf(response).days).toEqual(expected);
    expect((await read(XJ_TCM, from, to)).days).toEqual(expected);
  });

  it('resizing days keeps the beds bookings took: taken stays, available moves by the difference', async () => {
    // Prepare
    const booked = day(10);
    expect(await takeBeds('xj-tcm-hospital', booked, 4)).toBe(true);

    // Act
    const raised = await set(XJ_TCM, day(9), day(11), 25);
    const lowered = await set(XJ_TCM, day(9), day(11), 4);

    // Assess
    expect(raised.status).toBe(200);
    expect(calendarOf(raised).days[1]).toEqual({ date: booked, capacity: 25, available: 21, taken: 4 });
    expect(lowered.status).toBe(200);
    expect(calendarOf(lowered).days).toEqual([
      { date: day(9), capacity: 4, available: 4, taken: 0 },
      { date: booked, capacity: 4, available: 0, taken: 4 },
      { date: day(11), capacity: 4, available: 4, taken: 0 },
    ]);
  });

  it('refuses the whole request with 409 capacity_below_taken, listing the dates, when a day has more beds taken', async () => {
    // Prepare
    await set(XJ_TCM, day(20), day(24), 10);
    expect(await takeBeds('xj-tcm-hospital', day(21), 6)).toBe(true);
    expect(await takeBeds('xj-tcm-hospital', day(23), 8)).toBe(true);
    const before = await read(XJ_TCM, day(20), day(24));

    // Act
    const response = await set(XJ_TCM, day(20), day(24), 5);

    // Assess
    expect(response.status).toBe(409);
    const error = errorOf(response);
    expect(error.code).toBe('capacity_below_taken');
    expect(error.details).toEqual([
      { path: day(21), message: expect.stringContaining('6 of 10 beds are taken') },
      { path: day(23), message: expect.stringContaining('8 of 10 beds are taken') },
    ]);
    expect(await read(XJ_TCM, day(20), day(24))).toEqual(before);
  });

  it('sets 366 days at once, over several transactions', async () => {
    // Act
    const response = await set(HORGOS, day(1), day(366), 9);

    // Assess
    expect(response.status).toBe(200);
    const calendar = await read(HORGOS, day(1), day(366));
    expect(calendar.days).toHaveLength(366);
    expect(calendar.days.every((d) => d.capacity === 9 && d.available === 9)).toBe(true);
  });

  it('sets today, and zero beds on days never set changes nothing', async () => {
    // Act
    const todays = await set(XJ_TCM, day(0), day(0), 15);
    const zero = await set(XJ_TCM, day(BEYOND_DEMO + 20), day(BEYOND_DEMO + 21), 0);

    // Assess
    expect(calendarOf(todays).days).toEqual([{ date: day(0), capacity: 15, available: 15, taken: 0 }]);
    expect(calendarOf(zero).days.map((d) => d.capacity)).toEqual([0, 0]);
  });

  it.each([
    ['a range starting yesterday', { from: day(-1), to: day(1), capacity: 5 }, 'from'],
    ['a range of 367 days', { from: day(1), to: day(367), capacity: 5 }, 'to'],
    ['a range that ends before it starts', { from: day(3), to: day(1), capacity: 5 }, 'to'],
    ['more than 1000 beds', { from: day(1), to: day(2), capacity: 1001 }, 'capacity'],
    ['a negative capacity', { from: day(1), to: day(2), capacity: -1 }, 'capacity'],
    ['half a bed', { from: day(1), to: day(2), capacity: 2.5 }, 'capacity'],
    ['a date with a time', { from: `${day(1)}T00:00:00Z`, to: day(2), capacity: 5 }, 'from'],
    [
      'an unknown field',
      { from: day(1), to: day(2), capacity: 5, hospitalId: 'horgos-peoples-hospital' },
      'hospitalId',
    ],
  ])('refuses %s with a 400 naming its path', async (_, body, path) => {
    // Act
    const response = await api.request('PUT', '/hospital/capacity', { as: XJ_TCM, body });

    // Assess
    expect(response.status).toBe(400);
    expect(errorOf(response).details?.map((d) => d.path)).toContain(path);
  });

  it('answers 404 to a hospital account whose hospital has no profile, opening no day', async () => {
    // Prepare
    const stranger = {
      id: 'hospital-new',
      email: 'intl@new.example.cn',
      role: 'hospital',
      organisation: 'new-hospital',
    } as const;

    // Act
    const response = await set(stranger, day(1), day(2), 5);

    // Assess
    expect(response.status).toBe(404);
    expect((await read(stranger, day(1), day(2))).days.map((d) => d.capacity)).toEqual([0, 0]);
  });
});

describe('capacity under concurrency', () => {
  it('bookings racing a capacity update are all kept: taken equals the beds bookings got', async () => {
    // Prepare: eight one-bed bookings on each of three days race an update from 10 to 8 beds.
    const dates = [day(40), day(41), day(42)];
    await set(XJ_TCM, dates[0] ?? '', dates[2] ?? '', 10);

    // Act
    const [update, ...bookings] = await Promise.all([
      set(XJ_TCM, dates[0] ?? '', dates[2] ?? '', 8),
      ...dates.flatMap((date) => Array.from({ length: 8 }, () => takeBeds('xj-tcm-hospital', date, 1))),
    ]);

    // Assess
    expect(update.status).toBe(200);
    const calendar = await read(XJ_TCM, dates[0] ?? '', dates[2] ?? '');
    for (const [index, d] of calendar.days.entries()) {
      const got = bookings.slice(index * 8, index * 8 + 8).filter(Boolean).length;
      expect(d.capacity).toBe(8);
      expect(d.taken).toBe(got);
      expect(d.available).toBe(8 - got);
    }
  });

  it('two concurrent updates of the same days both apply in some order and lose no taken bed', async () => {
    // Prepare
    await set(XJ_TCM, day(50), day(52), 10);
    expect(await takeBeds('xj-tcm-hospital', day(51), 3)).toBe(true);

    // Act
    const responses = await Promise.all([
      set(XJ_TCM, day(50), day(52), 6),
      set(XJ_TCM, day(50), day(52), 14),
    ]);

    // Assess
    for (const response of responses) {
      expect([200, 409]).toContain(response.status);
      if (response.status === 409) expect(errorOf(response).code).toBe('capacity_contended');
    }
    expect(responses.some((response) => response.status === 200)).toBe(true);
    const calendar = await read(XJ_TCM, day(50), day(52));
    const capacities = new Set(calendar.days.map((d) => d.capacity));
    expect(capacities.size).toBe(1);
    expect([6, 14]).toContain(calendar.days[0]?.capacity);
    expect(calendar.days.map((d) => d.taken)).toEqual([0, 3, 0]);
  });
});

describe('who may see and set capacity', () => {
  it("a hospital reads and sets only its own days: another hospital's update leaves them as they were", async () => {
    // Prepare
    const before = await read(XJ_TCM, day(60), day(61));

    // Act
    const other = await set(HORGOS, day(60), day(61), 2);

    // Assess
    expect(other.status).toBe(200);
    expect(calendarOf(other).hospitalId).toBe('horgos-peoples-hospital');
    expect(await read(XJ_TCM, day(60), day(61))).toEqual(before);
  });

  it.each([
    ['a tourist', 'tourist-aigerim'],
    ['an agency', 'agency-jibek-zholy'],
    ['the operator', 'operator'],
  ])('%s gets 403 reading or setting capacity', async (_, user) => {
    // Act
    const get = await api.request('GET', `/hospital/capacity?from=${day(1)}&to=${day(2)}`, { as: user });
    const put = await api.request('PUT', '/hospital/capacity', {
      as: user,
      body: { from: day(1), to: day(2), capacity: 1 },
    });

    // Assess
    expect([get.status, put.status]).toEqual([403, 403]);
  });

  it('a request without a token gets 401', async () => {
    // Act
    const response = await api.request('PUT', '/hospital/capacity', {
      body: { from: day(1), to: day(2), capacity: 1 },
    });

    // Assess
    expect(response.status).toBe(401);
  });
});
