import { describe, expect, it } from 'vitest';
import { frenchNumber, plural } from './format.js';

describe('nombres en français', () => {
  it('groupe les milliers par une espace insécable ordinaire (U+00A0), que Marianne contient', () => {
    expect(frenchNumber(2000)).toBe('2\u00a0000');
    expect(frenchNumber(1234567)).toBe('1\u00a0234\u00a0567');
    expect(frenchNumber(999)).toBe('999');
    expect(plural(12500, ['fiche', 'fiches'])).toBe('12\u00a0500 fiches');
    expect(plural(1, ['fiche', 'fiches'])).toBe('1 fiche');
  });
});
