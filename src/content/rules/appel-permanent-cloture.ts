import type { EntryRule } from './types.js';

export const appelPermanentCloture: EntryRule = {
  id: 'appel-permanent-cloture',
  description: 'Un dispositif permanent n’a pas de date limite ; un montant minimal ne dépasse pas le montant maximal.',
  check(ctx) {
    const calls = ctx.entry.data.appels;
    if (!Array.isArray(calls)) return;
    calls.forEach((raw: unknown, i) => {
      if (!raw || typeof raw !== 'object') return;
      const call = raw as Record<string, unknown>;
      if (call.recurrence === 'permanent' && call.cloture !== undefined)
        ctx.report(
          ctx.entry.locate(['appels', i, 'cloture'], true),
          'Un dispositif permanent n’a pas de date limite.',
          'Supprimez `cloture`, ou choisissez `recurrence: ponctuel` si l’appel a vraiment une date limite.',
        );
      const { montant_min: min, montant_max: max } = call;
      if (typeof min === 'number' && typeof max === 'number' && min > max)
        ctx.report(
          ctx.entry.locate(['appels', i, 'montant_min']),
          `Le montant minimal (${min} €) dépasse le montant maximal (${max} €).`,
          'Corrigez l’un des deux montants.',
        );
    });
  },
};
