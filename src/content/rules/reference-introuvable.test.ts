import { describe, expect, it } from 'vitest';
import { checkTree, line } from '../../../test/helpers/check.js';
import { edit, fixture, makeTree, TODAY } from '../../../test/helpers/tree.js';
import { validateRepository } from '../validate.js';

const NEWS = 'content/news/lancement-portail.md';

describe('reference-introuvable', () => {
  it('accepts references to entries that exist', () => {
    expect(checkTree('valide', {})).toEqual([]);
  });

  it('reports each reference to a missing entry, at its list item', () => {
    const text = edit(
      fixture('valide', NEWS),
      '  - practices/epicerie-solidaire-mobile\n',
      '  - practices/epicerie-solidaire-mobile\n  - studies/etude-disparue\n  - funders/soliguide\n',
    );
    expect(checkTree('valide', { [NEWS]: text })).toMatchInlineSnapshot(`
      [
        "content/news/lancement-portail.md:15:5  reference-introuvable  La référence « studies/etude-disparue » ne correspond à aucune entrée. → Vérifiez la collection et l’identifiant (le nom du fichier, sans extension).",
        "content/news/lancement-portail.md:16:5  reference-introuvable  La référence « funders/soliguide » ne correspond à aucune entrée. → Vérifiez la collection et l’identifiant (le nom du fichier, sans extension).",
      ]
    `);
  });

  it('resolves references against the whole repository when only one file is validated', () => {
    const root = makeTree('valide');
    expect(validateRepository(root, [NEWS], { today: TODAY }).problems).toEqual([]);
    const text = edit(
      fixture('valide', NEWS),
      '  - practices/epicerie-solidaire-mobile',
      '  - practices/epicerie-fantome',
    );
    const broken = makeTree('valide', { [NEWS]: text });
    expect(validateRepository(broken, [NEWS], { today: TODAY }).problems.map(line)).toMatchInlineSnapshot(`
      [
        "content/news/lancement-portail.md:14:5  reference-introuvable  La référence « practices/epicerie-fantome » ne correspond à aucune entrée. → Vérifiez la collection et l’identifiant (le nom du fichier, sans extension).",
      ]
    `);
  });
});
