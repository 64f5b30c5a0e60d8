/**
 * The browser's entry file (static hosting) is byte for byte the core's canonical text, and the
 * form's schema is the collection's schema as a person fills it.
 */
import { describe, expect, it } from 'vitest';
import { allCollections, collections } from '../../src/content/collections.js';
import { askedFields, formSchema, inlineRefs, vocabularyOptions } from '../../src/content/form-schema.js';
import { listEntries, readEntry } from '../../src/content/load.js';
import { readSchema } from '../../src/content/schemas.js';
import { entryPath, serializeEntry, slugify } from '../../src/content/serialize.js';
import { isRead } from '../../src/content/validate.js';
import { repoRoot } from '../../src/content/paths.js';
import { serializeWithSchema } from '../../src/content/canonical.js';
import { formSchemaOf, fullSchema } from '../../src/components/form/schemas.js';

const fixtures = `${repoRoot}/test/fixtures/valide`;

describe('fichier produit dans le navigateur', () => {
  const entries = [fixtures, repoRoot]
    .flatMap((root) => listEntries(root).files.map((f) => ({ root, entry: readEntry(root, f) })))
    .filter(({ entry }) => isRead(entry));

  it('a des entrées à comparer dans chaque collection', () => {
    expect(new Set(entries.map(({ entry }) => entry.collection.name))).toEqual(
      new Set(allCollections().map((c) => c.name)),
    );
  });

  it('écrit le même texte que le cœur, pour chaque entrée du dépôt et des exemples', () => {
    for (const { entry } of entries) {
      const c = entry.collection;
      // Keys shuffled: the order must come from the schema, as in the core.
      const shuffled = Object.fromEntries(Object.entries(entry.data!).reverse());
      const file = entryPath(c, entry.data!);
      expect(entryPath(c, shuffled)).toBe(file);
      // The browser serialises with the bundled schema (refs inlined), the core with schemas read from disk.
      expect(serializeWithSchema(c, fullSchema(c), file, shuffled, entry.body)).toBe(
        serializeEntry(c, file, shuffled, entry.body),
      );
    }
  });

  it('donne un identifiant sûr pour des titres difficiles', () => {
    const slugs = [
      'Épicerie « solidaire » & cœur',
      'L’Œuvre des Æ',
      '   ',
      '../../.github/x',
      'a'.repeat(90),
      'Mots '.repeat(30),
    ].map((t) => slugify(t));
    expect(slugs.slice(0, 4)).toEqual(['epicerie-solidaire-coeur', 'l-oeuvre-des-ae', '', 'github-x']);
    for (const slug of slugs.slice(4)) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(Math.max(...slugs.map((x) => x.length))).toBeLessThanOrEqual(60);
  });
});

describe('schéma du formulaire', () => {
  it('ne demande ni identifiant, ni dates calculées, ni note interne', () => {
    for (const c of allCollections()) {
      const s = formSchemaOf(c);
      for (const f of ['id', 'date_maj', 'derniere_revue', 'note_interne']) {
        expect(s.properties?.[f]).toBeUndefined();
        expect(s.required ?? []).not.toContain(f);
      }
      expect(JSON.stringify(s)).not.toContain('$ref');
      expect(JSON.stringify(s)).not.toContain('x-labels');
    }
    expect(askedFields(inlineRefs(readSchema('practice'), readSchema('defs')))).toMatchInlineSnapshot(`
      [
        "titre",
        "resume",
        "nature",
        "maillons",
        "criteres",
        "stade",
        "niveau_preuve",
        "preuve_lien",
        "chiffres",
        "visites_apprenantes",
        "territoires",
        "publics",
        "porteur",
        "partenaires",
        "couts",
        "contacts",
        "ressources",
        "ressources_liees",
        "sources",
      ]
    `);
  });

  it('présente les vocabulaires avec leurs libellés français', () => {
    const s = formSchemaOf(collections.get('practices')!);
    const territoires = vocabularyOptions(s.properties?.territoires);
    expect(territoires.length).toBe(120);
    expect(territoires.slice(0, 3)).toMatchInlineSnapshot(`
      [
        {
          "label": "National",
          "value": "national",
        },
        {
          "label": "Guadeloupe",
          "value": "reg-01",
        },
        {
          "label": "Martinique",
          "value": "reg-02",
        },
      ]
    `);
    expect(vocabularyOptions(s.properties?.maillons).map((o) => o.label)).toMatchInlineSnapshot(`
      [
        "Repérage, aller-vers et orientation",
        "Approvisionnement (dons, achats, production, anti-gaspillage)",
        "Logistique, stockage et transport",
        "Distribution et accès à l’alimentation",
        "Accompagnement, éducation alimentaire et lien social",
        "Participation et pouvoir d’agir des personnes concernées",
        "Coopération et gouvernance territoriales",
        "Pilotage, évaluation et formation des acteurs",
      ]
    `);
    expect(s.properties?.stade).toMatchInlineSnapshot(`
      {
        "description": "Stade de développement de la pratique.",
        "oneOf": [
          {
            "const": "experimentation",
            "title": "Expérimentation",
          },
          {
            "const": "deploiement",
            "title": "Déploiement",
          },
          {
            "const": "essaimee",
            "title": "Essaimée (reproduite ailleurs)",
          },
        ],
        "title": "Stade",
        "type": "string",
      }
    `);
    expect(s.properties?.porteur?.properties?.nom?.title).toBe('Nom');
  });

  it('garde les titres et descriptions locaux par-dessus ceux des définitions', () => {
    const s = formSchema(readSchema('practice'), readSchema('defs'));
    expect(s.properties?.stade?.description).toBe('Stade de développement de la pratique.');
    expect(s.properties?.porteur?.properties?.site?.title).toBe('Site');
    expect(s.properties?.porteur?.properties?.site?.pattern).toBe('^https://[^\\s]+$');
  });
});
