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
