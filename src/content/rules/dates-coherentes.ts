import type { EntryContext, EntryRule } from './types.js';

/** Pairs of (start, end) fields to compare: at the top level, or in every item of a list. */
const PAIRS: { list?: string; start: string; end: string }[] = [
  { list: 'appels', start: 'ouverture', end: 'cloture' },
  { list: 'sessions', start: 'debut', end: 'fin' },
  { start: 'debut', end: 'fin' },
];

function field(item: unknown, name: string): unknown {
  return item && typeof item === 'object' ? (item as Record<string, unknown>)[name] : undefined;
}

function check(ctx: EntryContext, start: unknown, end: unknown, endPath: readonly (string | number)[]): void {
  if (typeof start !== 'string' || typeof end !== 'string') return;
  if (Date.parse(end) < Date.parse(start)) {
    ctx.report(
      ctx.entry.locate(endPath),
      `La date de fin (${end}) est avant la date de début (${start}).`,
      'Corrigez l’une des deux dates.',
    );
  }
}

// Loops rather than callbacks: this rule runs on every entry.
export const datesCoherentes: EntryRule = {
  id: 'dates-coherentes',
  description:
    'Une date de fin (clôture d’un appel, fin d’un événement ou d’une session) n’est pas avant la date de début.',
  check(ctx) {
    const { data } = ctx.entry;
    for (const pair of PAIRS) {
      if (pair.list === undefined) {
        check(ctx, data[pair.start], data[pair.end], [pair.end]);
        continue;
      }
      const list = data[pair.list];
      if (!Array.isArray(list)) continue;
      for (let i = 0; i < list.length; i++)
        check(ctx, field(list[i], pair.start), field(list[i], pair.end), [pair.list, i, pair.end]);
    }
  },
};
