/**
 * `problemsOnly` (what the command line asks for) keeps the entries without their text: the
 * problems must be exactly those of a full validation, located in the same places.
 */
import { describe, expect, it } from 'vitest';
import { edit, fixture, makeTree, TODAY } from '../../test/helpers/tree.js';
import { listEntries, readEntry } from './load.js';
import { repositoryRules } from './rules/index.js';
import type { EntryData } from './rules/types.js';
import { isRead, validateRepository } from './validate.js';

const STUDY = 'content/studies/barometre-precarite-2025.md';
const FUNDER = 'content/funders/fondation-solidarite.yaml';
const NEWS = 'content/news/lancement-portail.md';

/** A tree with problems of every kind: reading, schema, entry rules, and both repository rules. */
function brokenTree(): string {
  const call = /  - id: mieux-manger-2026\n(    .*\n|      .*\n)+/.exec(fixture('valide', FUNDER))![0];
  return makeTree('invalide', {
    'content/studies/zz-copie.md': fixture('valide', STUDY),
    [STUDY]: fixture('valide', STUDY),
    [FUNDER]: edit(fixture('valide', FUNDER), 'date_maj:', `${call}date_maj:`),
    [NEWS]: edit(fixture('valide', NEWS), 'Le portail rassemble', '[Cliquez](javascript:alert(1)). Le portail rassemble'),
    'content/tools/yaml-casse.md': '---\nid: yaml-casse\ntitre: "non fermé\n---\nTexte.\n',
    'content/tools/reference-cassee.md': edit(fixture('valide', STUDY), /ressources_liees:\n/, 'ressources_liees:\n  - tools/introuvable\n'),
  });
}

describe('validateRepository with problemsOnly', () => {
  it('finds the same problems, at the same places, without returning the entries', () => {
    const root = brokenTree();
    const full = validateRepository(root, undefined, { today: TODAY });
    const lean = validateRepository(root, undefined, { today: TODAY, problemsOnly: true });
    expect(lean.problems).toEqual(full.problems);
    expect(lean.files).toEqual(full.entries.map((e) => e.file));
    expect(lean.entries).toEqual([]);
    const rules = new Set(full.problems.map((p) => p.rule));
    for (const rule of ['yaml', 'schema', 'id-unique', 'reference-introuvable', 'lien-dangereux']) expect(rules).toContain(rule);
  });

  it('finds the same problems when only some paths are checked', () => {
    const root = brokenTree();
    const paths = ['content/studies', FUNDER];
    const full = validateRepository(root, paths, { today: TODAY });
    const lean = validateRepository(root, paths, { today: TODAY, problemsOnly: true });
    expect(lean.problems).toEqual(full.problems);
    expect(lean.problems.some((p) => p.rule === 'id-unique')).toBe(true);
  });
});

describe('repository rules', () => {
  it('read no field of an entry but those they declare (the only ones kept with problemsOnly)', () => {
    const root = brokenTree();
    const entries = listEntries(root).files.map((f) => readEntry(root, f)).filter(isRead);
    for (const rule of repositoryRules) {
      const read = new Set<string>();
      // Every field that the rule reads, at the top level of each entry's data, is recorded.
      const watched = entries.map((e) => Object.assign(Object.create(e) as typeof e, {
        data: new Proxy(e.data, { get: (data: EntryData, field: string) => { read.add(field); return data[field]; } }),
      }));
      let reported = 0;
      rule.check(watched, { knownRefs: new Set(), report: () => { reported++; } });
      expect(reported).toBeGreaterThan(0);
      expect([...read].filter((f) => !rule.fields.includes(f))).toEqual([]);
    }
  });
});
