import { localProblems } from '../site-paths.js';
import type { EntryRule } from './types.js';

export const lienInterneIntrouvable: EntryRule = {
  id: 'lien-interne-introuvable',
  description:
    'Chaque lien local mène à une page du portail (catalogue, entrée, page du site) ou à un fichier du dossier static/, comme la construction du site l’exige.',
  check(ctx) {
    for (const p of localProblems(ctx.root, ctx.entry, ctx.markdown()))
      if (p.rule === 'lien-interne-introuvable') ctx.report(p, p.message, p.hint);
  },
};
