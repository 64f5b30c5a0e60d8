import type { EntryData, EntryRule } from './types.js';

/** Pairs of (start, end) fields to compare, as paths; `*` steps into every item of a list. */
const PAIRS: [string, string][] = [
  ['appels.*.ouverture', 'appels.*.cloture'],
  ['sessions.*.debut', 'sessions.*.fin'],
  ['debut', 'fin'],
];

function expand(data: EntryData, pattern: string): (string | number)[][] {
  const [head, star, tail] = pattern.split('.');
  if (star !== '*') return [[pattern]];
  const list = data[head!];
  return Array.isArray(list) ? list.map((_, i) => [head!, i, tail!]) : [];
}

function get(data: unknown, steps: (string | number)[]): unknown {
  return steps.reduce<unknown>((cur, s) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[s] : undefined), data);
}

export const datesCoherentes: EntryRule = {
  id: 'dates-coherentes',
  description: 'Une date de fin (clôture d’un appel, fin d’un événement ou d’une session) n’est pas avant la date de début.',
  check(ctx) {
    const { entry } = ctx;
    for (const [startPattern, endPattern] of PAIRS) {
      const starts = expand(entry.data, startPattern);
      const ends = expand(entry.data, endPattern);
      starts.forEach((startPath, i) => {
        const endPath = ends[i];
        if (!endPath) return;
        const start = get(entry.data, startPath);
        const end = get(entry.data, endPath);
        if (typeof start !== 'string' || typeof end !== 'string') return;
        if (Date.parse(end) < Date.parse(start)) {
          ctx.report(entry.locate(endPath), `La date de fin (${end}) est avant la date de début (${start}).`, 'Corrigez l’une des deux dates.');
        }
      });
    }
  },
};
