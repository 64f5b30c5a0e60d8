/** The form's own validation (rjsf + ajv in the browser) speaks French, one message per field. */
import { describe, expect, it } from 'vitest';
import validator from '@rjsf/validator-ajv8';
import { collections } from '../../src/content/collections.js';
import { errorSchemaOf, frenchErrors, uiSchemaFor } from '../../src/components/form/form-ui.js';
import { formSchemaOf } from '../../src/components/form/schemas.js';

const practices = collections.get('practices')!;

describe('messages du formulaire', () => {
  it('traduit les erreurs d’ajv en français, rattachées à leur champ', () => {
    const schema = formSchemaOf(practices);
    const { errors } = validator.validateFormData(
      {
        titre: 'ab',
        resume: 'court',
        maillons: [],
        stade: 'inconnu',
        porteur: { nom: 'X', type: 'association', site: 'http://exemple.fr' },
        territoires: ['dep-34', 'dep-34'],
      },
      schema as never,
      undefined,
      frenchErrors(schema, () => true),
    );
    expect(errors.map((e) => `${e.property} : ${e.message}`)).toMatchInlineSnapshot(`
      [
        ".criteres : Le champ « Critères d’une alimentation digne et durable » est obligatoire.",
        ".nature : Le champ « Nature » est obligatoire.",
        ".niveau_preuve : Le champ « Niveau de preuve » est obligatoire.",
        ".titre : « Titre » est trop court (3 caractères au moins).",
        ".resume : « Résumé » est trop court (20 caractères au moins).",
        ".maillons : Choisissez au moins une valeur pour « Maillons ».",
        ".stade : Choisissez une valeur proposée pour « Stade ».",
        ".territoires : « Territoires » contient deux fois la même valeur.",
        ".porteur.site : « Site » doit être une adresse commençant par https://.",
      ]
    `);
  });

  it('ne montre que les champs déjà touchés avant le premier envoi', () => {
    const schema = formSchemaOf(practices);
    const { errors } = validator.validateFormData(
      { titre: 'ab' },
      schema as never,
      undefined,
      frenchErrors(schema, (p) => p === '.titre'),
    );
    expect(errors.map((e) => e.property)).toEqual(['.titre']);
  });

  it('place les erreurs du service sous leurs champs', () => {
    expect(
      errorSchemaOf([
        { champ: 'porteur.nom', message: 'A' },
        { champ: 'titre', message: 'B' },
        { champ: 'titre', message: 'C' },
      ]),
    ).toEqual({
      porteur: { nom: { __errors: ['A'] } },
      titre: { __errors: ['B', 'C'] },
    });
  });

  it('choisit les bons composants : cases à cocher, territoires filtrables, oui/non, zones de texte', () => {
    const ui = uiSchemaFor(formSchemaOf(practices));
    expect(ui.maillons).toEqual({ 'ui:widget': 'checkboxes' });
    expect(ui.territoires).toEqual({ 'ui:widget': 'territoires' });
    expect(ui.visites_apprenantes).toMatchObject({ 'ui:widget': 'radio' });
    expect(ui.resume).toMatchObject({ 'ui:widget': 'textarea' });
  });
});
