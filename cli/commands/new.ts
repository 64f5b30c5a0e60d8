import fs from 'node:fs';
import path from 'node:path';
import { allCollections, findCollection, type Collection } from '../../src/content/collections.js';
import { knownRefs } from '../../src/content/load.js';
import { UsageError } from '../../src/content/problems.js';
import { PLACEHOLDER } from '../../src/content/rules/a-completer.js';
import { readSchema, resolve, type JsonSchema } from '../../src/content/schemas.js';
import { entryPath, serializeEntry, slugify } from '../../src/content/serialize.js';
import { bodyTemplates } from '../../src/content/templates.js';
import { todayIso } from '../../src/content/validate.js';
import type { ExitCode, Io } from '../io.js';
import { findRoot } from '../root.js';

export interface NewOptions {
  titre?: string;
  set?: string[];
  yes?: boolean;
  today?: string;
}

/** Converts a `--set` value to the type the schema expects. */
export function coerce(field: string, raw: string, schema: JsonSchema): unknown {
  const s = resolve(schema);
  if (s.type === 'array')
    return raw
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)
      .map((v) => (s.items ? coerce(field, v, s.items) : v));
  if (s.type === 'boolean') {
    if (/^(true|oui|vrai|1)$/i.test(raw)) return true;
    if (/^(false|non|faux|0)$/i.test(raw)) return false;
    throw new UsageError(`--set ${field}=${raw} : indiquez oui ou non.`);
  }
  if (s.type === 'object')
    throw new UsageError(`--set ${field} : ce champ a des sous-champs ; complétez-le dans le fichier.`);
  // Checked here, before any path is built from the value (the id and the maillon name the file).
  if (s.enum && !s.enum.includes(raw))
    throw new UsageError(`--set ${field}=${raw} : valeur inconnue ; valeurs possibles : ${s.enum.join(', ')}.`);
  if ((s.maxLength !== undefined && raw.length > s.maxLength) || (s.pattern && !new RegExp(s.pattern, 'u').test(raw))) {
    throw new UsageError(`--set ${field}=${raw} : valeur refusée${s.description ? ` : ${s.description}` : '.'}`);
  }
  return raw;
}

function parseSets(c: Collection, sets: string[]): Record<string, unknown> {
  const props = readSchema(c.schema).properties ?? {};
  const out: Record<string, unknown> = {};
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set « ${set} » : écrivez --set champ=valeur.`);
    const field = set.slice(0, eq).trim();
    const schema = props[field];
    if (!schema)
      throw new UsageError(
        `--set : champ inconnu « ${field} » pour ${c.label} ; champs possibles : ${Object.keys(props).join(', ')}.`,
      );
    out[field] = coerce(field, set.slice(eq + 1).trim(), schema);
  }
  return out;
}

async function ask(field: string, schema: JsonSchema): Promise<unknown> {
  const { input, select, checkbox, confirm } = await import('@inquirer/prompts');
  const s = resolve(schema);
  const message = `${s.title ?? field}${s.description ? ` — ${s.description}` : ''}`;
  const itemLabels = s.items ? resolve(s.items)['x-labels'] : undefined;
  if (s.type === 'array' && itemLabels) {
    return checkbox({
      message,
      required: (s.minItems ?? 0) > 0,
      pageSize: 12,
      choices: Object.entries(itemLabels).map(([value, name]) => ({ value, name })),
    });
  }
  if (s['x-labels'])
    return select({
      message,
      pageSize: 12,
      choices: Object.entries(s['x-labels']).map(([value, name]) => ({ value, name })),
    });
  if (s.type === 'boolean') return confirm({ message });
  if (s.type === 'string' && !s.format) return input({ message, required: true });
  return undefined;
}

function placeholderFor(schema: JsonSchema): unknown {
  const s = resolve(schema);
  if (s.type === 'array') return s.items && resolve(s.items).type === 'object' ? undefined : [PLACEHOLDER];
  if (s.type === 'boolean' || s.type === 'object') return undefined;
  return PLACEHOLDER;
}

export async function newEntry(name: string, options: NewOptions, io: Io): Promise<ExitCode> {
  const c = findCollection(name);
  if (!c)
    throw new UsageError(
      `Collection inconnue « ${name} » : choisissez parmi ${allCollections()
        .map((x) => x.alias)
        .join(', ')}.`,
    );
  const root = findRoot(io.cwd);
  const schema = readSchema(c.schema);
  const props = schema.properties ?? {};
  const interactive = io.interactive && !options.yes;
  const data: Record<string, unknown> = parseSets(c, options.set ?? []);
  const titre =
    options.titre ??
    (typeof data.titre === 'string' ? data.titre : undefined) ??
    (interactive ? await ask('titre', props.titre!) : undefined);
  if (typeof titre !== 'string' || titre.trim() === '') throw new UsageError('Indiquez un titre avec --titre "…".');
  data.titre = titre.trim();
  const id = typeof data.id === 'string' ? data.id : slugify(titre.trim());
  if (!id) throw new UsageError('Le titre doit contenir au moins une lettre ou un chiffre.');
  data.id = id;

  const today = options.today ?? todayIso();
  for (const field of schema.required ?? []) {
    if (data[field] !== undefined) continue;
    if (field === 'date_maj' || field === 'derniere_revue') {
      data[field] = today;
      continue;
    }
    const answer = interactive ? await ask(field, props[field]!) : undefined;
    const value = answer ?? placeholderFor(props[field]!);
    if (value !== undefined) data[field] = value;
  }
  if (
    c.groupBy &&
    (!Array.isArray(data[c.groupBy]) ||
      data[c.groupBy] === undefined ||
      (data[c.groupBy] as unknown[])[0] === PLACEHOLDER)
  ) {
    throw new UsageError(
      `Pour une ${c.singular}, indiquez au moins un maillon : --set ${c.groupBy}=distribution (valeurs : ${Object.keys(resolve(resolve(props[c.groupBy]!).items ?? {})['x-labels'] ?? {}).join(', ')}).`,
    );
  }

  const file = entryPath(c, data);
  if (knownRefs(root).has(`${c.name}/${id}`) || fs.existsSync(path.join(root, file))) {
    throw new UsageError(
      `L’entrée « ${c.name}/${id} » existe déjà : choisissez un autre titre, ou --set id=autre-identifiant.`,
    );
  }
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), serializeEntry(c, file, data, bodyTemplates[c.name] ?? ''), { flag: 'wx' });
  io.out(
    [
      `✔ Créé : ${file}`,
      '',
      'Prochaines étapes :',
      `  1. Complétez les parties marquées « ${PLACEHOLDER} » dans ${file}`,
      `  2. Vérifiez : npm run essaim -- validate ${file}`,
      '  3. Proposez-la : npm run essaim -- propose',
    ].join('\n'),
  );
  return 0;
}
