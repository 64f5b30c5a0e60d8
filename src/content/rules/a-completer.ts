import type { EntryRule } from './types.js';

/** The marker that `essaim new` leaves where the contributor still has to write. */
export const PLACEHOLDER = 'À COMPLÉTER';

function walk(value: unknown, steps: (string | number)[], found: (string | number)[][]): void {
  if (typeof value === 'string') {
    if (value.includes(PLACEHOLDER)) found.push(steps);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, [...steps, i], found));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, [...steps, k], found);
  }
}

/**
 * Whether a value read from this YAML text may hold the marker. A value's characters are those
 * of the text, except escapes (`\`, in double quotes) and line breaks folded into a space or kept:
 * without a `\`, « COMPLÉTER », which has no space, can only come from the same letters in the text.
 */
export function yamlMayHoldPlaceholder(yaml: string): boolean {
  return yaml.includes('COMPLÉTER') || yaml.includes('\\');
}

/** Whether any text of the value holds the marker (no paths built: most entries have none). */
export function holds(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(PLACEHOLDER);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const v of value) if (holds(v)) return true;
    return false;
  }
  for (const k in value) if (Object.hasOwn(value, k) && holds((value as Record<string, unknown>)[k])) return true;
  return false;
}

export const aCompleter: EntryRule = {
  id: 'a-completer',
  description: 'Aucun texte « À COMPLÉTER » laissé par le modèle ne reste dans l’entrée.',
  check(ctx) {
    const { entry } = ctx;
    const found: (string | number)[][] = [];
    if (yamlMayHoldPlaceholder(entry.yaml) && holds(entry.data)) walk(entry.data, [], found);
    for (const steps of found) {
      ctx.report(entry.locate(steps), 'Ce champ contient encore le texte « À COMPLÉTER » du modèle.', 'Remplacez-le par le vrai contenu.');
    }
    if (!entry.body.includes(PLACEHOLDER)) return;
    entry.body.split('\n').forEach((line, i) => {
      const col = line.indexOf(PLACEHOLDER);
      if (col >= 0) ctx.report(ctx.bodyPosition(i + 1, col + 1), 'Le texte contient encore « À COMPLÉTER ».', 'Rédigez cette partie ou supprimez la section.');
    });
  },
};
