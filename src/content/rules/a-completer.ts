import type { EntryRule } from './types.js';

/** The marker that `essaim new` leaves where the contributor still has to write. */
export const PLACEHOLDER = 'À COMPLÉTER';

/** Data paths of the texts, at any depth, that hold the marker. */
function placeholders(value: unknown, steps: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return value.includes(PLACEHOLDER) ? [steps] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholders(v, [...steps, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => placeholders(v, [...steps, k]));
  return [];
}

export const aCompleter: EntryRule = {
  id: 'a-completer',
  description: 'Aucun texte « À COMPLÉTER » laissé par le modèle ne reste dans l’entrée.',
  check(ctx) {
    const { entry } = ctx;
    for (const steps of placeholders(entry.data)) {
      ctx.report(
        entry.locate(steps),
        'Ce champ contient encore le texte « À COMPLÉTER » du modèle.',
        'Remplacez-le par le vrai contenu.',
      );
    }
    entry.body.split('\n').forEach((line, i) => {
      const col = line.indexOf(PLACEHOLDER);
      if (col >= 0)
        ctx.report(
          ctx.bodyPosition(i + 1, col + 1),
          'Le texte contient encore « À COMPLÉTER ».',
          'Rédigez cette partie ou supprimez la section.',
        );
    });
  },
};
