import { COMMUNE, EPCI, territoryOf } from '../geography.js';
import type { EntryRule } from './types.js';

type Step = string | number;

/** Every `territoires` list of an entry (top level, and in the calls of a funder), with its path. */
function territoryLists(value: unknown, at: Step[] = [], out: [Step[], unknown[]][] = []): [Step[], unknown[]][] {
  if (Array.isArray(value)) value.forEach((v, i) => territoryLists(v, [...at, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === 'territoires' && Array.isArray(v)) out.push([[...at, k], v]);
      else territoryLists(v, [...at, k], out);
    }
  return out;
}

export const territoireInconnu: EntryRule = {
  id: 'territoire-inconnu',
  description:
    'Un territoire com-<code INSEE> ou epci-<SIREN> désigne une commune ou une intercommunalité qui existe (COG).',
  check(ctx) {
    const { entry } = ctx;
    for (const [path, codes] of territoryLists(entry.data)) {
      codes.forEach((code, i) => {
        if (typeof code !== 'string' || (!COMMUNE.test(code) && !EPCI.test(code)) || territoryOf(code)) return;
        const commune = COMMUNE.test(code);
        ctx.report(
          entry.locate([...path, i]),
          commune
            ? `Aucune commune n’a le code INSEE « ${code.slice(4)} » (${code}).`
            : `Aucune intercommunalité n’a le SIREN « ${code.slice(5)} » (${code}).`,
          commune
            ? 'Indiquez le code INSEE de la commune (pas son code postal), par exemple com-34172 pour Montpellier.'
            : 'Indiquez le SIREN de l’EPCI à fiscalité propre, par exemple epci-243400017 pour Montpellier Méditerranée Métropole.',
        );
      });
    }
  },
};
