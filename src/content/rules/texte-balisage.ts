import { resolve, schemaAt } from '../schemas.js';
import type { EntryRule } from './types.js';

/** What starts markup in a browser: `<` followed by a letter, `/`, `!` or `?` (`< 5 ans` stays text). */
const MARKUP = /<[a-z/!?]/i;

export const texteBalisage: EntryRule = {
  id: 'texte-balisage',
  description:
    'Les champs de texte simple (titre, résumé…) ne contiennent aucun début de balise HTML (« <a », « </ », « <! », « <? ») : ils n’en ont jamais besoin.',
  check(ctx) {
    // Plain-text fields: strings of the schema with no format, pattern or vocabulary (the body is Markdown, not a field).
    const walk = (value: unknown, steps: (string | number)[]): void => {
      if (typeof value === 'string') {
        const found = MARKUP.exec(value);
        if (!found) return;
        const s = schemaAt(ctx.entry.collection, steps);
        const r = s && resolve(s);
        if (!r || r.type !== 'string' || r.format || r.pattern || r.enum || r.anyOf) return;
        const field = steps.filter((x) => typeof x === 'string').join('.');
        ctx.report(
          ctx.entry.locate(steps),
          `Le champ « ${field} » contient « ${found[0]} », un début de balise HTML : ce champ est du texte simple.`,
          'Retirez la balise ; pour « inférieur à », mettez une espace après « < » (par exemple « < 5 ans »).',
        );
      } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...steps, i]));
      else if (value !== null && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(v, [...steps, k]);
    };
    walk(ctx.entry.data, []);
  },
};
