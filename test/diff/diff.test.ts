import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collections } from '../../src/content/collections.js';
import { diffEntries, type ContentDiff } from '../../src/content/diff.js';
import { renderDiff } from '../../src/content/diff-render.js';
import { parseMarkdown } from '../../src/content/markdown.js';
import { parseEntry } from '../../src/content/parse.js';
import { visit } from 'unist-util-visit';
import { edit, fixture } from '../helpers/tree.js';
import { commitAll, git, makeRepo, read, run, write } from './git-repo.js';

const SHEET = 'content/practices/distribution/epicerie-solidaire-mobile.md';
const FUNDER = 'content/funders/fondation-solidarite.yaml';
const TRAINING = 'content/trainings/accueil-digne.yaml';
const EVENT = 'content/events/visite-epicerie-mobile.yaml';
const PLATFORM = 'content/platforms/soliguide.yaml';
const NEWS = 'content/news/lancement-portail.md';
const SECOND_SHEET = 'content/practices/distribution/frigo-partage.md';
const MOVED_SHEET = 'content/practices/reperage-orientation/frigo-partage.md';

/** A second sheet, present on `main`, that the change moves to another maillon folder. */
const secondSheet = edit(
  edit(fixture('valide', SHEET), 'id: epicerie-solidaire-mobile', 'id: frigo-partage'),
  /titre: .*/,
  'titre: Frigo partagé de quartier',
);

const NEW_CALL = `  - id: cantines-solidaires-2026
    titre: Cantines solidaires 2026
    resume: Aide au lancement de cantines solidaires ouvertes à tous, à prix libre ou modique.
    ouverture: 2026-03-01
    cloture: 2026-06-30
    url: https://fondation-solidarite.example.org/appels/cantines-solidaires-2026
    territoires:
      - national
date_maj: 2026-01-15`;

let repo: string;
let base: string;
let head: string;

beforeAll(() => {
  repo = makeRepo('valide', { [SECOND_SHEET]: secondSheet });
  base = git(repo, 'rev-parse', 'HEAD');

  // The sheet (Markdown): territories, stage, evidence level, review date, one section changed, one added.
  let sheet = read(repo, SHEET);
  sheet = edit(sheet, 'territoires:\n  - dep-34', 'territoires:\n  - reg-76\n  - dep-12');
  sheet = edit(sheet, 'stade: deploiement', 'stade: essaimee');
  sheet = edit(
    sheet,
    'niveau_preuve: auto-evaluation',
    'niveau_preuve: etude-publiee\npreuve_lien: https://recherche.example.org/etude.pdf',
  );
  sheet = edit(sheet, 'derniere_revue: 2026-01-10', 'derniere_revue: 2026-05-20');
  sheet = edit(sheet, 'paient 20 % du prix', 'paient 30 % du prix');
  sheet += '\n## Résultats\n\nQuatre cents foyers servis la première année.\n';
  write(repo, SHEET, sheet);

  // The funder (YAML): a call's deadline moved, a call added.
  let funder = read(repo, FUNDER);
  funder = edit(funder, 'cloture: 2026-04-30', 'cloture: 2026-05-31');
  funder = edit(funder, 'date_maj: 2026-01-15', NEW_CALL);
  write(repo, FUNDER, funder);

  // The training: no longer free, another format, a session added.
  let training = read(repo, TRAINING);
  training = edit(training, 'gratuit: true', 'gratuit: false');
  training = edit(training, 'format: presentiel', 'format: hybride');
  training = edit(
    training,
    '    lieu: Montpellier',
    '    lieu: Montpellier\n  - debut: 2026-11-19\n    lieu: Toulouse',
  );
  write(repo, TRAINING, training);

  // The platform: only a comment, no change of content.
  write(repo, PLATFORM, `${read(repo, PLATFORM)}# relu en mai\n`);

  // The news item no longer parses.
  write(repo, NEWS, edit(read(repo, NEWS), 'type: annonce', 'type: [annonce'));

  // The event is removed; the second sheet moves to another maillon, its maillons swapped.
  git(repo, 'rm', '-q', EVENT);
  write(
    repo,
    MOVED_SHEET,
    edit(
      read(repo, SECOND_SHEET),
      'maillons:\n  - distribution\n  - reperage-orientation',
      'maillons:\n  - reperage-orientation\n  - distribution',
    ),
  );

  fs.rmSync(path.join(repo, SECOND_SHEET));

  // A new study.
  write(
    repo,
    'content/studies/enquete-cantines.md',
    edit(
      fixture('valide', 'content/studies/barometre-precarite-2025.md'),
      'id: barometre-precarite-2025',
      'id: enquete-cantines',
    ).replace(/titre: .*/, 'titre: Enquête sur les cantines solidaires'),
  );
  head = commitAll(repo, 'Modifications');
});

