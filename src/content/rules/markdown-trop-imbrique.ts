import { markdownLimitExceeded } from '../markdown.js';
import type { EntryRule } from './types.js';

export const markdownTropImbrique: EntryRule = {
  id: 'markdown-trop-imbrique',
  description:
    'Le texte n’imbrique pas plus de 32 citations ou listes par ligne, ni plus de 500 suites de « * », « _ », « ~ » par paragraphe (vérifié avant toute analyse du Markdown).',
  check(ctx) {
    const limit = markdownLimitExceeded(ctx.entry.body);
    if (limit) ctx.report(ctx.bodyPosition(limit.line, limit.col), limit.message, limit.hint);
  },
};
