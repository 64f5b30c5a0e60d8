import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { fixture } from '../../../test/helpers/tree.js';

const text = fixture('valide', 'content/practices/distribution/epicerie-solidaire-mobile.md');
const at = (folder: string): string => `content/practices/${folder}epicerie-solidaire-mobile.md`;

describe('dossier-maillon', () => {
  it('accepts a sheet in the folder of its first maillon, or of another of its maillons', () => {
    expect(checkEntry(at('distribution/'), text)).toEqual([]);
    expect(checkEntry(at('reperage-orientation/'), text)).toEqual([]);
  });

  it('reports a sheet in the folder of a maillon it does not have', () => {
    expect(checkEntry(at('logistique/'), text)).toMatchInlineSnapshot(`
      [
        "content/practices/logistique/epicerie-solidaire-mobile.md:7:3  dossier-maillon  La fiche est rangée dans « logistique », qui n’est pas un de ses maillons. → Déplacez le fichier vers \`content/practices/distribution/epicerie-solidaire-mobile.md\`.",
      ]
    `);
  });

  it('reports a sheet outside any maillon folder', () => {
    expect(checkEntry(at(''), text)).toMatchInlineSnapshot(`
      [
        "content/practices/epicerie-solidaire-mobile.md:7:3  dossier-maillon  La fiche doit être rangée dans le dossier de son maillon principal. → Déplacez le fichier vers \`content/practices/distribution/epicerie-solidaire-mobile.md\`.",
      ]
    `);
  });
});
