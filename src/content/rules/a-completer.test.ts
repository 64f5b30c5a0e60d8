import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { edit, fixture } from '../../../test/helpers/tree.js';
import { allCollections } from '../collections.js';
import { parseEntry } from '../parse.js';
import { holds, PLACEHOLDER, yamlMayHoldPlaceholder } from './a-completer.js';

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
});

/** Ways a YAML value can be written, some of which give the marker without its letters in a row. */
const VALUES = [
  PLACEHOLDER, `"${PLACEHOLDER}"`, `'${PLACEHOLDER}'`, `x ${PLACEHOLDER} y`, '"À COMPL\\u00C9TER"', '"À COMPL\\xC9TER"', '"\\u00C0 \\u0043OMPLÉTER"',
  '"À COMPL\\\n  ÉTER"', '"À COMPL\n  ÉTER"', 'À\n  COMPLÉTER', 'À COMPL\n  ÉTER', "'À COMPL''ÉTER'", '|\n  À COMPLÉTER', '>\n  À\n  COMPLÉTER',
  '|-\n  À COMPL\n  ÉTER', '"À COMPLE\u0301TER"', 'À COMPLE\u0301TER', 'À COMPLÈTER', 'à compléter', '"texte \\" cité"', 'texte', '12', 'true', '[a, b]', '{ a: b }',
  `[${PLACEHOLDER}, b]`, `{ a: ${PLACEHOLDER} }`, '# commentaire', '"À COMPLÉ\\tTER"',
];

describe('yamlMayHoldPlaceholder', () => {
  it('is true for every YAML text from which a value holding the marker is read (3,000 random texts)', () => {
    const funders = allCollections().find((c) => c.format === 'yaml')!;
    let seed = 11;
    const rnd = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; };
    const pick = (): string => VALUES[Math.floor(rnd() * VALUES.length)]!;
    let marked = 0;
    let hidden = 0;
    let skipped = 0;
    for (let i = 0; i < 3000; i++) {
      const lines = Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, k) => (rnd() < 0.3 ? `c${k}:\n  - ${pick().replace(/\n/g, '\n  ')}` : `c${k}: ${pick()}`));
      const entry = parseEntry(funders, 'content/funders/x.yaml', `${lines.join('\n')}\n`);
      if (!entry.data) continue;
      const found = holds(entry.data);
      if (found) marked++;
      if (found && !entry.yaml.includes('COMPLÉTER')) hidden++;
      if (!yamlMayHoldPlaceholder(entry.yaml)) {
        skipped++;
        expect(found, entry.yaml).toBe(false);
      }
    }
    // Every kind was really exercised: marked values, some of them only through an escape, and texts skipped.
    expect(marked).toBeGreaterThan(500);
    expect(hidden).toBeGreaterThan(50);
    expect(skipped).toBeGreaterThan(300);
  });
});
