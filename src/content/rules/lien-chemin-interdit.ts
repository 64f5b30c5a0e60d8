import { localProblems } from '../site-paths.js';
import type { EntryRule } from './types.js';

export const lienCheminInterdit: EntryRule = {
  id: 'lien-chemin-interdit',
  description:
    'Les liens locaux sont des adresses du portail écrites depuis la racine (/fiches/identifiant) : ni chemin relatif, ni « .. », ni « @site/ », ni fichier caché (.git), ni « file: ».',
  check(ctx) {
    for (const p of localProblems(ctx.root, ctx.entry, ctx.markdown()))
      if (p.rule === 'lien-chemin-interdit') ctx.report(p, p.message, p.hint);
  },
};
