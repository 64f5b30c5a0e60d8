/** The form's steps: every field of every collection in exactly one step, in the order of the stepper. */
import { describe, expect, it } from 'vitest';
import { allCollections, collections } from '../../src/content/collections.js';
import { formSchemaOf } from '../../src/components/form/schemas.js';
import { formSteps, stepOfField } from '../../src/components/form/steps.js';

describe('étapes du formulaire', () => {
  it('chaque champ de chaque collection est dans une étape, une seule', () => {
    for (const c of allCollections()) {
      const schema = formSchemaOf(c);
      const steps = formSteps(schema, { withContact: true });
      const placed = steps.flatMap((s) => s.champs);
      expect([...placed].sort(), c.name).toEqual(Object.keys(schema.properties ?? {}).sort());
      expect(
        steps.map((s) => s.titre),
        c.name,
      ).toEqual(['Quoi', 'Où et pour qui', 'Contenu', 'Contact', 'Relecture']);
    }
  });

  it('une fiche pratique : l’essentiel d’abord, puis le territoire et le porteur, puis le reste et le texte', () => {
    const steps = formSteps(formSchemaOf(collections.get('practices')!), { withContact: true });
    expect(steps.map((s) => `${s.titre} : ${s.champs.join(', ')}`)).toMatchInlineSnapshot(`
      [
        "Quoi : titre, resume, nature, maillons, criteres, stade, niveau_preuve",
        "Où et pour qui : territoires, publics, porteur, partenaires",
        "Contenu : preuve_lien, chiffres, visites_apprenantes, couts, contacts, ressources, ressources_liees, sources",
        "Contact : ",
        "Relecture : ",
      ]
    `);
    expect(stepOfField(steps, 'porteur.nom')).toBe(1);
    expect(stepOfField(steps, 'texte')).toBe(2);
    expect(stepOfField(steps, 'contact.courriel')).toBe(3);
  });

  it('sans service (site statique), pas d’étape « Contact »', () => {
    const steps = formSteps(formSchemaOf(collections.get('platforms')!), { withContact: false });
    expect(steps.map((s) => s.titre)).toEqual(['Quoi', 'Où et pour qui', 'Contenu', 'Relecture']);
  });
});
