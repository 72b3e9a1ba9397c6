import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, todayUtc } from './dates';

describe('addDays', () => {
  it('crosses the end of a month', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
  });

  it('crosses the end of a year', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('lands on the leap day in a leap year', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });

  it('skips the leap day in common years, centuries included', () => {
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
  });

  it('counts a year of a leap year as 366 days', () => {
    expect(addDays('2024-01-01', 365)).toBe('2024-12-31');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('goes back in time for a negative count', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('does not shift a day across a daylight-saving change', () => {
    expect(addDays('2025-03-29', 2)).toBe('2025-03-31');
    expect(addDays('2025-10-25', 2)).toBe('2025-10-27');
  });
});

describe('daysBetween', () => {
  it('counts the days to a later date as positive', () => {
    expect(daysBetween('2025-06-01', '2025-06-11')).toBe(10);
  });

  it('counts the days to an earlier date as negative', () => {
    expect(daysBetween('2025-06-11', '2025-06-01')).toBe(-10);
  });

  it('counts zero for the same date', () => {
    expect(daysBetween('2025-06-01', '2025-06-01')).toBe(0);
  });

  it('counts the leap day', () => {
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    expect(daysBetween('2025-02-01', '2025-03-01')).toBe(28);
  });

  it('counts across a year end', () => {
    expect(daysBetween('2024-12-25', '2025-01-08')).toBe(14);
  });
});

describe('todayUtc', () => {
  it('gives the UTC date, which may differ from the local one', () => {
    // Prepare: evening in New York is already the next day in UTC
    const now = new Date('2025-03-01T21:30:00-05:00');

    // Act
    const today = todayUtc(now);

    // Assess
    expect(today).toBe('2025-03-02');
  });
});
