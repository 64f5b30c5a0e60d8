import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { edit, fixture } from '../../../test/helpers/tree.js';
import { PLACEHOLDER } from './a-completer.js';

const STUDY = 'content/studies/barometre-precarite-2025.md';
const study = fixture('valide', STUDY);

describe('a-completer', () => {
  it('accepts an entry with no placeholder left', () => {
    expect(checkEntry(STUDY, study)).toEqual([]);
  });

  it('reports placeholders left in fields (also inside lists) and in the text', () => {
    let text = edit(study, /^editeur: .*$/m, `editeur: ${PLACEHOLDER}`);
    text = edit(text, '  - Un tiers des personnes', `  - ${PLACEHOLDER}\n  - Un tiers des personnes`);
    text = edit(text, 'Le baromètre décrit', `${PLACEHOLDER} : le détail.\n\nLe baromètre décrit`);
    expect(checkEntry(STUDY, text)).toMatchInlineSnapshot(`
      [
        "content/studies/barometre-precarite-2025.md:5:10  a-completer  Ce champ contient encore le texte « À COMPLÉTER » du modèle. → Remplacez-le par le vrai contenu.",
        "content/studies/barometre-precarite-2025.md:11:5  a-completer  Ce champ contient encore le texte « À COMPLÉTER » du modèle. → Remplacez-le par le vrai contenu.",
        "content/studies/barometre-precarite-2025.md:26:1  a-completer  Le texte contient encore « À COMPLÉTER ». → Rédigez cette partie ou supprimez la section.",
      ]
    `);
  });

  it('finds the marker however the YAML writes it (escaped in quotes, folded over two lines)', () => {
    let text = edit(study, /^editeur: .*$/m, 'editeur: "À COMPL\\u00C9TER"');
    text = edit(text, /^titre: .*$/m, 'titre: >-\n  Baromètre À\n  COMPLÉTER');
    expect(checkEntry(STUDY, text)).toMatchInlineSnapshot(`
      [
        "content/studies/barometre-precarite-2025.md:3:8  a-completer  Ce champ contient encore le texte « À COMPLÉTER » du modèle. → Remplacez-le par le vrai contenu.",
        "content/studies/barometre-precarite-2025.md:7:10  a-completer  Ce champ contient encore le texte « À COMPLÉTER » du modèle. → Remplacez-le par le vrai contenu.",
      ]
    `);
  });
});
