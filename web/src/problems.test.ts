import { describe, expect, it } from 'vitest';
import { en } from './i18n/en';
import { ru } from './i18n/ru';
import { describeProblem, inWords } from './problems';

describe('validation problems in words', () => {
  it('says what to fix in the reader language, from the code and the bound', () => {
    expect(
      describeProblem({ path: 'meals', message: 'Invalid option', code: 'invalid_value' }, ru.problems),
    ).toBe('Выберите один из вариантов.');
    expect(
      describeProblem(
        { path: 'fullName', message: 'Too small', code: 'too_small', limit: { value: 2, of: 'characters' } },
        en.problems,
      ),
    ).toBe('Too short: at least 2 characters.');
    expect(
      describeProblem(
        {
          path: 'from',
          message: 'Too big',
          code: 'too_big',
          limit: { value: 1_800_000_000_000, of: 'date' },
        },
        ru.problems,
      ),
    ).toBe('Слишком поздняя дата.');
  });

  it("words Shifa's own rules with the figures the API sent", () => {
    expect(
      describeProblem(
        {
          path: 'accommodation.nights',
          message: 'a 5-day trip has at most 4 nights',
          code: 'custom',
          rule: 'too_many_nights',
          params: { durationDays: 5, maxNights: 4 },
        },
        ru.problems,
      ),
    ).toBe('В поездке из 5 дн. не больше 4 ночей.');
    expect(
      describeProblem(
        { path: 'title', message: 'give the text', code: 'custom', rule: 'text_in_one_language' },
        en.problems,
      ),
    ).toBe('Write it in at least one language.');
  });

  it("keeps the API's own sentence for a rule that has no words of its own, and keeps each path", () => {
    const custom = {
      path: 'sightseeing.0',
      message: 'the excursion is in another city',
      code: 'custom' as const,
    };
    const older = { path: 'seats', message: 'must be at least 1' };

    expect(inWords([custom, older], en.problems)).toEqual([custom, older]);
  });
});
