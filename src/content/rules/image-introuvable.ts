import { localProblems } from '../site-paths.js';
import type { EntryRule } from './types.js';

export const imageIntrouvable: EntryRule = {
  id: 'image-introuvable',
  description:
    'Chaque image locale est un fichier du dossier static/ du dépôt (/img/x.png pour static/img/x.png), comme la construction du site l’exige.',
  check(ctx) {
    for (const p of localProblems(ctx.root, ctx.entry, ctx.markdown()))
      if (p.rule === 'image-introuvable') ctx.report(p, p.message, p.hint);
  },
};
