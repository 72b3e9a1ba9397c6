import { describe, expect, it } from 'vitest';
import { compositionOf, emptyDraft, problemsAt, toMinorUnits, unclaimed } from './composer';

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
});
