import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { edit, fixture } from '../../../test/helpers/tree.js';

const TOOL = 'content/tools/grille-autodiagnostic.md';
const PLATFORM = 'content/platforms/soliguide.yaml';

describe('id-nom-fichier', () => {
  it('accepts an identifier equal to the file name', () => {
    expect(checkEntry(TOOL, fixture('valide', TOOL))).toEqual([]);
    expect(checkEntry(PLATFORM, fixture('valide', PLATFORM))).toEqual([]);
  });

  it('reports an identifier that differs from the file name, at the id field', () => {
    expect(checkEntry(TOOL, edit(fixture('valide', TOOL), 'id: grille-autodiagnostic', 'id: grille-accueil')))
      .toMatchInlineSnapshot(`
      [
        "content/tools/grille-autodiagnostic.md:2:5  id-nom-fichier  L’identifiant « grille-accueil » ne correspond pas au nom du fichier (« grille-autodiagnostic »). → Renommez le fichier en \`grille-accueil.md\` ou écrivez \`id: grille-autodiagnostic\`.",
      ]
    `);
    expect(checkEntry(PLATFORM, edit(fixture('valide', PLATFORM), 'id: soliguide', 'id: soli-guide')))
      .toMatchInlineSnapshot(`
      [
        "content/platforms/soliguide.yaml:2:5  id-nom-fichier  L’identifiant « soli-guide » ne correspond pas au nom du fichier (« soliguide »). → Renommez le fichier en \`soli-guide.yaml\` ou écrivez \`id: soliguide\`.",
      ]
    `);
  });
});
