import { describe, expect, it } from 'vitest';
import { checkTree } from '../../../test/helpers/check.js';
import { edit, fixture } from '../../../test/helpers/tree.js';

const STUDY = 'content/studies/barometre-precarite-2025.md';
const FUNDER = 'content/funders/fondation-solidarite.yaml';

describe('id-unique', () => {
  it('accepts the same identifier in two collections', () => {
    const tool = edit(
      edit(fixture('valide', STUDY), 'id: barometre-precarite-2025', 'id: grille-autodiagnostic'),
      /ressources_liees:\n.*\n/,
      '',
    );
    expect(checkTree('valide', { 'content/studies/grille-autodiagnostic.md': tool })).toEqual([]);
  });

  it('reports an identifier used twice in a collection (on the second file, with the first named)', () => {
    const copy = fixture('valide', STUDY);
    expect(checkTree('valide', { 'content/studies/zz-copie.md': copy })).toMatchInlineSnapshot(`
      [
        "content/studies/zz-copie.md:2:5  id-nom-fichier  L’identifiant « barometre-precarite-2025 » ne correspond pas au nom du fichier (« zz-copie »). → Renommez le fichier en \`barometre-precarite-2025.md\` ou écrivez \`id: zz-copie\`.",
        "content/studies/zz-copie.md:2:5  id-unique  L’identifiant « barometre-precarite-2025 » est déjà utilisé par content/studies/barometre-precarite-2025.md. → Choisissez un autre identifiant (et renommez le fichier).",
      ]
    `);
  });

  it('reports a call identifier used twice by a funder', () => {
    const call = / {2}- id: mieux-manger-2026\n( {4}.*\n| {6}.*\n)+/.exec(fixture('valide', FUNDER))![0];
    const text = edit(fixture('valide', FUNDER), 'date_maj:', `${call}date_maj:`);
    expect(checkTree('valide', { [FUNDER]: text })).toMatchInlineSnapshot(`
      [
        "content/funders/fondation-solidarite.yaml:28:9  id-unique  L’appel « mieux-manger-2026 » apparaît deux fois chez ce financeur. → Donnez à chaque appel un identifiant différent.",
      ]
    `);
  });
});
