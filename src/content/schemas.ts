/**
 * Schemas and vocabularies, read once from `schemas/`. Validators are compiled once per process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { allCollections, type Collection } from './collections.js';
import { schemasDir } from './paths.js';

export interface JsonSchema {
  $id?: string;
  $ref?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: string[];
  'x-labels'?: Record<string, string>;
  'x-parents'?: Record<string, string>;
  'x-public'?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  $defs?: Record<string, JsonSchema>;
  [key: string]: unknown;
}

const cache = new Map<string, JsonSchema>();

export function readSchema(name: string): JsonSchema {
  let s = cache.get(name);
  if (!s) {
    s = JSON.parse(fs.readFileSync(path.join(schemasDir, `${name}.schema.json`), 'utf8')) as JsonSchema;
    cache.set(name, s);
  }
  return s;
}

export const defsSchema = (): JsonSchema => readSchema('defs');

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

function getAjv(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true, allowMatchingProperties: true });
    // ajv-formats is CommonJS: its default export is the plugin function itself.
    (formatsPlugin as unknown as (a: Ajv2020) => void)(ajv);
    for (const keyword of ['x-labels', 'x-parents', 'x-public']) ajv.addKeyword({ keyword });
    ajv.addSchema(defsSchema());
    for (const c of allCollections()) ajv.addSchema(readSchema(c.schema));
  }
  return ajv;
}

export function validatorFor(c: Collection): ValidateFunction {
  let v = validators.get(c.schema);
  if (!v) {
    const id = readSchema(c.schema).$id;
    v = id ? getAjv().getSchema(id) : undefined;
    if (!v) throw new Error(`Schéma introuvable pour la collection ${c.name}`);
    validators.set(c.schema, v);
  }
  return v;
}

/** Resolves a `$ref` into the schema it points to, keeping the local title and description. */
export function resolve(s: JsonSchema): JsonSchema {
  if (!s.$ref) return s;
  const [file, pointer] = s.$ref.split('#');
  const base = file ? readSchema(file.replace('.schema.json', '')) : defsSchema();
  const name = (pointer ?? '').split('/').pop() ?? '';
  const target = resolve(base.$defs?.[name] ?? {});
  const { $ref: _ref, ...local } = s;
  return { ...target, ...local };
}

/** The (resolved) sub-schema of a collection at a data path; numbers step into arrays. */
export function schemaAt(c: Collection, pathSteps: readonly (string | number)[]): JsonSchema | undefined {
  let s: JsonSchema | undefined = readSchema(c.schema);
  for (const step of pathSteps) {
    if (!s) return undefined;
    s = resolve(s);
    if (typeof step === 'number') s = s.items;
    else s = s.properties?.[step] ?? (s.items ? resolve(s.items).properties?.[step] : undefined);
  }
  return s ? resolve(s) : undefined;
}

/** French label of a field. */
export function fieldLabel(c: Collection, pathSteps: readonly (string | number)[]): string {
  // An item without a title of its own (e.g. one of the « Constats clés ») takes its list's title.
  for (let n = pathSteps.length; n > 0; n--) {
    const title = schemaAt(c, pathSteps.slice(0, n))?.title;
    if (title) return title;
  }
  const named = pathSteps.filter((p): p is string => typeof p === 'string');
  return named[named.length - 1] ?? '';
}

/** French label of a vocabulary value, when the field has labels. */
export function valueLabel(s: JsonSchema | undefined, value: string): string {
  if (!s) return value;
  const r = resolve(s);
  const labels = r['x-labels'] ?? (r.items ? resolve(r.items)['x-labels'] : undefined);
  return labels?.[value] ?? value;
}

export interface Vocabulary {
  name: string;
  title: string;
  labels: Record<string, string>;
}

/** The shared vocabularies of `defs.schema.json`, with their French labels. */
export function vocabularies(): Record<string, Vocabulary> {
  const out: Record<string, Vocabulary> = {};
  for (const [name, def] of Object.entries(defsSchema().$defs ?? {})) {
    if (def['x-labels']) out[name] = { name, title: def.title ?? name, labels: def['x-labels'] };
  }
  return out;
}

/** Territory hierarchy: département → région. */
export function territoryParents(): Record<string, string> {
  return defsSchema().$defs?.territoire?.['x-parents'] ?? {};
}
