/** `essaim new`, non-interactive (--titre, --set, --yes), run as a real process. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli, snapshotTree, TODAY } from '../helpers/tree.js';

const read = (root: string, rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');

describe('essaim new', () => {
  it('creates a practice sheet in its maillon folder, with an accent-free slug and the template body', async () => {
    const root = makeTree('valide');
    const r = await runCli(
      [
        'new',
        'fiche',
        '--titre',
        'Épicerie « Les Câlins » à Saint-Étienne',
        '--set',
        'maillons=distribution, logistique',
        '--yes',
        '--today',
        TODAY,
      ],
      root,
    );
    expect(r).toMatchInlineSnapshot(`
      {
        "code": 0,
        "stderr": "",
        "stdout": "✔ Créé : content/practices/distribution/epicerie-les-calins-a-saint-etienne.md

      Prochaines étapes :
        1. Complétez les parties marquées « À COMPLÉTER » dans content/practices/distribution/epicerie-les-calins-a-saint-etienne.md
        2. Vérifiez : npm run essaim -- validate content/practices/distribution/epicerie-les-calins-a-saint-etienne.md
        3. Proposez-la : npm run essaim -- propose
      ",
      }
    `);
    expect(read(root, 'content/practices/distribution/epicerie-les-calins-a-saint-etienne.md')).toMatchInlineSnapshot(`
      "---
      id: epicerie-les-calins-a-saint-etienne
      titre: Épicerie « Les Câlins » à Saint-Étienne
      resume: À COMPLÉTER
      nature: À COMPLÉTER
      maillons:
        - distribution
        - logistique
      criteres:
        - À COMPLÉTER
      stade: À COMPLÉTER
      niveau_preuve: À COMPLÉTER
      territoires:
        - À COMPLÉTER
      derniere_revue: 2026-06-15
      date_maj: 2026-06-15
      ---

      ## De quoi s’agit-il ?

      À COMPLÉTER : la pratique en quelques phrases

      ## Pour qui ?

      À COMPLÉTER : les personnes concernées et comment elles sont associées

      ## Comment démarrer

      À COMPLÉTER : les étapes pour lancer la pratique

      ## Coûts et moyens

      À COMPLÉTER : moyens humains, matériels et financiers

      ## Partenaires

      À COMPLÉTER : qui s’est associé, et pour quoi faire

      ## Résultats

      À COMPLÉTER : ce qui a été observé ou évalué (sources citées)

      ## Points de vigilance

      À COMPLÉTER : les difficultés rencontrées

      ## Pour essaimer

      À COMPLÉTER : ce qu’il faut pour reproduire la pratique ailleurs
      "
    `);
  });

  it('creates a YAML entry in canonical form, with the yaml-language-server schema line', async () => {
    const root = makeTree('valide');
    const r = await runCli(
      ['new', 'financeur', '--titre', 'Fondation de l’Œuvre', '--set', 'type=fondation', '-y', '--today', TODAY],
      root,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ Créé : content/funders/fondation-de-l-oeuvre.yaml');
    expect(read(root, 'content/funders/fondation-de-l-oeuvre.yaml')).toMatchInlineSnapshot(`
      "# yaml-language-server: $schema=../../schemas/funder.schema.json
      id: fondation-de-l-oeuvre
      titre: Fondation de l’Œuvre
      resume: À COMPLÉTER
      type: fondation
      site: À COMPLÉTER
      territoires:
        - À COMPLÉTER
      date_maj: 2026-06-15
      "
    `);
    expect(await runCli(['format', '--check'], root)).toMatchObject({ code: 0 });
  });

  it('leaves placeholders that make validate fail until they are written', async () => {
    const root = makeTree('valide');
    await runCli(['new', 'outil', '--titre', 'Kit de démarrage', '--yes', '--today', TODAY], root);
    const r = await runCli(['validate', '--today', TODAY, 'content/tools/kit-de-demarrage.md'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatchInlineSnapshot(`
      "content/tools/kit-de-demarrage.md:4:9  a-completer  Ce champ contient encore le texte « À COMPLÉTER » du modèle.
          → Remplacez-le par le vrai contenu.
      content/tools/kit-de-demarrage.md:5:7  a-completer  Ce champ contient encore le texte « À COMPLÉTER » du modèle.
          → Remplacez-le par le vrai contenu.
      content/tools/kit-de-demarrage.md:6:10  a-completer  Ce champ contient encore le texte « À COMPLÉTER » du modèle.
          → Remplacez-le par le vrai contenu.
      content/tools/kit-de-demarrage.md:8:5  a-completer  Ce champ contient encore le texte « À COMPLÉTER » du modèle.
          → Remplacez-le par le vrai contenu.
      content/tools/kit-de-demarrage.md:14:1  a-completer  Le texte contient encore « À COMPLÉTER ».
          → Rédigez cette partie ou supprimez la section.
      content/tools/kit-de-demarrage.md:18:1  a-completer  Le texte contient encore « À COMPLÉTER ».
          → Rédigez cette partie ou supprimez la section.
      ✖ 6 problèmes dans 1 fichier (1 vérifié).
      "
    `);
  });

  it('makes a valid entry when every required field is given with --set (lists, booleans)', async () => {
    const root = makeTree('valide');
    const r = await runCli(
      [
        'new',
        'plateforme',
        '--titre',
        'Carte des épiceries',
        '--yes',
        '--today',
        TODAY,
        '--set',
        'resume=Une carte des épiceries solidaires de France.',
        '--set',
        'usage=Trouver l’épicerie solidaire la plus proche et ses horaires.',
        '--set',
        'url=https://carte.example.org',
        '--set',
        'editeur=Réseau des épiceries',
        '--set',
        'territoires=reg-76,dep-34',
        '--set',
        'gratuit=oui',
      ],
      root,
    );
    expect(r.code).toBe(0);
    expect(read(root, 'content/platforms/carte-des-epiceries.yaml')).toMatchInlineSnapshot(`
      "# yaml-language-server: $schema=../../schemas/platform.schema.json
      id: carte-des-epiceries
      titre: Carte des épiceries
      resume: Une carte des épiceries solidaires de France.
      usage: Trouver l’épicerie solidaire la plus proche et ses horaires.
      url: https://carte.example.org
      editeur: Réseau des épiceries
      gratuit: true
      territoires:
        - reg-76
        - dep-34
      date_maj: 2026-06-15
      "
    `);
    expect(await runCli(['validate', '--today', TODAY], root)).toMatchObject({
      code: 0,
      stdout: '✔ 10 fichiers vérifiés, aucun problème.\n',
    });
  });

  it('refuses to overwrite an existing entry, and changes nothing', async () => {
    const root = makeTree('valide');
    const before = snapshotTree(root);
    const r = await runCli(['new', 'plateforme', '--titre', 'Soliguide', '--yes', '--today', TODAY], root);
    expect(r).toMatchInlineSnapshot(`
      {
        "code": 2,
        "stderr": "Erreur : L’entrée « platforms/soliguide » existe déjà : choisissez un autre titre, ou --set id=autre-identifiant.
      ",
        "stdout": "",
      }
    `);
    // Also when the same id exists in another maillon folder.
    const sheet = await runCli(
      ['new', 'fiche', '--titre', 'Épicerie solidaire mobile', '--set', 'maillons=logistique', '--yes'],
      root,
    );
    expect(sheet.code).toBe(2);
    expect(sheet.stderr).toContain('« practices/epicerie-solidaire-mobile » existe déjà');
    expect(snapshotTree(root)).toEqual(before);
  });

  it('exits 2 with a French message on usage mistakes, and creates nothing', async () => {
    const root = makeTree('valide');
    const before = snapshotTree(root);
    const runs = await Promise.all([
      runCli(['new', 'recette', '--titre', 'Soupe', '--yes'], root),
      runCli(['new', 'outil', '--yes'], root),
      runCli(['new', 'outil', '--titre', '!!!', '--yes'], root),
      runCli(['new', 'fiche', '--titre', 'Sans maillon', '--yes'], root),
      runCli(['new', 'outil', '--titre', 'Kit', '--set', 'couleur=bleu', '--yes'], root),
      runCli(['new', 'outil', '--titre', 'Kit', '--set', 'gratuit=peut-etre', '--yes'], root),
      runCli(['new', 'outil', '--titre', 'Kit', '--set', 'gratuit', '--yes'], root),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2, 2]);
    expect(runs.map((r) => r.stdout).join('')).toBe('');
    expect(runs.map((r) => r.stderr).join('')).toMatchInlineSnapshot(`
      "Erreur : Collection inconnue « recette » : choisissez parmi fiche, etude, financeur, formation, outil, evenement, plateforme, actualite, acteur.
      Erreur : Indiquez un titre avec --titre "…".
      Erreur : Le titre doit contenir au moins une lettre ou un chiffre.
      Erreur : Pour une fiche pratique, indiquez au moins un maillon : --set maillons=distribution (valeurs : reperage-orientation, approvisionnement, logistique, distribution, accompagnement, participation, cooperation-territoriale, pilotage-evaluation).
      Erreur : --set : champ inconnu « couleur » pour Outils méthodologiques ; champs possibles : id, titre, resume, type, editeur, url, gratuit, maillons, territoires, publics, ressources_liees, sources, date_maj, note_interne.
      Erreur : --set gratuit=peut-etre : indiquez oui ou non.
      Erreur : --set « gratuit » : écrivez --set champ=valeur.
      "
    `);
    expect(snapshotTree(root)).toEqual(before);
  });
  it('never writes outside content/<collection>/: the id and the maillon are checked before any path is built', async () => {
    const root = makeTree('valide');
    const before = snapshotTree(root);
    const escape = `essaim-evasion-${process.pid}`;
    const runs = await Promise.all([
      runCli(['new', 'etude', '--titre', 'X', '--set', `id=../../../${escape}`, '--yes'], root),
      runCli(['new', 'fiche', '--titre', 'X', '--set', 'maillons=../..', '--yes'], root),
      runCli(['new', 'fiche', '--titre', 'X', '--set', `maillons=../../../${escape}`, '--yes'], root),
      runCli(['new', 'outil', '--titre', 'X', '--set', 'id=/tmp/x', '--yes'], root),
      runCli(['new', 'outil', '--titre', 'X', '--set', 'id=Majuscules', '--yes'], root),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(runs.map((r) => r.stderr.replaceAll(escape, 'EVASION')).join('')).toMatchInlineSnapshot(`
      "Erreur : --set id=../../../EVASION : valeur refusée : Identifiant stable en minuscules, chiffres et tirets ; identique au nom du fichier.
      Erreur : --set maillons=../.. : valeur inconnue ; valeurs possibles : reperage-orientation, approvisionnement, logistique, distribution, accompagnement, participation, cooperation-territoriale, pilotage-evaluation.
      Erreur : --set maillons=../../../EVASION : valeur inconnue ; valeurs possibles : reperage-orientation, approvisionnement, logistique, distribution, accompagnement, participation, cooperation-territoriale, pilotage-evaluation.
      Erreur : --set id=/tmp/x : valeur refusée : Identifiant stable en minuscules, chiffres et tirets ; identique au nom du fichier.
      Erreur : --set id=Majuscules : valeur refusée : Identifiant stable en minuscules, chiffres et tirets ; identique au nom du fichier.
      "
    `);
    expect(snapshotTree(root)).toEqual(before);
    for (const up of ['..', '../..', '../../..'])
      expect(fs.existsSync(path.join(root, 'content/studies', up, `${escape}.md`))).toBe(false);
  });
});
