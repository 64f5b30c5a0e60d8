import type { ErrorObject } from 'ajv';
import { fieldLabel, schemaAt, validatorFor, type JsonSchema } from '../schemas.js';
import { PLACEHOLDER } from './a-completer.js';
import type { EntryRule } from './types.js';

function valueAt(data: unknown, steps: (string | number)[]): unknown {
  return steps.reduce<unknown>(
    (cur, s) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[s] : undefined),
    data,
  );
}

function pathOf(instancePath: string, data: unknown): (string | number)[] {
  if (!instancePath) return [];
  const steps: (string | number)[] = [];
  let cur: unknown = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(cur) ? Number(step) : step;
    steps.push(key);
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[step] : undefined;
  }
  return steps;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  integer: 'un nombre entier',
  boolean: '`true` ou `false`',
  array: 'une liste',
  object: 'un ensemble de champs',
  null: 'vide',
};

function closest(word: string, candidates: string[]): string | undefined {
  const dist = (a: string, b: string): number => {
    const d = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let prev = d[0]!;
      d[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const tmp = d[j]!;
        d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = tmp;
      }
    }
    return d[b.length]!;
  };
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dd = dist(word, c);
    if (dd < bestD) {
      bestD = dd;
      best = c;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function patternMessage(s: JsonSchema | undefined, label: string): [string, string] {
  const p = s?.pattern ?? '';
  if (p.startsWith('^https://'))
    return [
      `« ${label} » doit être une adresse commençant par https://.`,
      'Utilisez l’adresse sécurisée (https://) de la page.',
    ];
  if (p.startsWith('^(19|20)'))
    return [
      `« ${label} » doit être une année, un mois ou un jour : AAAA, AAAA-MM ou AAAA-MM-JJ.`,
      'Par exemple : "2023" (entre guillemets), 2023-09 ou 2023-09-14 ; ne donnez que ce qui est connu.',
    ];
  if (p.startsWith('^(practices|') || p.startsWith('^practices/'))
    return [
      `« ${label} » doit être de la forme <collection>/<identifiant>.`,
      'Par exemple : studies/barometre-secours-populaire.',
    ];
  return [
    `« ${label} » ne doit contenir que des minuscules sans accent, des chiffres et des tirets.`,
    'Par exemple : epicerie-solidaire-mobile.',
  ];
}

function translate(err: ErrorObject, label: string, s: JsonSchema | undefined): [string, string | undefined] {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'type':
      return [`« ${label} » doit être ${TYPE_NAMES[String(p.type)] ?? String(p.type)}.`, undefined];
    case 'enum': {
      const values = (s?.enum ?? []).slice(0, 12);
      const more = (s?.enum?.length ?? 0) > values.length ? ', …' : '';
      return [`Valeur non reconnue pour « ${label} ».`, `Valeurs possibles : ${values.join(', ')}${more || '.'}`];
    }
    case 'anyOf':
      if (s?.['x-labels']?.national)
        return [
          `Valeur non reconnue pour « ${label} ».`,
          'Indiquez national, reg-<code INSEE> (région), dep-<code INSEE> (département), ' +
            'com-<code INSEE> (commune, par exemple com-34172) ou epci-<SIREN> (intercommunalité).',
        ];
    // falls through: « date ou date et heure »
    case 'format': {
      const f = err.keyword === 'anyOf' ? 'datetime' : String(p.format);
      const what: Record<string, [string, string]> = {
        date: ['une date au format AAAA-MM-JJ', 'Par exemple : 2026-03-31.'],
        'date-time': ['une date et heure', 'Par exemple : 2026-03-31T14:00:00+02:00.'],
        datetime: [
          'une date (AAAA-MM-JJ) ou une date et heure',
          'Par exemple : 2026-03-31 ou 2026-03-31T14:00:00+02:00.',
        ],
        uri: ['une adresse web complète', 'Par exemple : https://www.exemple.fr/page.'],
        email: ['une adresse électronique', 'Par exemple : contact@exemple.fr.'],
      };
      const [m, h] = what[f] ?? [`au format ${f}`, ''];
      return [`« ${label} » doit être ${m}.`, h || undefined];
    }
    case 'pattern':
      return patternMessage(s, label);
    case 'minItems':
      return [
        `« ${label} » doit contenir au moins ${String(p.limit)} valeur${Number(p.limit) > 1 ? 's' : ''}.`,
        undefined,
      ];
    case 'maxItems':
      return [`« ${label} » contient trop de valeurs (${String(p.limit)} au plus).`, undefined];
    case 'minLength':
      return [`« ${label} » est trop court (${String(p.limit)} caractères au moins).`, undefined];
    case 'maxLength':
      return [`« ${label} » est trop long (${String(p.limit)} caractères au plus).`, 'Raccourcissez le texte.'];
    case 'uniqueItems':
      return [`« ${label} » contient deux fois la même valeur.`, 'Supprimez le doublon.'];
    default:
      return [`« ${label} » est invalide (${err.message ?? err.keyword}).`, undefined];
  }
}

export const schemaRule: EntryRule = {
  id: 'schema',
  description: 'Chaque entrée respecte le schéma de sa collection (champs, types, vocabulaires).',
  check(ctx) {
    const { entry } = ctx;
    const validate = validatorFor(entry.collection);
    if (validate(entry.data)) return;
    for (const err of validate.errors ?? []) {
      if (err.schemaPath.includes('/anyOf/')) continue; // the anyOf error itself says it better
      if (err.keyword === 'if') continue; // the failed `then`/`else` (a missing field) says it better
      const steps = pathOf(err.instancePath, entry.data);
      if (String(valueAt(entry.data, steps)).includes(PLACEHOLDER)) continue; // reported by a-completer
      const p = err.params as Record<string, unknown>;
      if (err.keyword === 'required') {
        const field = String(p.missingProperty);
        const fieldSchema = schemaAt(entry.collection, [...steps, field]);
        const label = fieldSchema?.title ?? field;
        ctx.report(
          { ...entry.locate(steps), path: [...steps, field] },
          `Le champ obligatoire « ${label} » (\`${field}\`) est manquant.`,
          `Ajoutez le champ \`${field}\`${fieldSchema?.description ? ` : ${fieldSchema.description}` : '.'}`,
        );
      } else if (err.keyword === 'additionalProperties') {
        const field = String(p.additionalProperty);
        const known = Object.keys(schemaAt(entry.collection, steps)?.properties ?? {});
        const guess = closest(field, known);
        ctx.report(
          { ...entry.locate([...steps, field], true), path: [...steps, field] },
          `Champ inconnu : \`${field}\`.`,
          guess ? `Vouliez-vous écrire \`${guess}\` ?` : `Supprimez-le ; champs possibles : ${known.join(', ')}.`,
        );
      } else {
        const fieldSchema = schemaAt(entry.collection, steps);
        const [message, hint] = translate(
          err,
          steps.length ? fieldLabel(entry.collection, steps) : 'L’entrée',
          fieldSchema,
        );
        ctx.report({ ...entry.locate(steps), path: steps }, message, hint);
      }
    }
  },
};
