import { decodeEntities, markdownNodes } from '../markdown.js';
import type { EntryRule } from './types.js';

const FORBIDDEN_TAG = /<\s*\/?\s*(script|iframe|style|object|embed|frame|frameset|base|meta|link|form|svg|math)\b/i;
const HANDLER = /[\s"'/]on[a-z]+\s*=/i;

export const htmlInterdit: EntryRule = {
  id: 'html-interdit',
  description: 'Le texte ne contient pas de HTML actif : balises script, iframe, style, object… ni attributs on*=.',
  check(ctx) {
    for (const node of markdownNodes(ctx.markdown())) {
      if (node.type !== 'html') continue;
      const raw = decodeEntities(node.value);
      const pos = ctx.bodyPosition(node.position?.start.line ?? 1, node.position?.start.column ?? 1);
      const tag = FORBIDDEN_TAG.exec(raw);
      if (tag) {
        ctx.report(
          pos,
          `La balise HTML <${tag[1]!.toLowerCase()}> n’est pas autorisée.`,
          'Le contenu est du Markdown simple : supprimez la balise, ou mettez un lien vers la ressource.',
        );
      } else if (HANDLER.test(raw)) {
        ctx.report(
          pos,
          'Les attributs HTML d’événement (onclick, onerror…) ne sont pas autorisés.',
          'Supprimez l’attribut.',
        );
      }
    }
  },
};
