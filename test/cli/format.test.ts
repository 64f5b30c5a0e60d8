/** `essaim format`, run as a real process on test/fixtures/desordre (valid but not canonical). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, makeTree, runCli, snapshotTree, TODAY } from '../helpers/tree.js';

const FUNDER = 'content/funders/fondation-desordre.yaml';
const NEWS = 'content/news/actu-desordre.md';
const read = (root: string, rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');

describe('essaim format', () => {
  it('rewrites entries in canonical form, keeping comments, data and text', async () => {
    const root = makeTree('desordre');
    const r = await runCli(['format'], root);
    expect(r).toMatchInlineSnapshot(`
      {
        "code": 0,
        "stderr": "",
        "stdout": "2 fichiers mis en forme :
        content/funders/fondation-desordre.yaml
        content/news/actu-desordre.md
      ",
      }
    `);
    const funder = read(root, FUNDER);
    expect(funder).toMatchInlineSnapshot(`
      "# yaml-language-server: $schema=../../schemas/funder.schema.json
      id: fondation-desordre
      # Fiche relue par l’équipe éditoriale en janvier.
      titre: Fondation du Désordre
      resume: >-
        Une fondation dont le fichier n’est pas rangé dans l’ordre du schéma.
      type: fondation
      site: https://desordre.example.org
      territoires:
        - national
        - reg-76
        # national et Occitanie
      appels:
        # L’appel principal
        - id: appel-2026
          titre: Appel 2026
          resume: Un appel pour les projets d’épiceries solidaires.
          ouverture: 2026-02-01
          cloture: 2026-04-30
          territoires:
            - reg-76
          url: https://desordre.example.org/appel
      date_maj: 2026-01-15
      "
    `);
    for (const comment of [
      '# Fiche relue par l’équipe éditoriale en janvier.',
      '# national et Occitanie',
      '# L’appel principal',
    ]) {
      expect(fixture('desordre', FUNDER)).toContain(comment);
      expect(funder).toContain(comment);
    }
    expect(read(root, NEWS)).toMatchInlineSnapshot(`
      "---
      id: actu-desordre
      titre: Une actualité en désordre
      resume: Un résumé d’actualité assez long pour le schéma.
      date: 2026-05-01
      type: annonce
      territoires:
        - national
      date_maj: 2026-05-01
      ---

      Le texte de l’actualité.
      "
    `);
    expect(await runCli(['validate', '--today', TODAY], root)).toMatchObject({ code: 0 });
  });

  it('is idempotent: a second run changes nothing', async () => {
    const root = makeTree('desordre');
    await runCli(['format'], root);
    const once = snapshotTree(root);
    const r = await runCli(['format'], root);
    expect(r).toMatchInlineSnapshot(`
      {
        "code": 0,
        "stderr": "",
        "stdout": "✔ Rien à changer (2 fichiers).
      ",
      }
    `);
    expect(snapshotTree(root)).toEqual(once);
    expect(await runCli(['format', '--check'], root)).toMatchObject({ code: 0 });
  });

  it('--check lists the files to format, exits 1 and changes nothing', async () => {
    const root = makeTree('desordre');
    const before = snapshotTree(root);
    const r = await runCli(['format', '--check'], root);
    expect(r).toMatchInlineSnapshot(`
      {
        "code": 1,
        "stderr": "",
        "stdout": "2 fichiers ne sont pas sous forme canonique :
        content/funders/fondation-desordre.yaml
        content/news/actu-desordre.md
      → Lancez \`node cli/bin.mjs format\` pour les corriger.
      ",
      }
    `);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('--check passes on canonical entries, and format leaves them byte for byte', async () => {
    const root = makeTree('valide');
    const before = snapshotTree(root);
    expect(await runCli(['format', '--check'], root)).toMatchInlineSnapshot(`
      {
        "code": 0,
        "stderr": "",
        "stdout": "✔ 9 fichiers sous forme canonique.
      ",
      }
    `);
    expect(await runCli(['format'], root)).toMatchObject({ code: 0 });
    expect(snapshotTree(root)).toEqual(before);
  });

  it('formats only the given paths', async () => {
    const root = makeTree('desordre');
    const r = await runCli(['format', 'content/news'], root);
    expect(r.stdout).toContain(NEWS);
    expect(r.stdout).not.toContain(FUNDER);
    expect(read(root, FUNDER)).toBe(fixture('desordre', FUNDER));
  });

  it('leaves unreadable files untouched, says why and exits 1', async () => {
    const broken = '---js\nmodule.exports = { titre: "x" }\n---\nTexte\n';
    const root = makeTree('desordre', { 'content/news/cassee.md': broken });
    const r = await runCli(['format'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatchInlineSnapshot(`
      "content/news/cassee.md:1:1  front-matter  Le bloc d’en-tête « js » n’est pas accepté : seul le YAML l’est, et aucun code n’est exécuté.
          → Remplacez la première ligne par \`---\` et écrivez les champs en YAML.
      Ces fichiers ne peuvent pas être mis en forme tant qu’ils sont illisibles : corrigez-les d’abord (essaim validate).
      "
    `);
    expect(read(root, 'content/news/cassee.md')).toBe(broken);
    expect(read(root, FUNDER)).not.toBe(fixture('desordre', FUNDER));
  });
});
