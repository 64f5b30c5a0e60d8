import { DANGEROUS_SCHEMES, decodeEntities, markdownNodes, schemeOf } from '../markdown.js';
import { HTML_URL_ATTR } from '../site-paths.js';
import type { EntryRule } from './types.js';

export const lienDangereux: EntryRule = {
  id: 'lien-dangereux',
  description: 'Aucun lien ni image n’utilise les schémas javascript:, vbscript: ou data:.',
  check(ctx) {
    const flag = (url: string, line: number, col: number): void => {
      const scheme = schemeOf(url);
      if (scheme && DANGEROUS_SCHEMES.has(scheme)) {
        ctx.report(
          ctx.bodyPosition(line, col),
          `Les liens « ${scheme}: » ne sont pas autorisés.`,
          'Utilisez une adresse https:// ou un lien vers une page du portail.',
        );
      }
    };
    for (const node of markdownNodes(ctx.markdown())) {
      const line = node.position?.start.line ?? 1;
      const col = node.position?.start.column ?? 1;
      if (node.type === 'link' || node.type === 'image' || node.type === 'definition') flag(node.url, line, col);
      if (node.type === 'html') {
        for (const m of decodeEntities(node.value).matchAll(HTML_URL_ATTR)) flag(m[1] ?? m[2] ?? m[3] ?? '', line, col);
      }
    }
  },
};
