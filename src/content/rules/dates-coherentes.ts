import type { EntryRule } from './types.js';

/** Pairs of (start, end) fields to compare: at the top level, or in every item of a list. */
const PAIRS: { list?: string; start: string; end: string }[] = [
  { list: 'appels', start: 'ouverture', end: 'cloture' },
  { list: 'sessions', start: 'debut', end: 'fin' },
  { start: 'debut', end: 'fin' },
];

const field = (item: unknown, name: string): unknown => (item && typeof item === 'object' ? (item as Record<string, unknown>)[name] : undefined);

export const datesCoherentes: EntryRule = {
  id: 'dates-coherentes',
  description: 'Une date de fin (clôture d’un appel, fin d’un événement ou d’une session) n’est pas avant la date de début.',
  check(ctx) {
    const { data } = ctx.entry;
    const compare = (start: unknown, end: unknown, endPath: () => (string | number)[]): void => {
      if (typeof start !== 'string' || typeof end !== 'string') return;
      if (Date.parse(end) < Date.parse(start)) {
        ctx.report(ctx.entry.locate(endPath()), `La date de fin (${end}) est avant la date de début (${start}).`, 'Corrigez l’une des deux dates.');
      }
    };
    for (const pair of PAIRS) {
      if (pair.list === undefined) {
        compare(data[pair.start], data[pair.end], () => [pair.end]);
        continue;
      }
      const list = data[pair.list];
      if (!Array.isArray(list)) continue;
      list.forEach((item: unknown, i) => compare(field(item, pair.start), field(item, pair.end), () => [pair.list!, i, pair.end]));
    }
  },
};
