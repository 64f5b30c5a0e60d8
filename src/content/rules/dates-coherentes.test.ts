import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { edit, fixture } from '../../../test/helpers/tree.js';

const FUNDER = 'content/funders/fondation-solidarite.yaml';
const TRAINING = 'content/trainings/accueil-digne.yaml';
const EVENT = 'content/events/visite-epicerie-mobile.yaml';

describe('dates-coherentes', () => {
  it('accepts ends after starts, and a one-day session', () => {
    expect(checkEntry(FUNDER, fixture('valide', FUNDER))).toEqual([]);
    expect(checkEntry(TRAINING, fixture('valide', TRAINING))).toEqual([]);
    expect(checkEntry(EVENT, fixture('valide', EVENT))).toEqual([]);
  });

  it('reports a call that closes before it opens', () => {
    expect(checkEntry(FUNDER, edit(fixture('valide', FUNDER), 'cloture: 2026-04-30', 'cloture: 2026-01-31')))
      .toMatchInlineSnapshot(`
      [
        "content/funders/fondation-solidarite.yaml:17:14  dates-coherentes  La date de fin (2026-01-31) est avant la date de début (2026-02-01). → Corrigez l’une des deux dates.",
      ]
    `);
  });

  it('reports a training session that ends before it starts (second session)', () => {
    const text = edit(
      fixture('valide', TRAINING),
      '    lieu: Montpellier\n',
      '    lieu: Montpellier\n  - debut: 2026-10-10\n    fin: 2026-10-09\n',
    );
    expect(checkEntry(TRAINING, text)).toMatchInlineSnapshot(`
      [
        "content/trainings/accueil-digne.yaml:16:10  dates-coherentes  La date de fin (2026-10-09) est avant la date de début (2026-10-10). → Corrigez l’une des deux dates.",
      ]
    `);
  });

  it('reports an event that ends before it starts, comparing date-times with their time zones', () => {
    expect(
      checkEntry(
        EVENT,
        edit(fixture('valide', EVENT), 'fin: 2026-10-05T13:00:00+02:00', 'fin: 2026-10-05T09:00:00+02:00'),
      ),
    ).toMatchInlineSnapshot(`
      [
        "content/events/visite-epicerie-mobile.yaml:7:6  dates-coherentes  La date de fin (2026-10-05T09:00:00+02:00) est avant la date de début (2026-10-05T09:30:00+02:00). → Corrigez l’une des deux dates.",
      ]
    `);
    // 09:00 in Paris summer time is 07:00 UTC: 08:00Z is after it.
    expect(
      checkEntry(EVENT, edit(fixture('valide', EVENT), 'fin: 2026-10-05T13:00:00+02:00', 'fin: 2026-10-05T08:00:00Z')),
    ).toEqual([]);
  });
});
