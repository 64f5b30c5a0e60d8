import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { edit, fixture } from '../../../test/helpers/tree.js';

const PRACTICE = 'content/practices/distribution/epicerie-solidaire-mobile.md';
const FUNDER = 'content/funders/fondation-solidarite.yaml';
const EVENT = 'content/events/visite-epicerie-mobile.yaml';
const practice = fixture('valide', PRACTICE);
const funder = fixture('valide', FUNDER);
const event = fixture('valide', EVENT);
const schemaOnly = (lines: string[]): string[] => lines.filter((l) => l.includes('  schema  '));

describe('schema', () => {
  it('accepts complete entries', () => {
    expect(checkEntry(PRACTICE, practice)).toEqual([]);
    expect(checkEntry(FUNDER, funder)).toEqual([]);
    expect(checkEntry(EVENT, event)).toEqual([]);
  });

  it('accepts an event given by dates only', () => {
    expect(
      checkEntry(
        EVENT,
        edit(
          edit(event, 'debut: 2026-10-05T09:30:00+02:00', 'debut: 2026-10-05'),
          'fin: 2026-10-05T13:00:00+02:00',
          'fin: 2026-10-06',
        ),
      ),
    ).toEqual([]);
  });

  it('reports a missing required field at the map that lacks it, with its French title', () => {
    expect(checkEntry(PRACTICE, edit(practice, /porteur:\n( {2}.*\n)+/, ''))).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:2:1  schema  Le champ obligatoire « Porteur » (\`porteur\`) est manquant. → Ajoutez le champ \`porteur\` : Structure qui porte la pratique.",
      ]
    `);
  });

  it('reports a missing required sub-field at its parent', () => {
    expect(checkEntry(PRACTICE, edit(practice, '  type: association\n', ''))).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:21:3  schema  Le champ obligatoire « Type de structure » (\`type\`) est manquant. → Ajoutez le champ \`type\` : Type de la structure porteuse.",
      ]
    `);
  });

  it('suggests the closest field for an unknown one, and lists the fields when nothing is close', () => {
    expect(checkEntry(PRACTICE, edit(practice, 'stade:', 'statde:'))).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:2:1  schema  Le champ obligatoire « Stade » (\`stade\`) est manquant. → Ajoutez le champ \`stade\` : Stade de développement de la pratique.",
        "content/practices/distribution/epicerie-solidaire-mobile.md:12:1  schema  Champ inconnu : \`statde\`. → Vouliez-vous écrire \`stade\` ?",
      ]
    `);
    expect(checkEntry(FUNDER, edit(funder, '    montant:', '    budget_global_prevu:'))).toMatchInlineSnapshot(`
      [
        "content/funders/fondation-solidarite.yaml:18:5  schema  Champ inconnu : \`budget_global_prevu\`. → Supprimez-le ; champs possibles : id, titre, resume, recurrence, ouverture, cloture, calendrier, type_aide, montant, montant_min, montant_max, taux_max, eligibilite, beneficiaires, territoires, maillons, url, reglement, sources.",
      ]
    `);
  });

  it('reports a wrong type', () => {
    expect(checkEntry(PRACTICE, edit(practice, 'visites_apprenantes: true', 'visites_apprenantes: "oui"')))
      .toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:14:22  schema  « Accepte des visites apprenantes » doit être \`true\` ou \`false\`.",
      ]
    `);
    expect(checkEntry(PRACTICE, edit(practice, /territoires:\n {2}- dep-34/, 'territoires: dep-34')))
      .toMatchInlineSnapshot(`
        [
          "content/practices/distribution/epicerie-solidaire-mobile.md:15:14  schema  « Territoires » doit être une liste.",
        ]
      `);
  });

  it('reports a vocabulary value that does not exist, listing the allowed ones', () => {
    expect(checkEntry(PRACTICE, edit(practice, '  type: association', '  type: asso'))).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:22:9  schema  Valeur non reconnue pour « Type de structure ». → Valeurs possibles : association, reseau-national, banque-alimentaire, epicerie-sociale-solidaire, ccas-cias, collectivite, etat, etablissement-public, fondation, entreprise-ess, entreprise, collectif-citoyen, …",
      ]
    `);
    expect(checkEntry(PRACTICE, edit(practice, '  - dep-34', '  - dep-999'))).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:16:5  schema  Valeur non reconnue pour « Territoire ». → Indiquez national, reg-<code INSEE> (région), dep-<code INSEE> (département), com-<code INSEE> (commune, par exemple com-34172) ou epci-<SIREN> (intercommunalité).",
      ]
    `);
  });

  it('reports wrong dates and date-times', () => {
    expect(checkEntry(PRACTICE, edit(practice, 'date_maj: 2026-01-10', 'date_maj: 2026-1-10'))).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:39:11  schema  « Dernière mise à jour » doit être une date au format AAAA-MM-JJ. → Par exemple : 2026-03-31.",
      ]
    `);
    expect(checkEntry(EVENT, edit(event, 'debut: 2026-10-05T09:30:00+02:00', 'debut: 5 octobre 2026 à 9h30')))
      .toMatchInlineSnapshot(`
      [
        "content/events/visite-epicerie-mobile.yaml:6:8  schema  « Début » doit être une date (AAAA-MM-JJ) ou une date et heure. → Par exemple : 2026-03-31 ou 2026-03-31T14:00:00+02:00.",
      ]
    `);
  });

  it('reports http:// and non-URL addresses, and malformed e-mail addresses', () => {
    expect(checkEntry(FUNDER, edit(funder, '    url: https://', '    url: http://'))).toMatchInlineSnapshot(`
      [
        "content/funders/fondation-solidarite.yaml:27:10  schema  « Lien » doit être une adresse commençant par https://. → Utilisez l’adresse sécurisée (https://) de la page.",
      ]
    `);
    expect(
      checkEntry(
        PRACTICE,
        edit(practice, 'courriel: contact@paniers-du-causse.example.org', 'courriel: contact-at-paniers'),
      ),
    ).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:31:15  schema  « Courriel » doit être une adresse électronique. → Par exemple : contact@exemple.fr.",
      ]
    `);
  });

  it('reports lengths, empty lists, duplicates and malformed identifiers and references', () => {
    expect(schemaOnly(checkEntry(PRACTICE, edit(practice, /^resume: .*$/m, 'resume: Trop court.'))))
      .toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:4:9  schema  « Résumé » est trop court (20 caractères au moins).",
      ]
    `);
    expect(schemaOnly(checkEntry(PRACTICE, edit(practice, /criteres:\n( {2}- .*\n)+/, 'criteres: []\n'))))
      .toMatchInlineSnapshot(`
        [
          "content/practices/distribution/epicerie-solidaire-mobile.md:9:11  schema  « Critères d’une alimentation digne et durable » doit contenir au moins 1 valeur.",
        ]
      `);
    expect(schemaOnly(checkEntry(PRACTICE, edit(practice, '  - personnes-agees', '  - territoires-ruraux'))))
      .toMatchInlineSnapshot(`
        [
          "content/practices/distribution/epicerie-solidaire-mobile.md:18:3  schema  « Publics » contient deux fois la même valeur. → Supprimez le doublon.",
        ]
      `);
    expect(schemaOnly(checkEntry(PRACTICE, edit(practice, 'id: epicerie-solidaire-mobile', 'id: Épicerie_Mobile'))))
      .toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:2:5  schema  « Identifiant » ne doit contenir que des minuscules sans accent, des chiffres et des tirets. → Par exemple : epicerie-solidaire-mobile.",
      ]
    `);
    expect(
      schemaOnly(
        checkEntry(PRACTICE, edit(practice, '  - tools/grille-autodiagnostic', '  - outils/grille-autodiagnostic')),
      ),
    ).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:37:5  schema  « Référence » doit être de la forme <collection>/<identifiant>. → Par exemple : studies/barometre-secours-populaire.",
      ]
    `);
  });

  it('reports an entry that is not a set of fields', () => {
    expect(checkEntry(FUNDER, '- un\n- deux\n')).toMatchInlineSnapshot(`
      [
        "content/funders/fondation-solidarite.yaml:1:1  yaml  L’en-tête doit être une liste de champs \`nom: valeur\`. → Partez du modèle créé par \`essaim new\`.",
      ]
    `);
  });

  it('leaves « À COMPLÉTER » values to the a-completer rule', () => {
    const lines = checkEntry(PRACTICE, edit(practice, 'stade: deploiement', 'stade: À COMPLÉTER'));
    expect(lines.map((l) => l.split('  ')[1])).toEqual(['a-completer']);
  });
});
