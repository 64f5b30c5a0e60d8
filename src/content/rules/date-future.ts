import type { EntryRule } from './types.js';

const FIELDS = ['date_maj', 'derniere_revue'];

export const dateFuture: EntryRule = {
  id: 'date-future',
  description: 'Les dates de mise à jour et de revue ne sont pas dans le futur.',
  check(ctx) {
    for (const field of FIELDS) {
      const value = ctx.entry.data[field];
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && value > ctx.today) {
        ctx.report(
          ctx.entry.locate([field]),
          `La date « ${value} » est dans le futur.`,
          `Indiquez la date du jour (${ctx.today}) ou une date passée.`,
        );
      }
    }
  },
};
