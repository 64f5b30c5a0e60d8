import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { edit, fixture, TODAY } from '../../../test/helpers/tree.js';

const PRACTICE = 'content/practices/distribution/epicerie-solidaire-mobile.md';
const practice = fixture('valide', PRACTICE);

describe('date-future', () => {
  it('accepts past dates and today', () => {
    expect(checkEntry(PRACTICE, practice)).toEqual([]);
    expect(checkEntry(PRACTICE, edit(practice, 'date_maj: 2026-01-10', `date_maj: ${TODAY}`))).toEqual([]);
  });

  it('reports an update or review date after today, at its value', () => {
    expect(checkEntry(PRACTICE, edit(practice, 'date_maj: 2026-01-10', 'date_maj: 2026-06-16'))).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:39:11  date-future  La date « 2026-06-16 » est dans le futur. → Indiquez la date du jour (2026-06-15) ou une date passée.",
      ]
    `);
    expect(checkEntry(PRACTICE, edit(practice, 'derniere_revue: 2026-01-10', 'derniere_revue: 2027-01-10')))
      .toMatchInlineSnapshot(`
        [
          "content/practices/distribution/epicerie-solidaire-mobile.md:38:17  date-future  La date « 2027-01-10 » est dans le futur. → Indiquez la date du jour (2026-06-15) ou une date passée.",
        ]
      `);
  });

  it('uses the given day, not the clock', () => {
    expect(checkEntry(PRACTICE, practice, '2026-01-09')).toHaveLength(2);
  });
});