describe('essaim diff between two revisions', () => {
  it('describes every change in French, as text', async () => {
    const r = await run(['diff', base, head], repo);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.replaceAll(base, 'BASE').replaceAll(head, 'HEAD')).toMatchInlineSnapshot(`
      "De BASE à HEAD : 8 entrées (1 ajout, 5 modifications, 1 déplacement, 1 suppression).

      ~ Modification — Fiche pratique « Épicerie solidaire mobile en milieu rural »
        content/practices/distribution/epicerie-solidaire-mobile.md
          Stade : Déploiement → Essaimée (reproduite ailleurs)
          Niveau de preuve : Auto-évaluation → Étude publiée
          Lien vers l’évaluation : ajouté : https://recherche.example.org/etude.pdf
          Territoires : + Occitanie (76), + Aveyron (12), − Hérault (34)
          Dernière revue : 10/01/2026 → 20/05/2026
          Texte : section « De quoi s’agit-il ? » modifiée, section « Résultats » ajoutée

      → Déplacement — Fiche pratique « Frigo partagé de quartier »
        content/practices/reperage-orientation/frigo-partage.md
          Emplacement : content/practices/distribution/frigo-partage.md → content/practices/reperage-orientation/frigo-partage.md
          Maillons : ordre modifié (Distribution et accès à l’alimentation, Repérage, aller-vers et orientation → Repérage, aller-vers et orientation, Distribution et accès à l’alimentation)

      + Ajout — Étude « Enquête sur les cantines solidaires »
        content/studies/enquete-cantines.md
          Type d’étude : Baromètre
          Date de publication : 30/09/2025
          Maillons : Distribution et accès à l’alimentation
          Territoires : National
          Publics : Familles

      ~ Modification — Financeur « Fondation Solidarité Alimentaire »
        content/funders/fondation-solidarite.yaml
          Appels à projets : + « Cantines solidaires 2026 »
          Appel à projets « Mieux manger pour tous 2026 » : Date limite : 30/04/2026 → 31/05/2026

      ~ Modification — Formation « Accueillir dignement à l’aide alimentaire »
        content/trainings/accueil-digne.yaml
          Format : Présentiel → Hybride
          Gratuit : Oui → Non
          Sessions : + « 19/11/2026, Toulouse »

      − Suppression — Événement « Visite apprenante de l’épicerie mobile »
        content/events/visite-epicerie-mobile.yaml

      ~ Modification — Plateforme « Soliguide »
        content/platforms/soliguide.yaml
          Mise en forme seulement : aucun changement de contenu.

      ~ Modification — Actualité « Le portail Essaim est ouvert »
        content/news/lancement-portail.md
          ⚠ Illisible (version d’arrivée) : ligne 7 : Une liste entre crochets n’est pas fermée, ou une virgule manque entre deux éléments. Les champs ne sont pas comparés."
    `);
  });

  it('gives the same description in Markdown, for pull requests and CI comments', async () => {
    const r = await run(['diff', base, head, '--format', 'markdown'], repo);
    expect(r.code).toBe(0);
    expect(r.out).toMatchInlineSnapshot(`
      "**8 entrées** (1 ajout, 5 modifications, 1 déplacement, 1 suppression).

      ### ✏️ Fiche pratique « Épicerie solidaire mobile en milieu rural » — modification

      \`content/practices/distribution/epicerie-solidaire-mobile.md\`

      - **Stade** : Déploiement → Essaimée (reproduite ailleurs)
      - **Niveau de preuve** : Auto-évaluation → Étude publiée
      - **Lien vers l’évaluation** : ajouté : https://recherche.example.org/etude.pdf
      - **Territoires** : + Occitanie (76), + Aveyron (12), − Hérault (34)
      - **Dernière revue** : 10/01/2026 → 20/05/2026
      - **Texte** : section « De quoi s’agit-il ? » modifiée, section « Résultats » ajoutée

      ### 📦 Fiche pratique « Frigo partagé de quartier » — déplacement

      \`content/practices/reperage-orientation/frigo-partage.md\`

      - **Emplacement** : content/practices/distribution/frigo-partage.md → content/practices/reperage-orientation/frigo-partage.md
      - **Maillons** : ordre modifié (Distribution et accès à l’alimentation, Repérage, aller-vers et orientation → Repérage, aller-vers et orientation, Distribution et accès à l’alimentation)

      ### 🆕 Étude « Enquête sur les cantines solidaires » — ajout

      \`content/studies/enquete-cantines.md\`

      - **Type d’étude** : Baromètre
      - **Date de publication** : 30/09/2025
      - **Maillons** : Distribution et accès à l’alimentation
      - **Territoires** : National
      - **Publics** : Familles

      ### ✏️ Financeur « Fondation Solidarité Alimentaire » — modification

      \`content/funders/fondation-solidarite.yaml\`

      - **Appels à projets** : + « Cantines solidaires 2026 »
      - **Appel à projets « Mieux manger pour tous 2026 » : Date limite** : 30/04/2026 → 31/05/2026

      ### ✏️ Formation « Accueillir dignement à l’aide alimentaire » — modification

      \`content/trainings/accueil-digne.yaml\`

      - **Format** : Présentiel → Hybride
      - **Gratuit** : Oui → Non
      - **Sessions** : + « 19/11/2026, Toulouse »

      ### 🗑️ Événement « Visite apprenante de l’épicerie mobile » — suppression

      \`content/events/visite-epicerie-mobile.yaml\`

      ### ✏️ Plateforme « Soliguide » — modification

      \`content/platforms/soliguide.yaml\`

      - Mise en forme seulement : aucun changement de contenu.

      ### ✏️ Actualité « Le portail Essaim est ouvert » — modification

      \`content/news/lancement-portail.md\`

      - ⚠ Illisible (version d’arrivée) : ligne 7 : Une liste entre crochets n’est pas fermée, ou une virgule manque entre deux éléments. Les champs ne sont pas comparés."
    `);
  });

  it('gives a structured description in JSON', async () => {
    const r = await run(['diff', base, head, '--format', 'json'], repo);
    expect(r.code).toBe(0);
    const diff = JSON.parse(r.out) as ContentDiff;
    expect(diff.base).toBe(base);
    expect(diff.head).toBe(head);
    expect(diff.entries.map((e) => [e.kind, e.collection, e.file])).toEqual([
      ['changed', 'practices', SHEET],
      ['moved', 'practices', MOVED_SHEET],
      ['added', 'studies', 'content/studies/enquete-cantines.md'],
      ['changed', 'funders', FUNDER],
      ['changed', 'trainings', TRAINING],
      ['removed', 'events', EVENT],
      ['changed', 'platforms', PLATFORM],
      ['changed', 'news', NEWS],
    ]);
    const sheet = diff.entries[0]!;
    expect(sheet.fields.find((f) => f.path.join('.') === 'territoires')).toEqual({
      path: ['territoires'],
      label: 'Territoires',
      kind: 'list',
      added: ['Occitanie (76)', 'Aveyron (12)'],
      removed: ['Hérault (34)'],
    });
    expect(sheet.sections).toEqual([
      { heading: 'De quoi s’agit-il ?', kind: 'changed' },
      { heading: 'Résultats', kind: 'added' },
    ]);
    const funder = diff.entries[3]!;
    expect(funder.fields.map((f) => f.path.join('.'))).toEqual(['appels', 'appels.mieux-manger-2026.cloture']);
    expect(funder.fields[1]).toMatchObject({ kind: 'changed', before: '30/04/2026', after: '31/05/2026' });
    expect(diff.entries[1]!.previousFile).toBe(SECOND_SHEET);
    expect(diff.entries[6]!.fields).toEqual([]);
    expect(diff.entries[7]!.unreadable).toEqual([{ side: 'head', problems: [expect.objectContaining({ line: 7 })] }]);
    expect(diff.others).toEqual([]);
  });
});

