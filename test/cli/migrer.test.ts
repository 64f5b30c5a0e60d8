/** `essaim migrer`, run as a real process on a tree of entries written for the previous content model. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateEdition } from '../../src/plugins/sheets/editions.js';
import { fixture, makeTree, runCli, snapshotTree } from '../helpers/tree.js';

const SHEET = 'content/practices/distribution/epicerie-solidaire-mobile.md';
const OLD_SHEET = 'content/practices/distribution/ancienne-fiche.md';
const read = (root: string, rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');

// A sheet of the previous model: boolean `evaluation`, no `nature`, a comment to keep.
const oldSheet = fixture('valide', SHEET)
  .replace('id: epicerie-solidaire-mobile', 'id: ancienne-fiche')
  .replace('nature: type\n', '')
  .replace('niveau_preuve: auto-evaluation\n', '# Évaluée par l’association elle-même.\nevaluation: false\n');

describe('essaim migrer', () => {
  it('moves old entries to the current model, keeps comments, and a second run changes nothing', async () => {
    const root = makeTree('valide', { [OLD_SHEET]: oldSheet });
    expect((await runCli(['validate'], root)).code).toBe(1);
    const first = await runCli(['migrer'], root);
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n').slice(0, 2).join('\n')).toMatchInlineSnapshot(`
      "1 fichier migré :
        content/practices/distribution/ancienne-fiche.md  (evaluation-niveau-preuve, nature-type)"
    `);
    const migrated = read(root, OLD_SHEET);
    expect(migrated).toContain('nature: type\n');
    expect(migrated).toContain('# Évaluée par l’association elle-même.\nniveau_preuve: aucune\n');
    expect(migrated).not.toContain('evaluation:');
    // The sheet already in the current model is left byte for byte.
    expect(read(root, SHEET)).toBe(fixture('valide', SHEET));
    expect(await runCli(['validate'], root)).toMatchObject({ code: 0 });
    expect(await runCli(['format', '--check'], root)).toMatchObject({ code: 0 });

    const before = snapshotTree(root);
    expect(await runCli(['migrer'], root)).toMatchInlineSnapshot(`
      {
        "code": 0,
        "stderr": "",
        "stdout": "✔ Rien à migrer (10 fichiers).
      ",
      }
    `);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('maps evaluation: true to the cautious auto-evaluation; --check lists and changes nothing', async () => {
    const root = makeTree('valide', { [OLD_SHEET]: oldSheet.replace('evaluation: false', 'evaluation: true') });
    const before = snapshotTree(root);
    const check = await runCli(['migrer', '--check'], root);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`  ${OLD_SHEET}  (evaluation-niveau-preuve, nature-type)`);
    expect(snapshotTree(root)).toEqual(before);
    await runCli(['migrer', OLD_SHEET], root);
    expect(read(root, OLD_SHEET)).toContain('niveau_preuve: auto-evaluation\n');
  });

  it('migrates the sheets of the cut editions too, which are checked against the current model', async () => {
    const edition = 'practices_versioned_docs/version-2026/distribution/ancienne-fiche.md';
    const root = makeTree('valide', { 'practices_versions.json': '["2026"]\n', [edition]: oldSheet });
    const first = await runCli(['migrer'], root);
    expect(first.stdout).toContain(`  ${edition}  (evaluation-niveau-preuve, nature-type)`);
    expect(read(root, edition)).toContain('niveau_preuve: aucune\n');
    expect(validateEdition(root, '2026').problems).toEqual([]);
  });
});
