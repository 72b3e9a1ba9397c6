import { describe, expect, it } from 'vitest';
import {
  byCurrency,
  compositionOf,
  emptyDraft,
  fromMinorUnits,
  offersOf,
  offerTotal,
  priceRowsOf,
  problemsAt,
  toMinorUnits,
  unclaimed,
} from './composer';

describe('toMinorUnits', () => {
  it('turns whole and decimal major amounts into integer minor units', () => {
    expect(toMinorUnits('1500')).toBe(150_000);
    expect(toMinorUnits('1500.5')).toBe(150_050);
    expect(toMinorUnits('1 234,05')).toBe(123_405);
    expect(toMinorUnits('0')).toBe(0);
  });

  it('refuses negative amounts, three decimals and words', () => {
    expect(toMinorUnits('-1')).toBeUndefined();
    expect(toMinorUnits('1.005')).toBeUndefined();
    expect(toMinorUnits('ten')).toBeUndefined();
    expect(toMinorUnits('')).toBeUndefined();
  });
});

describe('problems by field', () => {
  const problems = [
    { path: 'sightseeing.0.day', message: 'too big' },
    { path: 'treatment.programmeId', message: 'unknown' },
    { path: 'version', message: 'required' },
  ];

  it('gives a field the problems at its path and below it', () => {
    expect(problemsAt(problems, 'sightseeing').map((p) => p.message)).toEqual(['too big']);
    expect(problemsAt(problems, 'treatment')).toHaveLength(1);
    expect(problemsAt(problems, 'treat')).toHaveLength(0);
  });

  it('leaves the problems no field claims for the top of the form', () => {
    expect(unclaimed(problems, ['sightseeing', 'treatment.programmeId'])).toEqual([problems[2]]);
  });
});

describe('compositionOf', () => {
  it('sends only filled languages, numbers as numbers and the chosen room type itself', () => {
    const draft = { ...emptyDraft(), title: { ru: ' Тур ', en: '  ' }, hotelId: 'h', room: 1 };
    const body = compositionOf(draft, [{ en: 'Single' }, { en: 'Double' }]);
    expect(body.title).toEqual({ ru: 'Тур' });
    expect(body.durationDays).toBe(10);
    expect(body.accommodation.room).toEqual({ en: 'Double' });
    expect(body.cancellationPolicy.tiers[0]).toEqual({ daysBeforeDeparture: 30, refundPercent: 100 });
  });

  it('leaves out what was not chosen or typed, so the API names each as required', () => {
    const sent = JSON.parse(JSON.stringify(compositionOf(emptyDraft(), []))) as Record<string, unknown>;

    expect(sent).not.toHaveProperty('title');
    expect(sent).not.toHaveProperty('description');
    expect(sent.treatment).not.toHaveProperty('hospitalId');
    expect(sent.treatment).not.toHaveProperty('programmeId');
    expect(sent.accommodation).not.toHaveProperty('hotelId');
    expect(sent.accommodation).not.toHaveProperty('room');
    expect(sent.accommodation).not.toHaveProperty('meals');
  });
});

describe('fromMinorUnits', () => {
  it('writes minor units as the major amount a person types, cents only when there are any', () => {
    expect(fromMinorUnits(150_000)).toBe('1500');
    expect(fromMinorUnits(150_050)).toBe('1500.50');
    expect(fromMinorUnits(5)).toBe('0.05');
    expect(fromMinorUnits(0)).toBe('0');
  });

  it('round-trips with toMinorUnits', () => {
    for (const minor of [0, 1, 99, 100, 123_456_789]) expect(toMinorUnits(fromMinorUnits(minor))).toBe(minor);
  });
});

describe('departure prices', () => {
  const offer = {
    currency: 'KZT' as const,
    lines: { treatment: 40_000_000, accommodation: 12_050, sightseeing: 0, services: 500 },
  };

  it('fills the form from an offer and gives the same offer back', () => {
    const rows = priceRowsOf([offer]);
    expect(rows.KZT).toEqual({
      treatment: '400000',
      accommodation: '120.50',
      sightseeing: '0',
      services: '5',
    });
    expect(offersOf(rows)).toEqual({ offers: [offer], wrong: [] });
  });

  it('makes no offer of a blank row, zero of a blank line, and lists the lines that are no amount', () => {
    const { offers, wrong } = offersOf({ USD: { treatment: '100' }, RUB: {}, KZT: { services: '1,5,0' } });
    expect(offers.map((made) => made.currency)).toEqual(['KZT', 'USD']);
    expect(offers[1]?.lines).toEqual({ treatment: 10_000, accommodation: 0, sightseeing: 0, services: 0 });
    expect(wrong).toEqual(['KZT.services']);
  });

  it('keeps the order of the currencies a departure offers, its default first, and adds others after', () => {
    const rows = { KZT: { treatment: '1' }, USD: { treatment: '2' }, RUB: { treatment: '3' } };
    expect(offersOf(rows, ['USD', 'KZT']).offers.map((made) => made.currency)).toEqual(['USD', 'KZT', 'RUB']);
  });

  it('names the problems of an offer by the currency sent in its place', () => {
    const sent = [offer, { ...offer, currency: 'USD' as const }];
    const problems = [
      { path: 'prices.1.lines', message: 'above zero' },
      { path: 'prices.0', message: 'x' },
      { path: 'prices.7.lines', message: 'not sent' },
      { path: 'seats', message: 'at least 3' },
    ];
    expect(byCurrency(problems, sent).map((problem) => problem.path)).toEqual([
      'prices.USD.lines',
      'prices.KZT',
      'prices.7.lines',
      'seats',
    ]);
  });
});

describe('offerTotal', () => {
  it('adds the four lines a traveller pays', () => {
    const lines = { treatment: 100, accommodation: 20, sightseeing: 3, services: 0 };
    expect(offerTotal({ currency: 'USD', lines })).toBe(123);
  });
});
