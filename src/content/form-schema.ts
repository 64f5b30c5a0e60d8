/**
 * The schema of a collection as the web form needs it: pure (no file access), so it runs in the
 * browser as well as in the service. `$ref`s to `defs.schema.json` are inlined, vocabularies get
 * their French labels as `oneOf: [{ const, title }]`, and the fields the service computes (or that
 * are never public) are left out.
 */
import type { Collection } from './collections.js';
import type { JsonSchema } from './schemas.js';

/** Fields the person filling the form is never asked: the service computes them. */
export const COMPUTED_FIELDS = ['id', 'date_maj', 'derniere_revue'] as const;

/** Keys of JSON Schema that only make sense at the top of a schema document. */
const DOCUMENT_KEYS = new Set(['$schema', '$id', '$defs']);

function refTarget(ref: string, defs: JsonSchema, local: JsonSchema): JsonSchema {
  const [file, pointer = ''] = ref.split('#');
  if (file && file !== 'defs.schema.json') throw new Error(`Référence de schéma non prise en charge : ${ref}`);
  const doc = file ? defs : local;
  const target = doc.$defs?.[pointer.split('/').pop() ?? ''];
  if (!target) throw new Error(`Référence de schéma introuvable : ${ref}`);
  return target;
}

/**
 * Inlines every `$ref` (local keys win over the target's, as in `resolve` of the core), drops
 * document-level keys, and keeps `x-labels`/`x-public` for the form to read.
 * `inDefs` tells whether local refs (`#/$defs/x`) point into defs.schema.json.
 */
export function inlineRefs(
  schema: JsonSchema,
  defs: JsonSchema,
  root: JsonSchema = schema,
  inDefs = false,
  depth = 0,
): JsonSchema {
  if (depth > 32) throw new Error('Schéma trop profondément imbriqué.');
  let s = schema;
  let localDefs = inDefs;
  if (s.$ref) {
    const [file] = s.$ref.split('#');
    const target = refTarget(s.$ref, defs, inDefs ? defs : root);
    localDefs = inDefs || Boolean(file);
    const { $ref: _ref, ...local } = s;
    s = { ...inlineRefs(target, defs, root, localDefs, depth + 1), ...local };
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(s)) {
    if (DOCUMENT_KEYS.has(key)) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [
          k,
          inlineRefs(v, defs, root, localDefs, depth + 1),
        ]),
      );
    } else if (key === 'items' && value && typeof value === 'object') {
      out.items = inlineRefs(value as JsonSchema, defs, root, localDefs, depth + 1);
    } else if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value)) {
      out[key] = (value as JsonSchema[]).map((v) => inlineRefs(v, defs, root, localDefs, depth + 1));
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** A string vocabulary (`enum` + `x-labels`) becomes `oneOf` of `{ const, title }`, so lists show labels. */
function labelled(s: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...s };
  if (out.properties)
    out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, labelled(v)]));
  if (out.items) out.items = labelled(out.items);
  if (Array.isArray(out.enum) && out.type === 'string') {
    const labels = out['x-labels'] ?? {};
    const { enum: values, ...rest } = out;
    return { ...rest, oneOf: values.map((v) => ({ const: v, title: labels[v] ?? v })) };
  }
  // The territory vocabulary also accepts commune and EPCI codes (`anyOf`): the labelled vocabulary
  // first (the form offers it), then the other forms, so that a commune found by the search is valid.
  const vocabulary = out['x-labels'] && out.anyOf?.find((a) => Array.isArray(a.enum) && a.type === 'string');
  if (vocabulary) {
    const { anyOf = [], 'x-labels': labels, ...rest } = out;
    return {
      ...rest,
      anyOf: [labelled({ ...vocabulary, 'x-labels': labels }), ...anyOf.filter((a) => a !== vocabulary)],
    };
  }
  return out;
}

/** Removes the `x-*` annotations (the form's own validator runs in strict-free mode, but keep it tidy). */
function withoutAnnotations(s: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(s)) {
    if (key.startsWith('x-')) continue;
    if (key === 'properties')
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, withoutAnnotations(v)]),
      );
    else if (key === 'items') out.items = withoutAnnotations(value as JsonSchema);
    else if ((key === 'then' || key === 'else') && value && typeof value === 'object') {
      // `properties: { cloture: true }` in a branch only says the field exists; rjsf would merge that
      // `true` over the field's definition and stop showing it. `required` is what the branch checks.
      const { properties, ...branch } = value as JsonSchema;
      const kept = Object.entries(properties ?? {}).filter(([, v]) => typeof v === 'object');
      out[key] = withoutAnnotations(kept.length ? { ...branch, properties: Object.fromEntries(kept) } : branch);
    } else if (
      key === 'anyOf' &&
      Array.isArray(value) &&
      value.every((v) => Object.keys(v as object).join() === 'format')
    )
      continue; // « date ou date et heure » : a text field, checked by the service
    else if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value))
      out[key] = (value as JsonSchema[]).map(withoutAnnotations);
    else out[key] = value;
  }
  return out;
}

