import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { edit, fixture } from '../../../test/helpers/tree.js';

const FUNDER = 'content/funders/fondation-solidarite.yaml';

describe('appel-permanent-cloture', () => {
  it('accepts a dated call, and a permanent call without a closing date', () => {
    expect(checkEntry(FUNDER, fixture('valide', FUNDER))).toEqual([]);
    const permanent = edit(
      edit(fixture('valide', FUNDER), / {4}ouverture: .*\n/, '    recurrence: permanent\n'),
      / {4}cloture: .*\n/,
      '',
    );
    expect(checkEntry(FUNDER, permanent)).toEqual([]);
  });

  it('reports a permanent call with a closing date, and a minimum above the maximum', () => {
    const text = edit(
      edit(fixture('valide', FUNDER), / {4}ouverture: .*\n/, '    recurrence: permanent\n'),
      /( {4}cloture: .*\n)/,
      '$1    montant_min: 30000\n    montant_max: 5000\n',
    );
    expect(checkEntry(FUNDER, text)).toMatchInlineSnapshot(`
      [
        "content/funders/fondation-solidarite.yaml:17:5  appel-permanent-cloture  Un dispositif permanent n’a pas de date limite. → Supprimez \`cloture\`, ou choisissez \`recurrence: ponctuel\` si l’appel a vraiment une date limite.",
        "content/funders/fondation-solidarite.yaml:18:18  appel-permanent-cloture  Le montant minimal (30000 €) dépasse le montant maximal (5000 €). → Corrigez l’un des deux montants.",
      ]
    `);
  });
});
