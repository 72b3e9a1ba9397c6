import { describe, expect, it } from 'vitest';
import { initialLanguage } from './index';

describe('initialLanguage', () => {
  it("keeps the reader's own choice", () => {
    expect(initialLanguage('uz', ['ru-RU'])).toBe('uz');
  });

  it("takes the first of the browser's languages that Shifa speaks, by its primary tag", () => {
    expect(initialLanguage(null, ['de-DE', 'kk-KZ', 'ru'])).toBe('kk');
    expect(initialLanguage(null, ['zh-Hans-CN'])).toBe('zh');
  });

  it('ignores a stored value that is not a language, and falls back to Russian', () => {
    expect(initialLanguage('xx', ['de-DE', 'fr'])).toBe('ru');
  });
});
