/**
 * One complete valid entry and one invalid entry for every collection (test/fixtures/valide and
 * test/fixtures/invalide): the valid tree has no problem at all, and each invalid entry gets every
 * one of its mistakes, located and explained in French.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allCollections, collectionOrder, findCollection, idOfFile, refOfFile } from '../../src/content/collections.js';
import { listFiles, relPath } from '../../src/content/paths.js';
import { checkTree } from '../helpers/check.js';
import { fixturesDir } from '../helpers/tree.js';

function entriesOf(tree: string): string[] {
  const root = path.join(fixturesDir, tree);
  return listFiles(path.join(root, 'content')).map((abs) => relPath(root, abs));
}

describe('fixtures of every collection', () => {
  it.each(['valide', 'invalide'])('%s holds exactly one entry per collection', (tree) => {
    const files = entriesOf(tree);
    expect(files).toHaveLength(allCollections().length);
    for (const c of allCollections()) expect(files.filter((f) => f.startsWith(`${c.folder}/`))).toHaveLength(1);
  });
});

describe('the registry', () => {
  it('gives an entry its id and its reference from its file name, whatever the folder', () => {
    const practices = findCollection('fiche')!;
    expect(idOfFile('content/practices/distribution/epicerie-mobile.md')).toBe('epicerie-mobile');
    expect(idOfFile('content/funders/fondation.v2.yaml')).toBe('fondation.v2');
    expect(refOfFile({ collection: practices, file: 'content/practices/distribution/epicerie-mobile.md' })).toBe(
      'practices/epicerie-mobile',
    );
  });

  it('orders the collections as it lists them', () => {
    expect(allCollections().map((c) => collectionOrder(c.name))).toEqual(allCollections().map((_, i) => i));
    expect(collectionOrder('practices')).toBeLessThan(collectionOrder('news'));
  });
});

describe('valid entries', () => {
  it('the complete valid entry of every collection yields no problem', () => {
    expect(checkTree('valide', {})).toEqual([]);
  });
});

describe('invalid entries', () => {
  let problems: string[] = [];
  beforeAll(() => {
    problems = checkTree('invalide', {});
  });
  const of = (folder: string): string[] => problems.filter((p) => p.startsWith(`content/${folder}/`));

  it('every invalid entry is reported, with nothing outside the fixtures', () => {
    for (const c of allCollections()) expect(of(c.folder.slice('content/'.length)).length).toBeGreaterThanOrEqual(4);
    expect(problems.every((p) => p.startsWith('content/'))).toBe(true);
  });

  it('practices', () => {
    expect(of('practices')).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/frigo-solidaire.md:2:1  schema  Le champ obligatoire « Nature » (\`nature\`) est manquant. → Ajoutez le champ \`nature\` : Type de pratique (générique, reproductible partout) ou projet (un porteur, un lieu).",
        "content/practices/distribution/frigo-solidaire.md:2:1  schema  Le champ obligatoire « Territoires » (\`territoires\`) est manquant. → Ajoutez le champ \`territoires\` : Territoires couverts : « national », des régions, des départements, des communes (com-<code INSEE>) ou des intercommunalités (epci-<SIREN>).",
        "content/practices/distribution/frigo-solidaire.md:8:5  schema  Valeur non reconnue pour « Critère ». → Valeurs possibles : dignite-libre-choix, participation-personnes, qualite-nutritionnelle, durabilite-environnementale, lien-social, acces-non-stigmatisant, ancrage-territorial, autonomie-sortie-precarite.",
        "content/practices/distribution/frigo-solidaire.md:9:8  schema  Valeur non reconnue pour « Stade ». → Valeurs possibles : experimentation, deploiement, essaimee.",
        "content/practices/distribution/frigo-solidaire.md:10:16  schema  Valeur non reconnue pour « Niveau de preuve ». → Valeurs possibles : aucune, auto-evaluation, evaluation-externe, etude-publiee.",
        "content/practices/distribution/frigo-solidaire.md:11:1  schema  Champ inconnu : \`teritoires\`. → Vouliez-vous écrire \`territoires\` ?",
        "content/practices/distribution/frigo-solidaire.md:16:9  schema  « Site » doit être une adresse commençant par https://. → Utilisez l’adresse sécurisée (https://) de la page.",
        "content/practices/distribution/frigo-solidaire.md:17:17  schema  « Dernière revue » doit être une date au format AAAA-MM-JJ. → Par exemple : 2026-03-31.",
      ]
    `);
  });
  it('studies', () => {
    expect(of('studies')).toMatchInlineSnapshot(`
      [
        "content/studies/enquete-etudiants.md:2:1  schema  Le champ obligatoire « Éditeur » (\`editeur\`) est manquant. → Ajoutez le champ \`editeur\` : Organisation qui publie l’étude.",
        "content/studies/enquete-etudiants.md:5:7  schema  Valeur non reconnue pour « Type d’étude ». → Valeurs possibles : enquete, barometre, observatoire, evaluation, rapport, etude.",
        "content/studies/enquete-etudiants.md:6:19  schema  « Date de publication » doit être une année, un mois ou un jour : AAAA, AAAA-MM ou AAAA-MM-JJ. → Par exemple : "2023" (entre guillemets), 2023-09 ou 2023-09-14 ; ne donnez que ce qui est connu.",
        "content/studies/enquete-etudiants.md:7:6  schema  « Lien » doit être une adresse commençant par https://. → Utilisez l’adresse sécurisée (https://) de la page.",
        "content/studies/enquete-etudiants.md:10:1  schema  Champ inconnu : \`pubics\`. → Vouliez-vous écrire \`publics\` ?",
      ]
    `);
  });
  it('funders', () => {
    expect(of('funders')).toMatchInlineSnapshot(`
      [
        "content/funders/conseil-departemental.yaml:5:7  schema  Valeur non reconnue pour « Type de financeur ». → Valeurs possibles : etat, collectivite, etablissement-public, fondation, fonds-europeen, entreprise.",
        "content/funders/conseil-departemental.yaml:6:7  schema  « Site » doit être une adresse commençant par https://. → Utilisez l’adresse sécurisée (https://) de la page.",
        "content/funders/conseil-departemental.yaml:10:5  schema  Le champ obligatoire « Résumé » (\`resume\`) est manquant. → Ajoutez le champ \`resume\` : Ce que l’appel finance, en une ou deux phrases.",
        "content/funders/conseil-departemental.yaml:13:14  schema  « Date limite » doit être une date au format AAAA-MM-JJ. → Par exemple : 2026-03-31.",
        "content/funders/conseil-departemental.yaml:17:5  schema  Champ inconnu : \`montnat\`. → Vouliez-vous écrire \`montant\` ?",
      ]
    `);
  });
  it('trainings', () => {
    expect(of('trainings')).toMatchInlineSnapshot(`
      [
        "content/trainings/mooc-aide-alimentaire.yaml:6:9  schema  Valeur non reconnue pour « Format ». → Valeurs possibles : presentiel, distanciel, mooc, hybride.",
        "content/trainings/mooc-aide-alimentaire.yaml:7:6  schema  « Lien » doit être une adresse commençant par https://. → Utilisez l’adresse sécurisée (https://) de la page.",
        "content/trainings/mooc-aide-alimentaire.yaml:11:12  schema  « Début » doit être une date au format AAAA-MM-JJ. → Par exemple : 2026-03-31.",
        "content/trainings/mooc-aide-alimentaire.yaml:12:1  schema  Champ inconnu : \`audiance\`. → Vouliez-vous écrire \`audience\` ?",
      ]
    `);
  });
  it('tools', () => {
    expect(of('tools')).toMatchInlineSnapshot(`
      [
        "content/tools/kit-collecte.md:2:1  schema  Le champ obligatoire « Éditeur » (\`editeur\`) est manquant. → Ajoutez le champ \`editeur\` : Structure qui publie l’outil.",
        "content/tools/kit-collecte.md:5:7  schema  Valeur non reconnue pour « Type d’outil ». → Valeurs possibles : guide, modele, autodiagnostic, grille-evaluation, kit.",
        "content/tools/kit-collecte.md:6:6  schema  « Lien » doit être une adresse commençant par https://. → Utilisez l’adresse sécurisée (https://) de la page.",
        "content/tools/kit-collecte.md:9:11  schema  « Dernière mise à jour » doit être une date au format AAAA-MM-JJ. → Par exemple : 2026-03-31.",
        "content/tools/kit-collecte.md:10:1  schema  Champ inconnu : \`gratui\`. → Vouliez-vous écrire \`gratuit\` ?",
      ]
    `);
  });
  it('events', () => {
    expect(of('events')).toMatchInlineSnapshot(`
      [
        "content/events/webinaire-cuisine.yaml:2:1  schema  Le champ obligatoire « Organisateur » (\`organisateur\`) est manquant. → Ajoutez le champ \`organisateur\` : Structure qui organise.",
        "content/events/webinaire-cuisine.yaml:5:7  schema  Valeur non reconnue pour « Type d’événement ». → Valeurs possibles : webinaire, atelier, visite-apprenante, conference, rencontre.",
        "content/events/webinaire-cuisine.yaml:6:8  schema  « Début » doit être une date (AAAA-MM-JJ) ou une date et heure. → Par exemple : 2026-03-31 ou 2026-03-31T14:00:00+02:00.",
        "content/events/webinaire-cuisine.yaml:7:6  schema  « Lien » doit être une adresse commençant par https://. → Utilisez l’adresse sécurisée (https://) de la page.",
        "content/events/webinaire-cuisine.yaml:10:1  schema  Champ inconnu : \`en_ligen\`. → Vouliez-vous écrire \`en_ligne\` ?",
      ]
    `);
  });
  it('actors', () => {
    expect(of('actors')).toMatchInlineSnapshot(`
      [
        "content/actors/banque-sans-territoire.yaml:2:1  schema  Le champ obligatoire « Territoires couverts » (\`territoires\`) est manquant. → Ajoutez le champ \`territoires\` : Territoires couverts : « national », des régions, des départements, des communes (com-<code INSEE>) ou des intercommunalités (epci-<SIREN>).",
        "content/actors/banque-sans-territoire.yaml:8:7  schema  « Site public » doit être une adresse commençant par https://. → Utilisez l’adresse sécurisée (https://) de la page.",
        "content/actors/banque-sans-territoire.yaml:10:11  schema  Valeur non reconnue pour « Niveau ». → Valeurs possibles : nationale, regionale.",
        "content/actors/banque-sans-territoire.yaml:11:1  schema  Champ inconnu : \`telephone\`. → Supprimez-le ; champs possibles : id, titre, resume, type_structure, territoires, maillons, actions, site, habilitation, fiches, sources, date_maj, note_interne.",
      ]
    `);
  });

  it('platforms', () => {
    expect(of('platforms')).toMatchInlineSnapshot(`
      [
        "content/platforms/carte-solidaire.yaml:2:1  schema  Le champ obligatoire « À quoi elle sert » (\`usage\`) est manquant. → Ajoutez le champ \`usage\` : Ce que la plateforme permet de faire, et pour qui.",
        "content/platforms/carte-solidaire.yaml:5:6  schema  « Lien » doit être une adresse commençant par https://. → Utilisez l’adresse sécurisée (https://) de la page.",
        "content/platforms/carte-solidaire.yaml:8:5  schema  Valeur non reconnue pour « Territoire ». → Indiquez national, reg-<code INSEE> (région), dep-<code INSEE> (département), com-<code INSEE> (commune, par exemple com-34172) ou epci-<SIREN> (intercommunalité).",
        "content/platforms/carte-solidaire.yaml:10:11  schema  « Dernière mise à jour » doit être une date au format AAAA-MM-JJ. → Par exemple : 2026-03-31.",
        "content/platforms/carte-solidaire.yaml:11:1  schema  Champ inconnu : \`publiques\`. → Vouliez-vous écrire \`publics\` ?",
      ]
    `);
  });
  it('news', () => {
    expect(of('news')).toMatchInlineSnapshot(`
      [
        "content/news/lettre-juin.md:2:1  schema  Le champ obligatoire « Résumé » (\`resume\`) est manquant. → Ajoutez le champ \`resume\` : Résumé en une ou deux phrases (300 caractères au plus), affiché dans les listes et les résultats de recherche.",
        "content/news/lettre-juin.md:4:7  schema  « Date de publication » doit être une date au format AAAA-MM-JJ. → Par exemple : 2026-03-31.",
        "content/news/lettre-juin.md:5:7  schema  Valeur non reconnue pour « Type d’actualité ». → Valeurs possibles : veille, revue-de-presse, lettre, annonce.",
        "content/news/lettre-juin.md:8:1  schema  Champ inconnu : \`etiquetes\`. → Vouliez-vous écrire \`etiquettes\` ?",
      ]
    `);
  });
});
