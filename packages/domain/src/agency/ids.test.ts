import { describe, expect, it } from 'vitest';
import { slugBase } from './ids';

describe('slugBase', () => {
  it('slugs the English name, dropping accents and punctuation', () => {
    expect(slugBase({ en: "Hôtel Tianshan — Garden's!", ru: 'Тяньшань' }, 'hotel')).toBe(
      'hotel-tianshan-gardens',
    );
  });

  it('falls back to another Latin-script language, then to the fallback', () => {
    expect(slugBase({ uz: 'Shifo Oʻzbek', ru: 'Шифо' }, 'x')).toBe('shifo-ozbek');
    expect(slugBase({ ru: 'Большой базар', zh: '大巴扎' }, 'excursion')).toBe('excursion');
  });

  it('keeps the base short enough for a suffix', () => {
    expect(slugBase({ en: 'a'.repeat(100) }, 'x')).toHaveLength(40);
  });
});
