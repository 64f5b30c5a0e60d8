/**
 * The form's steps (the DSFR stepper): « Quoi » (title, summary and the other required fields),
 * « Où et pour qui » (territories, audiences, places and carriers),
 * « Contenu » (every other field and the text), « Contact » (only with the service), « Relecture ».
 * Computed from the collection's form schema, so a new field lands in a step by itself.
 */
import type { JsonSchema } from '../../content/schemas.js';

export type StepKind = 'champs' | 'contact' | 'relecture';

export interface Step {
  titre: string;
  kind: StepKind;
  /** Top-level fields shown (and checked) in this step. */
  champs: string[];
  /** The step shows the Markdown text (and the reason for an edit). */
  texte: boolean;
}

const WHERE_AND_WHO = new Set([
  'territoires',
  'publics',
  'audience',
  'beneficiaires',
  'lieu',
  'en_ligne',
  'accessibilite',
  'porteur',
  'partenaires',
]);

export function formSteps(schema: JsonSchema, options: { withContact: boolean }): Step[] {
  const fields = Object.keys(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const what = fields.filter((f) => !WHERE_AND_WHO.has(f) && (f === 'titre' || f === 'resume' || required.has(f)));
  const where = fields.filter((f) => WHERE_AND_WHO.has(f));
  const content = fields.filter((f) => !what.includes(f) && !where.includes(f));
  const steps: Step[] = [
    { titre: 'Quoi', kind: 'champs', champs: what, texte: false },
    { titre: 'Où et pour qui', kind: 'champs', champs: where, texte: false },
    { titre: 'Contenu', kind: 'champs', champs: content, texte: true },
  ];
  if (options.withContact) steps.push({ titre: 'Contact', kind: 'contact', champs: [], texte: false });
  steps.push({ titre: 'Relecture', kind: 'relecture', champs: [], texte: false });
  // A collection with nothing « where and for whom » (none today) skips that step.
  return steps.filter((s) => s.kind !== 'champs' || s.champs.length > 0 || s.texte);
}

/** The step that shows a field (`porteur.nom` → the step of `porteur`), or -1. */
export function stepOfField(steps: readonly Step[], champ: string): number {
  if (champ === 'texte' || champ === 'motif') return steps.findIndex((s) => s.texte);
  if (champ.startsWith('contact')) return steps.findIndex((s) => s.kind === 'contact');
  const top = champ.replace(/^\./, '').split('.')[0] ?? '';
  return steps.findIndex((s) => s.champs.includes(top));
}
