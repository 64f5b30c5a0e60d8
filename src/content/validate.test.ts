/**
 * Validating some paths gives, for their files, exactly the problems of a whole validation:
 * references and uniqueness are still checked against the whole repository.
 */
import { describe, expect, it } from 'vitest';
import { edit, fixture, makeTree, TODAY } from '../../test/helpers/tree.js';
import { isIn, validateRepository, validEntry } from './validate.js';
const STUDY = 'content/studies/barometre-precarite-2025.md';
const FUNDER = 'content/funders/fondation-solidarite.yaml';
const NEWS = 'content/news/lancement-portail.md';

/** A tree with problems of every kind: reading, schema, entry rules, and both repository rules. */
function brokenTree(): string {
  const call = / {2}- id: mieux-manger-2026\n( {4}.*\n| {6}.*\n)+/.exec(fixture('valide', FUNDER))![0];
  return makeTree('invalide', {
    'content/studies/zz-copie.md': fixture('valide', STUDY),
    [STUDY]: fixture('valide', STUDY),
    [FUNDER]: edit(fixture('valide', FUNDER), 'date_maj:', `${call}date_maj:`),
    [NEWS]: edit(
      fixture('valide', NEWS),
      'Le portail rassemble',
      '[Cliquez](javascript:alert(1)). Le portail rassemble',
    ),
    'content/tools/yaml-casse.md': '---\nid: yaml-casse\ntitre: "non fermé\n---\nTexte.\n',
    'content/tools/reference-cassee.md': edit(
      fixture('valide', STUDY),
      /ressources_liees:\n/,
      'ressources_liees:\n  - tools/introuvable\n',
    ),
  });
}

describe('validateRepository', () => {
  it('finds problems of every kind in one run', () => {
    const rules = new Set(validateRepository(brokenTree(), undefined, { today: TODAY }).problems.map((p) => p.rule));
    for (const rule of ['yaml', 'schema', 'id-unique', 'reference-introuvable', 'lien-dangereux'])
      expect(rules).toContain(rule);
  });

  it('gives, for the given paths, the problems of a whole validation on their files', () => {
    const root = brokenTree();
    const paths = ['content/studies', FUNDER];
    const whole = validateRepository(root, undefined, { today: TODAY });
    const some = validateRepository(root, paths, { today: TODAY });
    expect(some.files.every((f) => f.startsWith('content/studies/') || f === FUNDER)).toBe(true);
    expect(some.problems).toEqual(whole.problems.filter((p) => some.files.includes(p.file)));
    expect(some.problems.some((p) => p.rule === 'id-unique')).toBe(true);
  });
});

describe('validEntry', () => {
  it('gives the entry typed from its schema only when its data passes the schema', () => {
    const root = makeTree('valide', { [FUNDER]: edit(fixture('valide', FUNDER), 'site: https://', 'site: http://') });
    const { entries } = validateRepository(root, undefined, { today: TODAY });
    const funder = entries.find((e) => e.file === FUNDER)!;
    const study = entries.find((e) => e.file === STUDY)!;
    expect(validEntry(funder)).toBeUndefined();
    const valid = validEntry(study);
    expect(valid && isIn(valid, 'studies') ? valid.data.editeur : undefined).toBe(
      'Observatoire national de la précarité',
    );
    expect(valid && isIn(valid, 'funders')).toBe(false);
  });
});