/** Names of the fields the form asks for, in schema order. */
export function askedFields(schema: JsonSchema): string[] {
  return Object.entries(schema.properties ?? {})
    .filter(([name, s]) => !(COMPUTED_FIELDS as readonly string[]).includes(name) && s['x-public'] !== false)
    .map(([name]) => name);
}

/**
 * The schema the form renders for a collection: refs inlined, labelled vocabularies, computed and
 * private fields left out (and not required).
 */
export function formSchema(collectionSchema: JsonSchema, defs: JsonSchema): JsonSchema {
  const full = inlineRefs(collectionSchema, defs);
  const asked = askedFields(full);
  const properties = Object.fromEntries(asked.map((k) => [k, full.properties![k]!]));
  const required = (full.required ?? []).filter((k) => asked.includes(k));
  const { title: _title, description: _description, ...rest } = full;
  return withoutAnnotations(labelled({ ...rest, properties, required }));
}

/** Territory codes with their French labels, from the bundled `territoire` vocabulary. */
export function vocabularyOptions(s: JsonSchema | undefined): { value: string; label: string }[] {
  const items = s?.items ?? s;
  const oneOf = ((items?.oneOf ?? items?.anyOf?.[0]?.oneOf) as JsonSchema[] | undefined) ?? [];
  return oneOf.map((o) => ({ value: String(o.const), label: String(o.title ?? o.const) }));
}

/** True when the collection's entries carry a Markdown text after their header. */
export function hasBody(c: Collection): boolean {
  return c.format === 'md';
}

interface AjvLikeError {
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  integer: 'un nombre entier',
  boolean: 'oui ou non',
  array: 'une liste',
  object: 'un ensemble de champs',
  null: 'vide',
};

/** A French message for one ajv error about a field labelled `label` (used by the form and the service). */
export function ajvMessageFr(err: AjvLikeError, label: string): string {
  const p = err.params;
  const n = Number(p.limit);
  switch (err.keyword) {
    case 'required':
      return `Le champ « ${label} » est obligatoire.`;
    case 'type':
      return `« ${label} » doit être ${TYPE_NAMES[String(p.type)] ?? String(p.type)}.`;
    case 'enum':
    case 'const':
    case 'oneOf':
    case 'anyOf':
      return `Choisissez une valeur proposée pour « ${label} ».`;
    case 'format': {
      const what: Record<string, string> = {
        date: 'une date au format AAAA-MM-JJ',
        'date-time': 'une date et une heure',
        uri: 'une adresse web complète (https://…)',
        email: 'une adresse électronique (nom@exemple.fr)',
      };
      return `« ${label} » doit être ${what[String(p.format)] ?? `au format ${String(p.format)}`}.`;
    }
    case 'pattern': {
      const pattern = String(p.pattern);
      if (pattern.startsWith('^https://')) return `« ${label} » doit être une adresse commençant par https://.`;
      if (pattern.startsWith('^(practices|')) return `« ${label} » doit être de la forme <collection>/<identifiant>.`;
      return `« ${label} » n’a pas la forme attendue.`;
    }
    case 'minItems':
      return n <= 1
        ? `Choisissez au moins une valeur pour « ${label} ».`
        : `Choisissez au moins ${n} valeurs pour « ${label} ».`;
    case 'maxItems':
      return `« ${label} » contient trop de valeurs (${n} au plus).`;
    case 'minLength':
      return n <= 1
        ? `Le champ « ${label} » est obligatoire.`
        : `« ${label} » est trop court (${n} caractères au moins).`;
    case 'maxLength':
      return `« ${label} » est trop long (${n} caractères au plus).`;
    case 'uniqueItems':
      return `« ${label} » contient deux fois la même valeur.`;
    case 'additionalProperties':
      return `Champ inconnu : « ${String(p.additionalProperty)} ».`;
    case 'minimum':
      return `« ${label} » doit valoir au moins ${String(p.limit)}.`;
    case 'maximum':
      return `« ${label} » doit valoir au plus ${String(p.limit)}.`;
    default:
      return `« ${label} » est invalide.`;
  }
}