describe('essaim diff against the working tree', () => {
  it('includes uncommitted and untracked entries, and other files under content/', async () => {
    const dir = makeRepo('valide');
    write(dir, FUNDER, edit(read(dir, FUNDER), 'montant: Jusqu’à 30 000 €', 'montant: Jusqu’à 40 000 €'));
    write(
      dir,
      'content/tools/nouvel-outil.md',
      edit(
        fixture('valide', 'content/tools/grille-autodiagnostic.md'),
        'id: grille-autodiagnostic',
        'id: nouvel-outil',
      ),
    );
    write(dir, 'content/tools/schema.png', 'pas une entrée');
    const r = await run(['diff', 'main'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatchInlineSnapshot(`
      "De main à l’arbre de travail : 2 entrées (1 ajout, 1 modification).

      ~ Modification — Financeur « Fondation Solidarité Alimentaire »
        content/funders/fondation-solidarite.yaml
          Appel à projets « Mieux manger pour tous 2026 » : Montant : « Jusqu’à 30 000 € » → « Jusqu’à 40 000 € »

      + Ajout — Outil « Grille d’autodiagnostic de l’accueil »
        content/tools/nouvel-outil.md
          Type d’outil : Kit d’autodiagnostic
          Gratuit : Oui
          Maillons : Accompagnement, éducation alimentaire et lien social
          Territoires : National

      Autres fichiers modifiés sous content/ : content/tools/schema.png"
    `);
  });

  it('says so when nothing changed', async () => {
    const dir = makeRepo('valide');
    const r = await run(['diff', 'main', '--format', 'markdown'], dir);
    expect(r.out).toMatchInlineSnapshot(`"Aucune entrée ajoutée, modifiée ni supprimée."`);
  });

  it('refuses an unknown revision with a French message (exit 2)', async () => {
    const dir = makeRepo('valide');
    const r = await run(['diff', 'branche-inconnue'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatchInlineSnapshot(
      `"Erreur : Révision Git inconnue : « branche-inconnue ». Indiquez une branche, une étiquette ou un commit existant (git branch -a pour les lister)."`,
    );
  });

  it('refuses an unknown format', async () => {
    const dir = makeRepo('valide');
    const r = await run(['diff', 'main', '--format', 'html'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatchInlineSnapshot(`"Erreur : Format inconnu « html » : choisissez parmi text, markdown, json."`);
  });
});

describe('diffEntries (used by the service on entries in memory)', () => {
  const sheetCollection = collections.get('practices')!;
  const parse = (text: string) => parseEntry(sheetCollection, SHEET, text);

  it('names nested fields, removed values and removed sections', () => {
    const before = fixture('valide', SHEET) + '\n## Points de vigilance\n\nLe camion tombe parfois en panne.\n';
    let after = fixture('valide', SHEET);
    after = edit(after, 'nom: Association Les Paniers du Causse', 'nom: Les Paniers du Causse');
    after = edit(after, /couts: .*\n/, '');
    after = edit(after, /contacts:\n(?: {2}- .*\n| {4}.*\n)+/, '');
    const diff = diffEntries(parse(before), parse(after));
    expect(renderDiff({ base: 'a', head: 'b', entries: [diff], others: [] }, 'text')).toMatchInlineSnapshot(`
      "De a à b : 1 entrée (1 modification).

      ~ Modification — Fiche pratique « Épicerie solidaire mobile en milieu rural »
        content/practices/distribution/epicerie-solidaire-mobile.md
          Porteur : Nom : « Association Les Paniers du Causse » → « Les Paniers du Causse »
          Coûts et moyens : retiré (était « Un camion d’occasion (35 000 €) et un poste de coordination. »)
          Contacts pour essaimer : − « Association Les Paniers du Causse »
          Texte : section « Points de vigilance » supprimée"
    `);
  });

  it('keeps Markdown and mentions out of the Markdown form', () => {
    const after = edit(
      fixture('valide', SHEET),
      /titre: .*/,
      'titre: "Épicerie <b>mobile</b> *gratuite* @equipe-essaim"',
    );
    const diff = diffEntries(parse(fixture('valide', SHEET)), parse(after));
    expect(renderDiff({ base: 'a', head: 'b', entries: [diff], others: [] }, 'markdown')).toMatchInlineSnapshot(`
      "**1 entrée** (1 modification).

      ### ✏️ Fiche pratique « Épicerie &lt;b&gt;mobile&lt;/b&gt; \\*gratuite\\* @⁠equipe-essaim » — modification

      \`content/practices/distribution/epicerie-solidaire-mobile.md\`

      - **Titre** : « Épicerie solidaire mobile en milieu rural » → « Épicerie &lt;b&gt;mobile&lt;/b&gt; \\*gratuite\\* @⁠equipe-essaim »"
    `);
  });
});

describe('file names in the Markdown form', () => {
  it('stay one literal code span, whatever they hold (backticks, line breaks, mentions)', () => {
    const hostile = 'content/tools/a`` @equipe **gras**\n\n# Titre `x.md';
    const entry = {
      ...diffEntries(
        undefined,
        parseEntry(collections.get('tools')!, hostile, fixture('valide', 'content/tools/grille-autodiagnostic.md')),
      ),
      file: hostile,
    };
    const markdown = renderDiff(
      { base: 'a', head: 'b', entries: [entry], others: [{ status: 'M', file: 'content/x`y' }] },
      'markdown',
    );
    const tree = parseMarkdown(markdown);
    const codes: string[] = [];
    const strong: string[] = [];
    visit(tree, (node) => {
      if (node.type === 'inlineCode') codes.push(node.value);
      if (node.type === 'strong') strong.push(markdown.slice(node.position!.start.offset, node.position!.end.offset));
    });
    expect(codes).toEqual(['content/tools/a`` @equipe **gras**\uFFFD\uFFFD# Titre `x.md', 'content/', 'content/x`y']);
    expect(strong).not.toContain('**gras**');
    expect(tree.children.filter((n) => n.type === 'heading')).toHaveLength(1);
  });
});

describe('essaim diff on a branch behind its base', () => {
  it('compares from where the branch started, as a pull request does', async () => {
    const dir = makeRepo('valide');
    git(dir, 'switch', '-q', '-c', 'proposition');
    write(dir, TRAINING, edit(read(dir, TRAINING), 'gratuit: true', 'gratuit: false'));
    commitAll(dir, 'Formation payante');
    git(dir, 'switch', '-q', 'main');
    write(
      dir,
      'content/tools/nouvel-outil.md',
      edit(
        fixture('valide', 'content/tools/grille-autodiagnostic.md'),
        'id: grille-autodiagnostic',
        'id: nouvel-outil',
      ),
    );
    const fork = git(dir, 'merge-base', 'main', 'proposition');
    commitAll(dir, 'Un outil ajouté sur main entre-temps');
    const r = await run(['diff', 'main', 'proposition'], dir);
    expect(r.code).toBe(0);
    expect(r.out.replace(fork.slice(0, 7), 'ANCETRE')).toMatchInlineSnapshot(`
      "De main (depuis le point de départ commun, ANCETRE) à proposition : 1 entrée (1 modification).

      ~ Modification — Formation « Accueillir dignement à l’aide alimentaire »
        content/trainings/accueil-digne.yaml
          Gratuit : Oui → Non"
    `);
  });
});
