import { describe, expect, it } from 'vitest';
import { findCollection } from './collections.js';
import { scalarText } from './diff.js';
import { schemaAt } from './schemas.js';

const funders = findCollection('financeur')!;
const callField = (name: string) => schemaAt(funders, ['appels', 0, name]);

describe('semantic diff wording of the new call fields', () => {
  it('writes amounts in euros and rates in percent, French style, and labels the vocabularies', () => {
    expect(
      [
        scalarText(callField('montant_max'), 20000),
        scalarText(callField('montant_min'), 1500.5),
        scalarText(callField('taux_max'), 80),
        scalarText(callField('recurrence'), 'permanent'),
        scalarText(schemaAt(funders, ['appels', 0, 'type_aide', 0]), 'ami'),
      ].map((s) => s.replace(/\u00a0/g, ' ')),
    ).toMatchInlineSnapshot(`
      [
        "20 000 €",
        "1 500,5 €",
        "80 %",
        "Permanent (sans date limite)",
        "Appel à manifestation d’intérêt",
      ]
    `);
  });
});
