/**
 * The API's validation problems (the `details` of a 400) in the reader's
 * language. Each detail carries a stable `code` and, for sizes, the bound it
 * broke, or the `rule` of Shifa's it broke with its `params`; the English
 * `message` is the fallback for anything else. The path stays as the API sent
 * it, so the page can put the words beside the field it names.
 */
import type { ErrorResponse } from '@shifa/contracts';
import type { Messages } from './i18n/messages';

export type Problem = NonNullable<ErrorResponse['error']['details']>[number];

export function describeProblem(problem: Problem, words: Messages['problems']): string {
  if (problem.rule !== undefined) {
    const said = words.rules[problem.rule];
    return typeof said === 'string' ? said : said(problem.params ?? {});
  }
  switch (problem.code) {
    case 'required':
      return words.required;
    case 'invalid_value':
      return words.invalidValue;
    case 'invalid_format':
      return words.invalidFormat;
    case 'invalid_type':
      return words.invalidType;
    case 'unrecognized_keys':
      return words.unknownField;
    case 'too_small':
    case 'too_big': {
      const limit = problem.limit;
      if (limit === undefined) return problem.message;
      if (limit.of === 'date') return problem.code === 'too_small' ? words.tooEarly : words.tooLate;
      return (problem.code === 'too_small' ? words.tooSmall : words.tooBig)(limit.value, limit.of);
    }
    default:
      return problem.message;
  }
}

/** The same problems, their messages in words; what a form keeps to show beside its fields. */
export const inWords = (problems: readonly Problem[], words: Messages['problems']): Problem[] =>
  problems.map((problem) => ({ ...problem, message: describeProblem(problem, words) }));
